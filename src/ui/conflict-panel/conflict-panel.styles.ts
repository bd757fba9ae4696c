import { css } from 'lit';

/** Styles of the conflict panel (lives in the 360 px side panel, or under the map on phones). */
export const conflictPanelStyles = css`
  :host {
    display: block;
    font-size: 0.85rem;
  }
  p {
    margin: 0.3rem 0;
  }
  ul.rules,
  ol.findings {
    list-style: none;
    padding: 0;
    margin: 0.3rem 0;
  }
  li.rule,
  li.finding {
    border: 1px solid #d0d7de;
    border-radius: 6px;
    background: #fff;
    padding: 0.4rem 0.5rem;
    margin: 0 0 0.4rem;
  }
  li.rule[data-enabled='false'] {
    background: #f3f4f6;
  }
  li.rule[data-enabled='false'] .rule-title {
    color: #57606a;
    text-decoration: line-through;
  }
  .rule-head {
    display: flex;
    gap: 0.4rem;
    align-items: flex-start;
  }
  .rule-head label {
    flex: 1;
    display: flex;
    gap: 0.35rem;
    align-items: flex-start;
  }
  .rule-head input[type='checkbox'] {
    margin-top: 0.15rem;
  }
  .badge {
    display: inline-block;
    border-radius: 3px;
    padding: 0 0.35rem;
    font-size: 0.75rem;
    font-weight: 600;
    white-space: nowrap;
    border: 1px solid currentColor;
  }
  .badge.sev-forbidden {
    background: #b3001b;
    color: #fff;
    border-color: #b3001b;
  }
  .badge.sev-approval {
    background: #fff4d6;
    color: #7a4b00;
  }
  .badge.sev-notice {
    background: #eef2f6;
    color: #24384a;
  }
  .badge.verdict-definite {
    background: #24384a;
    color: #fff;
    border-color: #24384a;
  }
  .badge.verdict-possible {
    background: #fff;
    color: #24384a;
    border-style: dashed;
  }
  .badge.changed {
    background: #e6f1fb;
    color: #0b4f8a;
    font-weight: 400;
  }
  .params {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 0.8rem;
    margin: 0.3rem 0 0 1.4rem;
  }
  .params label {
    display: flex;
    flex-direction: column;
    font-size: 0.75rem;
    color: #57606a;
  }
  .params input {
    width: 7.5rem;
    padding: 0.1rem 0.3rem;
    border: 1px solid #8c959f;
    border-radius: 3px;
  }
  .params input[aria-invalid='true'] {
    border: 2px solid #b3001b;
    background: #fff5f5;
  }
  .field-error {
    color: #b3001b;
    font-size: 0.75rem;
  }
  details.rules-box {
    margin: 0.3rem 0;
    font-size: inherit;
  }
  details.rules-box > summary {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    color: inherit;
  }
  details.rules-box > summary h3 {
    display: inline;
    margin: 0.3rem 0;
  }
  li.rule details,
  li.finding details {
    margin: 0.25rem 0 0 1.4rem;
    font-size: 0.8rem;
  }
  li.rule details summary,
  li.finding details summary {
    cursor: pointer;
    color: #0b4f8a;
  }
  .basis-list {
    padding-left: 1rem;
    margin: 0.2rem 0;
  }
  .basis-list li {
    margin-bottom: 0.3rem;
  }
  blockquote {
    margin: 0.15rem 0 0;
    padding-left: 0.4rem;
    border-left: 3px solid #d0d7de;
    color: #30363d;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
    margin: 0.5rem 0;
  }
  button.primary {
    background: #24384a;
    color: #fff;
    border-color: #24384a;
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .progress {
    display: flex;
    gap: 0.5rem;
    align-items: center;
  }
  progress {
    flex: 1;
    height: 0.9rem;
  }
  .status-msg {
    font-weight: 600;
  }
  .status-msg.error {
    color: #9a3412;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    margin: 0.3rem 0;
  }
  th,
  td {
    border: 1px solid #d0d7de;
    padding: 0.15rem 0.3rem;
    text-align: left;
    vertical-align: top;
  }
  td.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  th {
    background: #eef2f6;
    font-weight: 600;
  }
  .report-meta {
    color: #57606a;
    font-size: 0.75rem;
    word-break: break-all;
  }
  h4 {
    margin: 0.6rem 0 0.3rem;
    font-size: 0.9rem;
  }
  h3,
  h4 {
    display: flex;
    gap: 0.4rem;
    align-items: center;
  }
  .finding-head {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    align-items: baseline;
  }
  .finding-title {
    font-weight: 600;
    flex: 1 1 12rem;
  }
  li.finding[data-focus='true'] {
    border: 2px solid #c8102e;
  }
  dl {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.1rem 0.5rem;
    margin: 0.3rem 0;
  }
  dt {
    color: #57606a;
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    color: #0b4f8a;
    text-decoration: underline;
    text-align: left;
  }
  .caveat {
    font-size: 0.78rem;
    color: #30363d;
    background: #fffbe6;
    border-left: 3px solid #d4a017;
    padding: 0.2rem 0.4rem;
    margin: 0.3rem 0;
  }
  code {
    font-size: 0.72rem;
    word-break: break-all;
  }
  .toggle {
    display: flex;
    gap: 0.35rem;
    align-items: center;
  }
`;
