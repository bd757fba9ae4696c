import { css } from 'lit';

/** Row height of the virtualised table body, in CSS pixels (every row has this height). */
export const ROW_HEIGHT_PX = 30;

/** Styles of the attribute table (side panel and wide view). */
export const attributeTableStyles = css`
  :host {
    display: block;
    font-size: 0.8rem;
  }
  :host([wide]) {
    position: fixed;
    left: 0;
    right: 0;
    bottom: 0;
    height: min(55vh, 34rem);
    z-index: 30;
    background: #fff;
    border-top: 2px solid #24384a;
    box-shadow: 0 -4px 16px rgba(0, 0, 0, 0.18);
    padding: 0.5rem 0.75rem;
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
  }
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
    margin-bottom: 0.4rem;
  }
  .controls input[type='search'] {
    flex: 1;
    min-width: 6rem;
  }
  details.chooser,
  details.export {
    position: relative;
  }
  details.chooser > div,
  details.export > div {
    position: absolute;
    z-index: 5;
    background: #fff;
    border: 1px solid #8c959f;
    border-radius: 4px;
    padding: 0.4rem 0.6rem;
    max-height: 50vh;
    overflow: auto;
    min-width: 14rem;
    box-shadow: 0 2px 8px rgba(0, 0, 0, 0.15);
  }
  :host([wide]) details > div {
    bottom: 100%;
  }
  fieldset {
    border: none;
    margin: 0 0 0.3rem;
    padding: 0;
  }
  legend {
    font-weight: 600;
    padding: 0;
  }
  fieldset label {
    display: block;
    white-space: nowrap;
  }
  .scroller {
    overflow: auto;
    height: min(60vh, 30rem);
    position: relative;
    border: 1px solid #e5e7eb;
  }
  :host([wide]) .scroller {
    height: auto;
    flex: 1;
  }
  .sizer {
    position: relative;
  }
  table {
    border-collapse: separate;
    border-spacing: 0;
    min-width: 100%;
  }
  th,
  td {
    border-bottom: 1px solid #e5e7eb;
    padding: 0 0.4rem;
    text-align: left;
    white-space: nowrap;
    height: ${ROW_HEIGHT_PX - 1}px;
    max-width: 22rem;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  td.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  thead th {
    position: sticky;
    top: 0;
    background: #f6f8fa;
    z-index: 1;
  }
  th button {
    border: none;
    background: none;
    padding: 0;
    font-weight: 600;
    white-space: nowrap;
  }
  td button {
    border: none;
    background: none;
    padding: 0;
    text-align: left;
    color: #0b5394;
    text-decoration: underline;
    max-width: 20rem;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  tr[aria-current='true'] td {
    background: #fff4c2;
  }
  .status {
    margin: 0.2rem 0;
  }
`;
