import { html, svg } from 'lit';
import type { TemplateResult } from 'lit';
import { styleOf } from '../../map/index';
import type { FeatureStatus } from '../../core/model/feature-props';

const W = 28;
const H = 18;

/** A legend swatch drawn like the map draws the layer (zone patch or point marker), in a given status. */
export function layerSwatch(layer: string, status: FeatureStatus = 'in-force'): TemplateResult {
  const s = styleOf(layer);
  const fade = status === 'superseded' ? 0.35 : status === 'withdrawn' ? 0.5 : 1;
  const fill = status === 'withdrawn' ? 'url(#hatch)' : s.fill;
  const dash = status === 'planned' ? '4 3' : '';
  const line = status === 'withdrawn' ? '#777777' : s.line;
  const body =
    s.kind === 'zone'
      ? svg`<rect x="2" y="2" width=${W - 4} height=${H - 4} fill=${fill} fill-opacity=${status === 'withdrawn' ? 1 : s.fillOpacity * fade}
          stroke=${line} stroke-width=${s.lineWidth} stroke-opacity=${fade} stroke-dasharray=${dash}></rect>`
      : svg`<circle cx=${W / 2} cy=${H / 2} r="6" fill=${status === 'withdrawn' ? '#888888' : s.fill}
          fill-opacity=${status === 'planned' ? 0.15 : fade} stroke=${status === 'planned' ? s.fill : '#ffffff'} stroke-width="2"></circle>`;
  return html`<svg class="swatch" width=${W} height=${H} viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">
    <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" fill="#ffffff"></rect><line x1="0" y1="0" x2="0" y2="6" stroke="#5a5a5a" stroke-width="2"></line></pattern></defs>
    ${body}
  </svg>`;
}

/** Swatch of the precision circle: a dotted circle around an anchor dot. */
export function precisionSwatch(): TemplateResult {
  return html`<svg class="swatch" width=${W} height=${H} viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">
    <circle cx=${W / 2} cy=${H / 2} r="7.5" fill="none" stroke="#444" stroke-width="1.2" stroke-dasharray="1.2 2.4"></circle>
    <circle cx=${W / 2} cy=${H / 2} r="2" fill="#444"></circle>
  </svg>`;
}

/** Swatch of a soft (blurred) outline: a boundary that is not surveyed. */
export function blurredSwatch(): TemplateResult {
  return html`<svg class="swatch" width=${W} height=${H} viewBox="0 0 ${W} ${H}" aria-hidden="true" focusable="false">
    <defs><filter id="soft"><feGaussianBlur stdDeviation="0.9"></feGaussianBlur></filter></defs>
    <rect x="3" y="3" width=${W - 6} height=${H - 6} fill="none" stroke="#444" stroke-width="2" filter="url(#soft)"></rect>
  </svg>`;
}
