import { css } from 'lit';

/** Styles of the radar-siting panel. */
export const radarPanelStyles = css`
  :host {
    display: block;
    font-size: 0.85rem;
  }
  :host([dragover]) {
    outline: 3px dashed #0072b2;
    outline-offset: -3px;
  }
  fieldset {
    border: 1px solid #d0d7de;
    border-radius: 4px;
    margin: 0.5rem 0;
    padding: 0.4rem 0.6rem;
  }
  legend {
    font-weight: 600;
  }
  .grid {
    display: grid;
    grid-template-columns: 1fr 6.5rem;
    gap: 0.25rem 0.5rem;
    align-items: center;
  }
  .grid input {
    width: 100%;
    box-sizing: border-box;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
    margin: 0.3rem 0;
  }
  select {
    max-width: 100%;
  }
  .radar-select {
    width: 100%;
  }
  .error {
    color: #9a3412;
  }
  .ok {
    color: #1a7f37;
  }
  table {
    border-collapse: collapse;
    font-size: 0.78rem;
    width: 100%;
  }
  th,
  td {
    border-bottom: 1px solid #e5e7eb;
    padding: 0.15rem 0.3rem;
    text-align: right;
    white-space: nowrap;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
  .table-wrap {
    overflow-x: auto;
    max-height: 16rem;
    overflow-y: auto;
  }
  svg.profile {
    display: block;
    margin: 0.3rem 0;
    font-size: 10px;
  }
  svg .tick {
    fill: #444;
    font-size: 10px;
  }
  svg .axis {
    fill: #222;
    font-size: 11px;
  }
  .legend {
    list-style: none;
    padding: 0;
    margin: 0.3rem 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.8rem;
  }
  .legend .swatch {
    display: inline-block;
    width: 0.9rem;
    height: 0.9rem;
    vertical-align: middle;
    margin-right: 0.25rem;
    border: 1px solid #555;
  }
  ol.ranked {
    padding-left: 0;
    list-style: none;
    margin: 0.3rem 0;
  }
  ol.ranked li {
    display: grid;
    grid-template-columns: 1.6rem 1fr auto;
    gap: 0.2rem 0.4rem;
    align-items: center;
    border-bottom: 1px solid #e5e7eb;
    padding: 0.2rem 0;
  }
  .num {
    display: inline-flex;
    justify-content: center;
    align-items: center;
    width: 1.4rem;
    height: 1.4rem;
    border-radius: 50%;
    background: #e69f00;
    color: #000;
    font-weight: 700;
    font-size: 0.75rem;
  }
  output {
    display: block;
    font-weight: 600;
    margin: 0.2rem 0;
  }
`;
