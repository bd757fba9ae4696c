import type { Lang } from '../map/map-api';
import { CONFLICT_MESSAGES } from './catalog/conflicts';
import { DRAW_MESSAGES } from './catalog/draw';
import { IMPORT_MESSAGES } from './catalog/import';
import { NOTICE_MESSAGES } from './catalog/notice';
import { RADAR_MESSAGES } from './catalog/radar';
import { PRINT_MESSAGES } from './catalog/print';
import { SHELL_MESSAGES } from './catalog/shell';
import { GROUND_MESSAGES } from './catalog/ground';
import { TABLE_MESSAGES } from './catalog/table';

/**
 * The one localisation path of the UI. Messages live in `./catalog/*` (one file per area, each entry with its
 * zh-CN and en text side by side, so a missing translation is a type error); keys of an area other than the
 * shell are prefixed with the area (`conflicts.title`, `import.title`, `radar.title`). Core code returns codes
 * and parameters; views turn them into words only here.
 */

type Entry = Readonly<Record<Lang, string>>;
type Prefixed<P extends string, T> = `${P}.${Extract<keyof T, string>}`;

/** Every message key. */
export type MessageKey =
  | Extract<keyof typeof SHELL_MESSAGES, string>
  | Prefixed<'conflicts', typeof CONFLICT_MESSAGES>
  | Prefixed<'import', typeof IMPORT_MESSAGES>
  | Prefixed<'radar', typeof RADAR_MESSAGES>
  | Prefixed<'notice', typeof NOTICE_MESSAGES>
  | Prefixed<'draw', typeof DRAW_MESSAGES>
  | Prefixed<'ground', typeof GROUND_MESSAGES>
  | Prefixed<'table', typeof TABLE_MESSAGES>
  | Prefixed<'print', typeof PRINT_MESSAGES>;

/** Placeholder values for `{name}` in a message. */
export type MessageVars = Readonly<Record<string, string | number>>;

const AREAS: Readonly<Record<string, Readonly<Record<string, Entry>>>> = {
  conflicts: CONFLICT_MESSAGES,
  import: IMPORT_MESSAGES,
  radar: RADAR_MESSAGES,
  notice: NOTICE_MESSAGES,
  draw: DRAW_MESSAGES,
  ground: GROUND_MESSAGES,
  table: TABLE_MESSAGES,
  print: PRINT_MESSAGES,
};

function entryOf(key: string): Entry | undefined {
  const dot = key.indexOf('.');
  if (dot > 0) {
    const area = AREAS[key.slice(0, dot)];
    if (area) return area[key.slice(dot + 1)];
  }
  return (SHELL_MESSAGES as Readonly<Record<string, Entry>>)[key];
}

/** Fills `{name}` placeholders of `text` from `vars`; unknown names stay as written. */
export function fill(text: string, vars: MessageVars = {}): string {
  return text.replace(/\{(\w+)\}/g, (m: string, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The message `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, lang: Lang, vars?: MessageVars): string {
  const entry = entryOf(key);
  if (!entry) throw new Error(`unknown message key ${key}`);
  return fill(entry[lang], vars);
}

/** True when `key` names a message (for keys that come from data, e.g. reason codes). */
export function hasMessage(key: string): key is MessageKey {
  return entryOf(key) !== undefined;
}

/** Reads the language from a URL's `lang` parameter; zh-CN unless it says `en`. */
export function langFromUrl(url: URL): Lang {
  return url.searchParams.get('lang') === 'en' ? 'en' : 'zh-CN';
}

/** A key of the conflict area, without its prefix. */
export type ConflictKey = Extract<keyof typeof CONFLICT_MESSAGES, string>;
/** A key of the import area, without its prefix. */
export type ImportKey = Extract<keyof typeof IMPORT_MESSAGES, string>;
/** A key of the radar area, without its prefix. */
export type RadarKey = Extract<keyof typeof RADAR_MESSAGES, string>;
/** A key of the attribute table area, without its prefix. */
export type TableKey = Extract<keyof typeof TABLE_MESSAGES, string>;
/** A key of the print area, without its prefix. */
export type PrintKey = Extract<keyof typeof PRINT_MESSAGES, string>;
