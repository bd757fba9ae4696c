import type { CatalogLayerId } from '../core/model/layer-registry';
import { isCatalogLayerId } from '../core/model/layer-registry';
import type { MessageKey } from '../i18n/localize';

/** The message key of each catalog layer's name (a layer added to the registry without one is a type error). */
const LAYER_LABELS: Readonly<Record<CatalogLayerId, MessageKey>> = {
  'chemical-park': 'layerChemicalPark',
  'land-acquisition': 'layerLandAcquisition',
  'relic-protection': 'layerRelicProtection',
  'relic-control': 'layerRelicControl',
  'meteo-site': 'layerMeteoSite',
  qa: 'layerQa',
};

/** Message key of a layer's name (imported layers share one). */
export function layerLabel(id: string): MessageKey {
  return isCatalogLayerId(id) ? LAYER_LABELS[id] : 'layerImported';
}
