import { css } from 'lit';

/** Styles of the import panel. */
export const importPanelStyles = css`
  :host {
    display: block;
    font-size: 0.9rem;
  }
  .drop {
    border: 2px dashed #8c959f;
    border-radius: 6px;
    padding: 0.8rem;
    text-align: center;
    background: #f6f8fa;
  }
  .drop.over {
    border-color: #b35c00;
    background: #fff4e5;
  }
  .drop p {
    margin: 0 0 0.4rem;
  }
  textarea {
    width: 100%;
    box-sizing: border-box;
    min-height: 5rem;
    font-family: ui-monospace, 'Noto Sans Mono CJK SC', monospace;
    font-size: 0.8rem;
  }
  label.block {
    display: block;
    margin: 0.5rem 0 0.2rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
    margin: 0.3rem 0;
  }
  .error {
    color: #8b0000;
    background: #fdecee;
    border: 1px solid #e5a0a8;
    border-radius: 4px;
    padding: 0.4rem;
    overflow-wrap: anywhere;
  }
  .ok {
    color: #0b5d1e;
    background: #e8f5ea;
    border-radius: 4px;
    padding: 0.4rem;
    overflow-wrap: anywhere;
  }
  section.card {
    border: 1px solid #d0d7de;
    border-radius: 6px;
    padding: 0.5rem;
    margin: 0.6rem 0;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.15rem 0.6rem;
    margin: 0.3rem 0;
  }
  dt {
    color: #57606a;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  ul.issues {
    margin: 0.2rem 0;
    padding-left: 1.1rem;
  }
  ul.issues li.error-sev {
    color: #8b0000;
  }
  ul.layers {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  ul.layers > li {
    border-bottom: 1px solid #e5e7eb;
    padding: 0.4rem 0;
  }
  .swatch {
    display: inline-block;
    width: 0.9rem;
    height: 0.9rem;
    border: 2px solid;
    border-radius: 2px;
    vertical-align: middle;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.8rem;
  }
  th,
  td {
    border: 1px solid #d0d7de;
    padding: 0.15rem 0.3rem;
    text-align: left;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  td.num {
    text-align: right;
  }
  .sheet h1 {
    font-size: 1rem;
  }
  .sheet h2 {
    font-size: 0.95rem;
  }
  .sheet h3 {
    font-size: 0.9rem;
  }
  .sheet .sev-forbidden {
    color: #8b0000;
  }
  .sheet .note,
  .sheet .caveat {
    font-size: 0.75rem;
    color: #57606a;
  }
  .sheet table.meta th {
    width: 7rem;
  }
  .sheet table {
    table-layout: fixed;
  }
  .scroll {
    overflow-x: auto;
    max-width: 100%;
  }
  .danger {
    border-color: #8b0000;
    color: #8b0000;
  }
  progress {
    width: 6rem;
  }
  @media print {
    .no-print {
      display: none;
    }
  }
`;
