import { css } from 'lit';

/** Styles every component shares: fonts, controls, visible focus, screen-reader-only text. */
export const sharedStyles = css`
  :host {
    font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif;
    color: #1f2328;
  }
  select,
  input,
  button {
    font: inherit;
    font-size: 0.85rem;
  }
  button {
    cursor: pointer;
    border: 1px solid #8c959f;
    background: #fff;
    color: #1f2328;
    border-radius: 4px;
    padding: 0.2rem 0.5rem;
  }
  button[aria-pressed='true'] {
    background: #24384a;
    color: #fff;
  }
  :focus-visible {
    outline: 3px solid #b35c00;
    outline-offset: 2px;
  }
  h2,
  h3 {
    font-size: 1rem;
    margin: 0.5rem 0;
  }
  .muted {
    color: #57606a;
    font-size: 0.8rem;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  mark {
    background: #ffe08a;
    color: inherit;
  }
`;
