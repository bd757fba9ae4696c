import { sharedAnchorGroups, sharedAnchorIndex } from './shared-anchors';
import type { AnchoredFeature, SharedAnchorGroup } from './shared-anchors';

/**
 * What views say about a feature drawn at a position it shares with other sites: a code and a count (the
 * words come from i18n), instead of claiming the feature is at that position on its own.
 */

/** Code of the note: "N sites share this approximate position". */
export const SHARED_ANCHOR_CODE = 'shared-anchor' as const;

/** The note about one feature of a shared anchor. */
export interface SharedAnchorNote {
  code: typeof SHARED_ANCHOR_CODE;
  /** Number of distinct sites at the position (≥ 2). */
  count: number;
  /** Their names, sorted. */
  sites: string[];
  /** Largest position precision among them, metres. */
  precisionM: number;
  /** Name of the anchor (a township, a county seat), when known. */
  anchorName: string | null;
  /** Whether every feature at the position is a relic zone (the words then say 遗址 / sites, else 处 / places). */
  relic: boolean;
}

/** What grouping reads of a catalog feature. */
export interface NoteSource {
  id: string;
  props: {
    layer: string;
    name: string;
    recordId?: string | null | undefined;
    anchor?: { lon: number; lat: number; name?: string } | null | undefined;
    precisionM: number;
  };
}

/** Layers whose features are zones of a relic site (protection range and construction-control zone). */
const RELIC_LAYERS: ReadonlySet<string> = new Set(['relic-protection', 'relic-control']);

/** Layers that take part in stacking: the QA markers stand for records, not places. */
const isStackable = (layer: string): boolean => layer !== 'qa';

/** The site name of a feature: its name without the zone kind (大觉寺 保护范围 → 大觉寺). */
export function siteName(name: string): string {
  return name.replace(/\s*(保护范围|建设控制地带)$/, '');
}

/** The feature as {@link sharedAnchorGroups} reads it: one site per record (protection and control zones of a site are one). */
export function anchoredFeature(f: NoteSource): AnchoredFeature {
  return { id: f.id, name: siteName(f.props.name), site: f.props.recordId ?? f.id, anchor: f.props.anchor ?? null, precisionM: f.props.precisionM };
}

/** Index of the notes by feature id, for every feature at a position shared by two or more sites. */
export function sharedAnchorNotes(features: readonly NoteSource[]): Map<string, SharedAnchorNote> {
  const stackable = features.filter((f) => isStackable(f.props.layer));
  const layerOf = new Map(stackable.map((f) => [f.id, f.props.layer]));
  const index = sharedAnchorIndex(sharedAnchorGroups(stackable.map(anchoredFeature)));
  const notes = new Map<SharedAnchorGroup, SharedAnchorNote>();
  const out = new Map<string, SharedAnchorNote>();
  for (const [id, g] of index) {
    let note = notes.get(g);
    if (note === undefined) {
      note = {
        code: SHARED_ANCHOR_CODE,
        count: g.sites.length,
        sites: g.sites,
        precisionM: g.precisionM,
        anchorName: g.anchorName,
        relic: g.featureIds.every((fid) => RELIC_LAYERS.has(layerOf.get(fid) ?? '')),
      };
      notes.set(g, note);
    }
    out.set(id, note);
  }
  return out;
}
