import type { ConflictReport, Finding } from '../../core/conflicts/report';
import type { FeatureAreas } from '../../core/areas/feature-areas';
import { asInputLayer, complianceOthers, type ComplianceLayer } from '../../core/compliance/compliance-inputs';
import type { CheckOutcome, LayerSource } from '../../core/import-job/import-service';
import type { RulesLoadResult } from '../rules-loader';
import type { ImportWorkers } from '../import/import-workers';
import type { Notices } from '../import/notices';
import { Observable } from '../import/observable';
import { MAX_LISTED_FINDINGS } from '../import/import-session';
// The user-layer schemas and catalog move into src/core/model and src/app with the shell slice of issue 14.
import type { StoredLayer } from '../../core/model/user-layer';
import type { LoadedLayer } from '../../core/model/catalog-feature';
import { isUserLayerId, userLayerId } from '../../core/model/layer-registry';
import { sharedAnchorNotes } from '../../core/geo/shared-anchor-note';
import type { SharedAnchorNote } from '../../core/geo/shared-anchor-note';

/**
 * The compliance check (合规性审查) of one stored layer: the rules of its category (derived in core from
 * the one rule set, as `npm run check -- --compliance` does) against every other catalog layer, run in
 * the import worker, which holds a large layer's features right after its import. One path for every
 * size: a large layer is read from its stored Blob and its findings are cut to {@link MAX_LISTED_FINDINGS}.
 */

/** Everything the review sheet shows. */
export interface ComplianceResult {
  readonly layerId: string;
  readonly layer: Pick<StoredLayer, 'name' | 'category' | 'source'>;
  readonly report: ConflictReport;
  readonly findings: readonly Finding[];
  readonly areas: readonly FeatureAreas[];
  readonly derivedRules: readonly string[];
  /** Findings of the layer before the list was cut (equal to `findings.length` when it was not). */
  readonly totalFindings: number;
  /** For features of the other side drawn at a position shared by several sites, core's note (by feature id). */
  readonly sharedAnchors?: ReadonlyMap<string, SharedAnchorNote>;
}

/** State of {@link ComplianceSession}. */
export interface ComplianceState {
  /** Catalog id of the layer being checked. */
  readonly running: string | null;
  readonly result: ComplianceResult | null;
}

/** What the session needs. */
export interface ComplianceDeps {
  readonly workers: ImportWorkers;
  readonly notices: Notices;
  readonly loadRules: () => Promise<RulesLoadResult>;
  readonly now?: () => Date;
}

/** A catalog layer as the compliance check sees it. */
export function complianceLayer(l: LoadedLayer): ComplianceLayer {
  return { id: l.id, imported: isUserLayerId(l.id), features: l.features };
}

/** The compliance session of the import tab. */
export class ComplianceSession extends Observable<ComplianceState> {
  #cancel: (() => void) | null = null;

  constructor(private readonly deps: ComplianceDeps) {
    super({ running: null, result: null });
  }

  /** Checks `layer` against the other layers of `catalog`; `stored` names the user's layers in the report. */
  async run(layer: StoredLayer, catalog: readonly LoadedLayer[], stored: readonly StoredLayer[]): Promise<void> {
    this.#cancel?.();
    this.update({ result: null });
    const catalogId = userLayerId(layer);
    this.update({ running: catalogId });
    const outcome = await this.check(layer, catalogId, catalog, stored);
    if (this.state.running !== catalogId) return;
    this.update({ running: null });
    if (outcome === null) return;
    this.update({ result: outcome });
  }

  /** Drops the result. */
  clear(): void {
    if (this.state.result !== null) this.update({ result: null });
  }

  /** Stops a running check. */
  cancel(): void {
    this.#cancel?.();
  }

  private fail(reason: string, message: string): null {
    this.deps.notices.error('compliance-failed', reason, { message });
    return null;
  }

  private async check(layer: StoredLayer, catalogId: string, catalog: readonly LoadedLayer[], stored: readonly StoredLayer[]): Promise<ComplianceResult | null> {
    const rules = await this.deps.loadRules();
    if (!rules.ok) return this.fail(rules.reason, rules.detail);
    const names = new Map(stored.map((l) => [userLayerId(l), l.name]));
    const layers = catalog.map(complianceLayer);
    const others = complianceOthers(layers, catalogId, layer.category, (l) => names.get(l.id) ?? `${l.id}.geojson`);
    const target = layers.find((l) => l.id === catalogId);
    if (others === null || target === undefined) return this.fail('layer-not-loaded', layer.name);
    const big = layer.large;
    const source: LayerSource = big ? { kind: 'stored', data: big.data, idPrefix: big.idPrefix } : { kind: 'features', features: asInputLayer(target, layer.name).features };
    const borrowed = this.deps.workers.borrow(big?.idPrefix);
    this.#cancel = () => borrowed.worker.terminate();
    const r = await borrowed.worker.run<CheckOutcome>((api) =>
      api.check({
        layerName: layer.name,
        category: layer.category,
        source,
        others,
        rules: rules.raw,
        time: (this.deps.now?.() ?? new Date()).toISOString(),
        hashLayers: big === undefined,
        ...(big === undefined ? {} : { maxFindings: MAX_LISTED_FINDINGS }),
      }),
    );
    borrowed.release(false);
    this.#cancel = null;
    if (!r.ok) return r.reason === 'cancelled' ? null : this.fail(r.reason, r.detail);
    const checked = r.value;
    if (!checked.ok) return this.fail(checked.reason, checked.detail);
    return {
      layerId: catalogId,
      layer,
      report: checked.report,
      findings: checked.report.findings,
      areas: checked.areas,
      derivedRules: checked.derivedRules,
      totalFindings: checked.totalFindings,
      sharedAnchors: sharedAnchorNotes(catalog.flatMap((l) => l.features)),
    };
  }
}
