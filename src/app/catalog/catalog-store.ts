import type { Geometry } from 'geojson';
import type { CatalogLoad, LoadedLayer, QaFinding, ViewerFeature, ViewerProps } from '../../core/model/catalog-feature';
import { HIDDEN_BY_DEFAULT, QA_LAYER_ID, isUserLayerId, userLayerId } from '../../core/model/layer-registry';
import type { StoredLayer, Supersession } from '../../core/model/user-layer';
import { mergeUserData } from './user-layers';

/**
 * The catalog store: the one source of truth for the layers the app shows (the pipeline's, the QA markers,
 * the user's imported layers with the supersede records applied), their visibility and opacity. Views and
 * the map binding subscribe to it; nobody else keeps a copy of visibility. No DOM, no Lit, no MapLibre.
 */

/** The user's stored data as the store holds it. */
export interface UserContent {
  layers: readonly StoredLayer[];
  supersessions: readonly Supersession[];
}

/** A snapshot of the store (replaced, never mutated, on every change). */
export interface CatalogState {
  /** False until the pipeline's layers were given. */
  readonly loaded: boolean;
  /** Whether the hand-made sample (not pipeline output) is shown. */
  readonly sample: boolean;
  /** Every layer: the pipeline's (supersessions applied), the QA markers, then the user's imported layers. */
  readonly layers: readonly LoadedLayer[];
  readonly visibility: Readonly<Record<string, boolean>>;
  readonly opacity: Readonly<Record<string, number>>;
  /** The user's stored layers and supersede records. */
  readonly user: UserContent;
}

/** What changed in one update, for subscribers that push to the map. */
export interface CatalogChange {
  /** Layers whose features changed (or appeared). */
  readonly data: readonly string[];
  /** Layers that are gone (imported layers the user removed). */
  readonly removed: readonly string[];
  /** Layers whose visibility changed. */
  readonly visibility: readonly string[];
  /** Layers whose opacity changed. */
  readonly opacity: readonly string[];
  /** Whether the user's stored data was replaced (imported layers, supersede records). */
  readonly user: boolean;
}

/** A subscriber: called after every change with the new state and what changed. */
export type CatalogListener = (state: CatalogState, change: CatalogChange) => void;

const EMPTY_USER: UserContent = { layers: [], supersessions: [] };
const NO_CHANGE: CatalogChange = { data: [], removed: [], visibility: [], opacity: [], user: false };

function defaultVisible(id: string, wanted: readonly string[] | null): boolean {
  return wanted === null ? !HIDDEN_BY_DEFAULT.includes(id) : wanted.includes(id);
}

/** The catalog store. */
export class CatalogStore {
  private state: CatalogState = { loaded: false, sample: false, layers: [], visibility: {}, opacity: {}, user: EMPTY_USER };
  /** The pipeline's layers as loaded (before supersessions and user layers). */
  private base: CatalogLoad = { layers: [], sample: false };
  private readonly listeners = new Set<CatalogListener>();
  private featureIndex: Map<string, ViewerFeature> | null = null;
  private qaIndex: Map<string, QaFinding[]> | null = null;

  /** The current state. */
  get(): CatalogState {
    return this.state;
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: CatalogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private commit(next: CatalogState, change: CatalogChange): void {
    if (next.layers !== this.state.layers) {
      this.featureIndex = null;
      this.qaIndex = null;
    }
    this.state = next;
    for (const l of [...this.listeners]) l(next, change);
  }

  /**
   * Sets the pipeline's layers; visibility is `visible` (the URL's list) or the default (everything but the
   * QA markers). User layers already in the store are kept.
   */
  setPipeline(load: CatalogLoad, visible: readonly string[] | null): void {
    this.base = load;
    const merged = mergeUserData(load, this.state.user);
    const visibility: Record<string, boolean> = {};
    const opacity: Record<string, number> = {};
    for (const l of merged.layers) {
      visibility[l.id] = isUserLayerId(l.id) ? (this.state.visibility[l.id] ?? true) : defaultVisible(l.id, visible);
      opacity[l.id] = this.state.opacity[l.id] ?? 1;
    }
    const ids = merged.layers.map((l) => l.id);
    this.commit({ ...this.state, loaded: true, sample: load.sample, layers: merged.layers, visibility, opacity }, { ...NO_CHANGE, data: ids, visibility: ids });
  }

  /**
   * Replaces pipeline layers by id (after a placement rebuilt them from the records); other layers, visibility,
   * opacity and the user's data stay. Subscribers are told which layers' features changed.
   */
  replacePipelineLayers(layers: readonly LoadedLayer[]): void {
    const byId = new Map(layers.map((l) => [l.id, l]));
    this.base = { ...this.base, layers: this.base.layers.map((l) => byId.get(l.id) ?? l) };
    const prevById = new Map(this.state.layers.map((l) => [l.id, l]));
    const merged = mergeUserData(this.base, this.state.user);
    const data = merged.layers.filter((l) => !sameFeatures(prevById.get(l.id), l)).map((l) => l.id);
    this.commit({ ...this.state, layers: merged.layers }, { ...NO_CHANGE, data });
  }

  /**
   * Replaces the user's stored data (after the store in IndexedDB changed): supersede records are applied,
   * imported layers added, changed or removed; each imported layer takes the visibility stored with it.
   */
  setUserContent(content: UserContent): void {
    const prev = this.state;
    const merged = mergeUserData(this.base, content);
    const nextIds = new Set(merged.layers.map((l) => l.id));
    const prevById = new Map(prev.layers.map((l) => [l.id, l]));
    const removed = prev.layers.filter((l) => isUserLayerId(l.id) && !nextIds.has(l.id)).map((l) => l.id);
    const visibility: Record<string, boolean> = { ...prev.visibility };
    const opacity: Record<string, number> = { ...prev.opacity };
    for (const id of removed) {
      delete visibility[id];
      delete opacity[id];
    }
    const visChanged: string[] = [];
    for (const s of content.layers) {
      const id = userLayerId(s);
      if (visibility[id] !== s.visible) visChanged.push(id);
      visibility[id] = s.visible;
      opacity[id] ??= 1;
    }
    const data = merged.layers.filter((l) => isUserLayerId(l.id) || !sameFeatures(prevById.get(l.id), l)).map((l) => l.id);
    this.commit(
      { ...prev, layers: merged.layers, visibility, opacity, user: content },
      { ...NO_CHANGE, data, removed, visibility: visChanged, user: true },
    );
  }

  /** Shows or hides a layer. */
  setVisibility(id: string, visible: boolean): void {
    if (this.state.visibility[id] === visible) return;
    this.commit({ ...this.state, visibility: { ...this.state.visibility, [id]: visible } }, { ...NO_CHANGE, visibility: [id] });
  }

  /** Sets a layer's opacity, 0…1. */
  setOpacity(id: string, opacity: number): void {
    if (this.state.opacity[id] === opacity) return;
    this.commit({ ...this.state, opacity: { ...this.state.opacity, [id]: opacity } }, { ...NO_CHANGE, opacity: [id] });
  }

  /** Applies the URL's list of visible layers (null: the default) to the catalog's layers; imported layers keep theirs. */
  applyUrlLayers(visible: readonly string[] | null): void {
    const visibility: Record<string, boolean> = {};
    const changed: string[] = [];
    for (const l of this.state.layers) {
      const v = isUserLayerId(l.id) ? this.state.visibility[l.id] !== false : defaultVisible(l.id, visible);
      visibility[l.id] = v;
      changed.push(l.id);
    }
    this.commit({ ...this.state, visibility }, { ...NO_CHANGE, visibility: changed });
  }

  /** The visible catalog layers for the URL, or null when visibility is the default. Imported layers are not in URLs. */
  urlLayers(): string[] | null {
    const ids = this.state.layers.map((l) => l.id).filter((id) => !isUserLayerId(id));
    const isDefault = ids.every((id) => (this.state.visibility[id] !== false) === !HIDDEN_BY_DEFAULT.includes(id));
    return isDefault ? null : ids.filter((id) => this.state.visibility[id] !== false);
  }

  /** Whether a layer is shown (layers not known yet count as shown). */
  isVisible(id: string): boolean {
    return this.state.visibility[id] !== false;
  }

  /** Every feature of every layer. */
  allFeatures(): ViewerFeature[] {
    return this.state.layers.flatMap((l) => l.features);
  }

  /** Every feature of the visible layers. */
  visibleFeatures(): ViewerFeature[] {
    return this.state.layers.filter((l) => this.isVisible(l.id)).flatMap((l) => l.features);
  }

  /** The feature with this id, in any layer. */
  featureById(id: string): ViewerFeature | undefined {
    if (this.featureIndex === null) {
      this.featureIndex = new Map();
      for (const l of this.state.layers) for (const f of l.features) if (!this.featureIndex.has(f.id)) this.featureIndex.set(f.id, f);
    }
    return this.featureIndex.get(id);
  }

  /** QA findings about the record a feature was built from (from the pipeline's QA markers); empty without any. */
  qaOf(featureId: string): readonly QaFinding[] {
    if (this.qaIndex === null) {
      this.qaIndex = new Map();
      for (const m of this.state.layers.find((l) => l.id === QA_LAYER_ID)?.features ?? []) {
        for (const id of m.props.featureIds ?? []) this.qaIndex.set(id, m.props.qa ?? []);
        this.qaIndex.set(m.id, m.props.qa ?? []);
      }
    }
    return this.qaIndex.get(featureId) ?? [];
  }

  /**
   * Replaces a feature's geometry and some properties in the app's state (not in any data file), e.g. a
   * radar whose site the user pinned. Other properties are kept. Returns false when there is no such feature.
   */
  replaceFeature(layerId: string, featureId: string, geometry: Geometry, props: Partial<ViewerProps>): boolean {
    const patch = (layers: readonly LoadedLayer[]): LoadedLayer[] | null => {
      const layer = layers.find((l) => l.id === layerId);
      const old = layer?.features.find((f) => f.id === featureId);
      if (!layer || !old) return null;
      const next: ViewerFeature = { id: old.id, geometry, props: { ...old.props, ...props } };
      return layers.map((l) => (l === layer ? { ...l, features: l.features.map((f) => (f === old ? next : f)) } : l));
    };
    const layers = patch(this.state.layers);
    if (layers === null) return false;
    const base = patch(this.base.layers);
    if (base !== null) this.base = { ...this.base, layers: base };
    this.commit({ ...this.state, layers }, { ...NO_CHANGE, data: [layerId] });
    return true;
  }
}

function sameFeatures(a: LoadedLayer | undefined, b: LoadedLayer): boolean {
  return a !== undefined && a.features.length === b.features.length && a.features.every((f, i) => f === b.features[i]);
}
