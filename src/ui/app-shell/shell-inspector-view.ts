import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Lang, MapApi } from '../../map/index';
import { t } from '../../i18n/localize';
import type { CatalogState, CatalogStore } from '../../app/catalog/catalog-store';
import type { ViewerFeature } from '../../core/model/catalog-feature';
import { layerLabel } from '../layer-label';
import { sharedChoiceTemplate, sharedNotesOf } from '../shared-anchor-note';

/** What the inspector column of the shell shows and where its events go. */
export interface InspectorContext {
  readonly lang: Lang;
  /** The selected feature (undefined: none; then the chooser shows when there are several choices). */
  readonly selected: ViewerFeature | undefined;
  /** Features under the last click when they belong to different sites. */
  readonly choices: readonly ViewerFeature[];
  readonly collapsed: boolean;
  readonly placing: boolean;
  readonly store: CatalogStore | null;
  readonly catalog: CatalogState | null;
  /** The map once it is ready, else null. */
  readonly map: MapApi | null;
  onExpand(): void;
  onClose(): void;
  onZoom(feature: ViewerFeature): void;
  onPlace(): void;
  onDrawing(on: boolean): void;
  onUserDataChanged(): void;
  onChoose(id: string): void;
  onCloseChooser(): void;
}

/** The inspector of the selected feature with its placement and drawing forms, or the chooser of stacked features. */
export function inspectorTemplate(c: InspectorContext): TemplateResult | typeof nothing {
  const L = (key: Parameters<typeof t>[0]): string => t(key, c.lang);
  const selected = c.selected;
  if (selected) {
    const note = c.catalog ? (sharedNotesOf(c.store?.allFeatures() ?? [], c.catalog).get(selected.id) ?? null) : null;
    return html`<div class="inspector-wrap ${c.collapsed ? 'collapsed' : ''}" data-testid="inspector-wrap">
      ${c.collapsed
        ? html`<button type="button" class="expand" data-testid="inspector-expand" @click=${() => c.onExpand()}>${L('inspector')} ▴ <span lang="zh-CN">${selected.props.name}</span></button>`
        : nothing}
      <gis-inspector .locale=${c.lang} .feature=${selected.props} .qa=${c.store?.qaOf(selected.id) ?? []} .sharedNote=${note}
        .supersession=${c.catalog?.user.supersessions.find((r) => r.featureId === selected.id) ?? null}
        @close=${() => c.onClose()} @zoom-to=${() => c.onZoom(selected)} @place=${() => c.onPlace()}></gis-inspector>
      ${c.placing ? html`<gis-placement .locale=${c.lang} .feature=${selected} .store=${c.store} .map=${c.map}></gis-placement>` : nothing}
      ${selected.props.layer === 'chemical-park'
        ? html`<gis-park-draw .locale=${c.lang} .feature=${selected} .store=${c.store} .map=${c.map}
            @drawing=${(e: CustomEvent<boolean>) => c.onDrawing(e.detail)} @user-data-changed=${() => c.onUserDataChanged()}></gis-park-draw>`
        : nothing}
    </div>`;
  }
  if (c.choices.length <= 1) return nothing;
  return html`<div class="inspector-wrap"><section data-testid="feature-chooser" aria-labelledby="chooser-title">
    <h2 id="chooser-title">${t('chooserTitle', c.lang, { n: c.choices.length })}</h2>
    <p>${L('chooserHelp')}</p>
    ${sharedChoiceTemplate(c.choices, c.lang)}
    <ul>${c.choices.map((f) => html`<li><button type="button" data-id=${f.id} @click=${() => c.onChoose(f.id)}>${L(layerLabel(f.props.layer))}:<span lang="zh-CN">${f.props.name}</span></button></li>`)}</ul>
    <button type="button" @click=${() => c.onCloseChooser()}>${L('close')}</button>
  </section></div>`;
}
