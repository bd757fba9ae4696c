import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { sharedAnchorNotes } from '../core/geo/shared-anchor-note';
import type { NoteSource, SharedAnchorNote } from '../core/geo/shared-anchor-note';
import type { Lang } from '../map/map-api';
import { t } from '../i18n/localize';
import { formatLength } from '../i18n/labels';

/**
 * The words of core's shared-anchor note ("N 处遗址共用此近似位置 / N sites share this approximate position"),
 * for the search results, the inspector, public mode and the compliance review sheet.
 */

const cache = new WeakMap<object, Map<string, SharedAnchorNote>>();

/** The notes of `features` by feature id, computed once per array (or per `owner` object when given). */
export function sharedNotesOf(features: readonly NoteSource[], owner: object = features): Map<string, SharedAnchorNote> {
  let notes = cache.get(owner);
  if (notes === undefined) {
    notes = sharedAnchorNotes(features);
    cache.set(owner, notes);
  }
  return notes;
}

/** "2 处遗址共用此近似位置", with the sites' names when `names` is set. */
export function sharedNoteText(note: SharedAnchorNote, lang: Lang, names = true): string {
  const head = t(note.relic ? 'ground.sharedSites' : 'ground.sharedPlaces', lang, { n: note.count });
  return names ? head + t('ground.sharedNames', lang, { names: note.sites.join(lang === 'en' ? ', ' : '、') }) : head;
}

/** The note as a paragraph (`data-testid=shared-anchor`, `data-count`), with the precision caveat. */
export function sharedNoteTemplate(note: SharedAnchorNote, lang: Lang): TemplateResult {
  return html`<p class="shared-anchor" data-testid="shared-anchor" data-count=${note.count}>
    <strong>${t(note.relic ? 'ground.sharedSites' : 'ground.sharedPlaces', lang, { n: note.count })}</strong>${t('ground.sharedNames', lang, { names: '' })}<span lang="zh-CN">${note.sites.join('、')}</span>${lang === 'en' ? '.' : '。'}
    ${t('ground.sharedCaveat', lang, { p: formatLength(note.precisionM, lang) })}
  </p>`;
}

/** Above the map's chooser: the note when the features under a click share one approximate position, else nothing. */
export function sharedChoiceTemplate(choices: readonly NoteSource[], lang: Lang): TemplateResult | typeof nothing {
  const notes = [...new Set(sharedAnchorNotes(choices).values())];
  const note = notes.length === 1 ? notes[0] : undefined;
  return note ? html`<p data-testid="chooser-shared" data-count=${note.count}><strong>${sharedNoteText(note, lang)}</strong></p>` : nothing;
}
