import { css } from 'lit';

/** Styles of the notice panel and its review. */
export const noticePanelStyles = css`
  :host { display: block; font-size: 0.9rem; border-top: 1px solid #d0d7de; margin-top: 0.6rem; padding-top: 0.4rem; }
  h3 { font-size: 1rem; margin: 0.3rem 0; }
  h4 { font-size: 0.9rem; margin: 0.6rem 0 0.2rem; }
  textarea { width: 100%; box-sizing: border-box; min-height: 6rem; font-size: 0.8rem; }
  .drop { border: 2px dashed #8c959f; border-radius: 6px; padding: 0.5rem; background: #f6f8fa; }
  .drop.over { border-color: #b35c00; background: #fff4e5; }
  .row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem; margin: 0.3rem 0; }
  .problem { color: #b00020; }
  .ok { color: #1b5e20; }
  .busy { color: #57606a; }
  .passage { white-space: pre-wrap; line-height: 1.7; font-size: 0.85rem; border: 1px solid #d0d7de; border-radius: 4px; padding: 0.4rem; max-height: 18rem; overflow: auto; background: #fff; }
  .run.name { background: #dbe9ff; font-weight: 600; }
  .run.zone { background: #eef3f8; }
  .run.clause { background: #e6f4ea; }
  .run.limit { background: #d4edda; }
  .run.metres { background: #a8dcb5; text-decoration: underline; text-decoration-color: #1b5e20; }
  .run.area { background: #ffe8a3; }
  .run.unread { background: #ffd6d6; outline: 1px dashed #b00020; color: #8a0016; }
  .legend { display: flex; flex-wrap: wrap; gap: 0.3rem 0.6rem; font-size: 0.75rem; margin: 0.2rem 0; padding: 0; list-style: none; }
  .legend .run { padding: 0 0.3rem; border-radius: 3px; }
  ul.unread { padding-left: 1.1rem; margin: 0.2rem 0; font-size: 0.8rem; }
  ul.unread li { margin: 0.15rem 0; }
  .site { border: 1px solid #d0d7de; border-radius: 4px; padding: 0.4rem; margin: 0.4rem 0; }
  .site.unplaced { border-color: #b00020; }
  .site h5 { margin: 0 0 0.2rem; font-size: 0.9rem; }
  .site p { margin: 0.15rem 0; font-size: 0.8rem; }
  .site label { display: flex; flex-direction: column; max-width: 100%; }
  .site select { width: 100%; max-width: 19rem; }
  .site input { width: 7rem; }
  .site input.filter { width: 6rem; }
  .placing { background: #fff4e5; padding: 0.2rem 0.4rem; border-radius: 4px; }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
