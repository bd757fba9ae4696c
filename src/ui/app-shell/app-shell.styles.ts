import { css } from 'lit';

/** Layout of the shell: header on top, side panel and map below; the panel stacks under the map on phones. */
export const appShellStyles = css`
  :host {
    display: grid;
    grid-template-rows: auto 1fr;
    height: 100%;
    font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif;
    color: #1f2328;
  }
  header {
    display: flex;
    align-items: center;
    gap: 1rem;
    padding: 0.5rem 1rem;
    background: #24384a;
    color: #fff;
  }
  header h1 {
    margin: 0;
    font-size: 1.1rem;
    font-weight: 600;
    line-height: 1.2;
  }
  header h1 .en {
    display: block;
    font-size: 0.75rem;
    font-weight: 400;
    opacity: 0.85;
  }
  header .spacer {
    flex: 1;
  }
  header label {
    font-size: 0.85rem;
  }
  select,
  input,
  button {
    font: inherit;
    font-size: 0.85rem;
  }
  :focus-visible {
    outline: 3px solid #f0b400;
    outline-offset: 2px;
  }
  main {
    display: grid;
    grid-template-columns: 300px 1fr;
    min-height: 0;
  }
  aside {
    overflow: auto;
    padding: 0.75rem 1rem;
    border-right: 1px solid #d0d7de;
    background: #fafbfc;
    font-size: 0.9rem;
  }
  aside h2 {
    font-size: 1rem;
    margin: 0.5rem 0;
  }
  aside .notice {
    font-size: 0.75rem;
    color: #57606a;
  }
  .warning {
    color: #9a3412;
    font-size: 0.8rem;
  }
  #map {
    position: relative;
    min-height: 300px;
  }
  .map-status {
    position: absolute;
    top: 0.5rem;
    left: 0.5rem;
    z-index: 2;
    background: #fff;
    padding: 0.25rem 0.5rem;
    border-radius: 4px;
    font-size: 0.85rem;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (max-width: 700px) {
    main {
      grid-template-columns: 1fr;
      grid-template-rows: 1fr auto;
    }
    aside {
      order: 2;
      max-height: 40vh;
      border-right: none;
      border-top: 1px solid #d0d7de;
    }
    header h1 .en {
      display: none;
    }
  }
`;
