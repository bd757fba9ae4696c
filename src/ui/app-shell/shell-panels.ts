import { html, nothing } from 'lit';
import type { Lang, MapApi } from '../../map/map-api';
import type { CatalogState } from '../../app/catalog/catalog-store';
import type { StoreContent } from '../../app/catalog/user-layer-store';
import type { ViewerFeature } from '../../core/model/catalog-feature';
import { t } from '../../i18n/localize';
import type { LayerOpacityDetail, LayerVisibilityDetail } from '../layer-panel/layer-panel.component';
import type { RadarPinDetail } from '../radar-panel/radar-panel.component';
import type { SelectFeatureDetail } from '../search/search.component';
import type { Panel, TableUrlState } from '../state/url-state';
import './shell-layers-view';

/** What the side panels show and where their events go (the shell's state and actions). */
export interface PanelsContext {
  lang: Lang;
  panel: Panel;
  /** Panels opened at least once: the attribute table and public mode render only from then on. */
  visited: ReadonlySet<Panel>;
  /** The map once it is ready (null before). */
  map: MapApi | null;
  /** The map at any time (the basemap can be chosen before it is ready). */
  shellMap: MapApi;
  catalog: CatalogState | null;
  visibleFeatures: readonly ViewerFeature[];
  placeLabels: readonly string[];
  selectedId: string | null;
  /** The attribute table's layer, sort and wide view (from the URL). */
  table: TableUrlState;
  measuring: boolean;
  onSelect(id: string, zoom: boolean): void;
  onVisibility(layer: string, visible: boolean): void;
  onOpacity(layer: string, opacity: number): void;
  onMeasuring(on: boolean): void;
  onPrint(): void;
  /** Opens the print dialog (paper, scale, resolution; PDF and PNG). */
  onPrintDialog(): void;
  onRadarPin(feature: RadarPinDetail['feature']): void;
  onUserData(content: StoreContent): void;
  /** A notice layer was stored ("导入公告"): everything now stored. */
  onNoticeSaved(content: StoreContent): void;
  onTableState(state: TableUrlState): void;
}

/** The side panels of the shell, one tab panel each, over the catalog store's state. */
export function renderPanels(c: PanelsContext): unknown {
  const L = (k: Parameters<typeof t>[0]): string => t(k, c.lang);
  const layers = c.catalog?.layers ?? [];
  const select = (e: CustomEvent<SelectFeatureDetail>): void => c.onSelect(e.detail.id, e.detail.zoom);
  const measuring = (e: CustomEvent<boolean>): void => c.onMeasuring(e.detail);
  return html`
    <section role="tabpanel" id="panel-layers" aria-labelledby="tab-layers" ?hidden=${c.panel !== 'layers'}>
      <gis-shell-layers .locale=${c.lang} .catalog=${c.catalog} .map=${c.shellMap} .placeLabels=${c.placeLabels}
        @layer-visibility=${(e: CustomEvent<LayerVisibilityDetail>) => c.onVisibility(e.detail.layer, e.detail.visible)}
        @layer-opacity=${(e: CustomEvent<LayerOpacityDetail>) => c.onOpacity(e.detail.layer, e.detail.opacity)}></gis-shell-layers>
    </section>
    <section role="tabpanel" id="panel-table" aria-labelledby="tab-table" ?hidden=${c.panel !== 'table'}>
      <h2>${L('table')}</h2>
      ${c.visited.has('table')
        ? html`<gis-attribute-table .locale=${c.lang} .layers=${layers} .userLayers=${c.catalog?.user.layers ?? []} .selectedId=${c.selectedId} .urlState=${c.table}
            @select-feature=${select} @table-state=${(e: CustomEvent<TableUrlState>) => c.onTableState(e.detail)}></gis-attribute-table>`
        : nothing}
    </section>
    <section role="tabpanel" id="panel-tools" aria-labelledby="tab-tools" ?hidden=${c.panel !== 'tools'}>
      <gis-shell-tools .locale=${c.lang} .map=${c.map} ?measuring=${c.measuring} @measure-active=${measuring} @print-sheet=${() => c.onPrint()} @print-dialog=${() => c.onPrintDialog()}></gis-shell-tools>
    </section>
    <section role="tabpanel" id="panel-conflicts" aria-labelledby="tab-conflicts" ?hidden=${c.panel !== 'conflicts'}>
      <gis-conflict-panel .locale=${c.lang} .map=${c.map} .layers=${layers} .importedLayers=${c.catalog?.user.layers ?? []} @select-feature=${select}></gis-conflict-panel>
    </section>
    <section role="tabpanel" id="panel-radar" aria-labelledby="tab-radar" ?hidden=${c.panel !== 'radar'}>
      <h2>${L('tabRadar')}</h2>
      <gis-radar-panel .locale=${c.lang} .map=${c.map} .layers=${layers} ?active=${c.panel === 'radar'} @measure-active=${measuring}
        @radar-pin=${(e: CustomEvent<RadarPinDetail>) => c.onRadarPin(e.detail.feature)}></gis-radar-panel>
    </section>
    <section role="tabpanel" id="panel-import" aria-labelledby="tab-import" ?hidden=${c.panel !== 'import'}>
      <h2>${L('tabImport')}</h2>
      <gis-import-panel .locale=${c.lang} .map=${c.map} .layers=${layers} .selectedId=${c.selectedId}
        @user-data-changed=${(e: CustomEvent<StoreContent>) => c.onUserData(e.detail)}></gis-import-panel>
      <gis-notice-panel .locale=${c.lang} .map=${c.map} @notice-saved=${(e: CustomEvent<StoreContent>) => c.onNoticeSaved(e.detail)}></gis-notice-panel>
    </section>
    <section role="tabpanel" id="panel-public" aria-labelledby="tab-public" ?hidden=${c.panel !== 'public'}>
      <h2>${L('publicTitle')}</h2>
      ${c.visited.has('public')
        ? html`<gis-public-mode .locale=${c.lang} .map=${c.map} .features=${c.visibleFeatures} ?active=${c.panel === 'public'}></gis-public-mode>`
        : nothing}
    </section>
  `;
}
