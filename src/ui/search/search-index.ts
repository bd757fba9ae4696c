import type { ViewerFeature } from '../../core/model/catalog-feature';
import { sharedAnchorNotes } from '../../core/geo/shared-anchor-note';
import type { SharedAnchorNote } from '../../core/geo/shared-anchor-note';

/** One searchable feature. */
export interface SearchEntry {
  id: string;
  layer: string;
  name: string;
  county: string;
  docNumber: string;
  /** Normalised text searched against. */
  haystack: string;
  /** Pinyin initials of name and county (e.g. 大觉寺 → djs), when available. */
  initials: string;
  /** The document number as `issuer code|year|number` (see {@link docNumberKey}), or '' when it is not one. */
  docKey: string;
  /** When the feature is drawn at a position it shares with other sites: core's note (the result says so). */
  shared?: SharedAnchorNote;
}

/**
 * A document number reduced to `issuer code|year|number`, forgiving brackets, spaces and a missing 号:
 * 临政函〔2023〕13号, 临政函[2023]13号, 临政函2023 13 and 临政函 2023 13号 all give 临政函|2023|13.
 * Returns '' for text that is not a document number.
 */
export function docNumberKey(s: string): string {
  const m = /^([^\d\s〔［[（(【]+?)\s*[〔［[（(【]?\s*((?:19|20)\d{2})\s*[〕］\]）)】]?\s*第?\s*(\d{1,4})\s*号?$/.exec(s.normalize('NFKC').trim());
  return m ? `${m[1]}|${m[2]}|${Number(m[3])}` : '';
}

/**
 * Normalises text for matching: no whitespace, full-width forms folded, all bracket styles of
 * document numbers (〔〕[]()（）【】) the same, lower case. So 临政函〔2023〕13 号 matches 临政函[2023]13号.
 */
export function normaliseForSearch(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[〔［[（(【]/g, '[')
    .replace(/[〕］\]）)】]/g, ']')
    .toLowerCase();
}

/** Builds the index; `initialsOf` turns Chinese into pinyin initials (optional). */
export function buildSearchIndex(features: readonly ViewerFeature[], initialsOf?: (s: string) => string): SearchEntry[] {
  const notes = sharedAnchorNotes(features);
  return features.map((f) => {
    const p = f.props;
    const doc = p.docNumber ?? '';
    const shared = notes.get(f.id);
    return {
      ...(shared ? { shared } : {}),
      id: f.id,
      layer: p.layer,
      name: p.name,
      county: p.county,
      docNumber: doc,
      haystack: normaliseForSearch(`${p.name}|${p.county}|${doc}`),
      initials: initialsOf ? `${initialsOf(p.name)}|${initialsOf(p.county)}`.toLowerCase() : '',
      docKey: docNumberKey(doc),
    };
  });
}

/** Entries matching `query`: by substring of name/county/document number, or by pinyin initials. Name hits first. */
export function searchIndex(index: readonly SearchEntry[], query: string, limit = 50): SearchEntry[] {
  const q = normaliseForSearch(query);
  if (q === '') return [];
  const qDoc = docNumberKey(query);
  const scored: Array<{ e: SearchEntry; score: number }> = [];
  for (const e of index) {
    let score = -1;
    if (normaliseForSearch(e.name).startsWith(q)) score = 0;
    else if (normaliseForSearch(e.name).includes(q)) score = 1;
    else if (e.haystack.includes(q) || (qDoc !== '' && e.docKey === qDoc)) score = 2;
    else if (/^[a-z]+$/.test(q) && e.initials.split('|').some((i) => i.startsWith(q))) score = 3;
    if (score >= 0) scored.push({ e, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.e.name.localeCompare(b.e.name, 'zh-CN')).slice(0, limit).map((s) => s.e);
}
