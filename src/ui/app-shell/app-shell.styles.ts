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
  header gis-search {
    flex: 1;
    max-width: 28rem;
    margin-left: auto;
  }
  header .public-btn {
    background: #f0b400;
    color: #1f2328;
    border: none;
    border-radius: 4px;
    padding: 0.3rem 0.6rem;
    font-weight: 600;
    cursor: pointer;
  }
  header .public-btn[aria-pressed='true'] {
    outline: 2px solid #fff;
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
  aside :focus-visible {
    outline-color: #b35c00;
  }
  [role='tablist'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    border-bottom: 2px solid #24384a;
    margin: -0.25rem -0.25rem 0.5rem;
  }
  [role='tab'] {
    border: 1px solid #8c959f;
    border-bottom: none;
    background: #eef2f6;
    color: #1f2328;
    border-radius: 4px 4px 0 0;
    padding: 0.3rem 0.6rem;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    background: #24384a;
    color: #fff;
  }
  [hidden] {
    display: none !important;
  }
  .zoom-to {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  aside button {
    border: 1px solid #8c959f;
    background: #fff;
    color: #1f2328;
    border-radius: 4px;
    padding: 0.2rem 0.5rem;
    cursor: pointer;
  }
  aside [role='tab'][aria-selected='true'] {
    background: #24384a;
    color: #fff;
  }
  ul.places {
    columns: 2;
    padding-left: 1.2rem;
    font-size: 0.8rem;
  }
  .map-wrap {
    position: relative;
    min-height: 0;
    display: grid;
  }
  .inspector-wrap.collapsed > :not(.expand) {
    display: none;
  }
  .inspector-wrap .expand {
    width: 100%;
  }
  .inspector-wrap {
    position: absolute;
    top: 0.5rem;
    right: 3.2rem;
    width: min(380px, calc(100% - 4rem));
    max-height: calc(100% - 4.5rem);
    overflow: auto;
    background: #fff;
    border: 1px solid #8c959f;
    border-radius: 6px;
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    padding: 0.5rem 0.75rem;
    z-index: 5;
  }
  .coords {
    position: absolute;
    right: 0.5rem;
    bottom: 1.8rem;
    z-index: 4;
  }
  .print-only {
    display: none;
  }
  @media print {
    :host {
      display: block;
      height: auto;
    }
    header,
    main,
    .sr-only {
      display: none !important;
    }
    .print-only {
      display: block;
    }
  }
  main {
    display: grid;
    grid-template-columns: 360px 1fr;
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
    height: 100%;
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
    header {
      flex-wrap: wrap;
      gap: 0.4rem 0.6rem;
      padding: 0.4rem 0.6rem;
    }
    header h1 {
      font-size: 0.95rem;
      flex: 1;
    }
    header gis-search {
      order: 3;
      flex-basis: 100%;
      max-width: none;
    }
    main {
      grid-template-columns: 1fr;
      grid-template-rows: minmax(240px, 1fr) minmax(0, 42%);
    }
    aside {
      order: 2;
      border-right: none;
      border-top: 1px solid #d0d7de;
      padding: 0.5rem 0.6rem;
    }
    header h1 .en {
      display: none;
    }
    .inspector-wrap {
      position: fixed;
      left: 0;
      right: 0;
      bottom: 0;
      top: auto;
      width: auto;
      max-height: 55vh;
      border-radius: 10px 10px 0 0;
    }
    /* A phone has no pointer to read coordinates under: the readout would cover the south of the first view. */
    .coords {
      display: none;
    }
  }
`;
