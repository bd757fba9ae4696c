import type { FacilityScope, FacilityStatus, MeteoFacilityRecord, Span } from '../../core/model/gazette-record';
import { NUMBER_SOURCE, parseNumber } from './numbers';
import type { IdAllocator, ParseContext } from './record-builder';
import { slugOf, sourceOf } from './record-builder';

/**
 * Facility lists of meteorological plans, one clause at a time:
 *
 * - "在<places>新建 8 部<facility>", "<places>各新增 1 部<facility>", "隰县新增 1 个<facility>",
 *   "<places>各建设两个<facility>", "在全市新建 81 个<facility>", "每个县新增 1 个<facility>";
 * - "<places>建设<facility>" with no count (a base in 西山片区, in 霍州、汾西);
 * - existing facilities: "对<places>等<facility>进行标准化改造", "升级 200 个<facility>",
 *   "推进<facility>搬迁工程…".
 *
 * A place list gives one record per place. 全市 gives scope `city`, 每个县 gives `each-county`,
 * a named 片区/地区 gives `area`; anything else is taken as a county as written (襄汾, 尧都区).
 */

const PLANNED_VERBS = '新建|新增|增建|增补|建设|建成|布设|设立|布局|配备';
const EXISTING_VERBS = '升级|改造|标准化改造|迁建|搬迁|更新';
const CLASSIFIER = '个|部|套|座|处|台|家|站|条';

const COUNTED = new RegExp(
  `^(?:在)?(?<places>[^,。;]*?)(?<each>各)?(?<verb>${PLANNED_VERBS}|${EXISTING_VERBS})(?<count>${NUMBER_SOURCE})(?<cls>${CLASSIFIER})(?<facility>[^,。;]+)$`,
);
const UNCOUNTED = new RegExp(`^(?:在)?(?<places>[^,。;]{2,40}?)(?<verb>${PLANNED_VERBS})(?<facility>[^,。;]*(?:基地|站|中心|雷达|平台|系统))$`);
const EXISTING_TARGETED = /^对(?<places>[^,。;]+?)等(?<facility>[^,。;]+?)进行(?<verb>[^,。;]+)$/;
const RELOCATION = /^推进(?<facility>[^,。;]+?)(?<verb>搬迁|迁建)工程/;

function placeScope(place: string): { scope: FacilityScope; county: string | null; area: string | null } {
  if (/^全(?:市|区|县|省)/.test(place)) return { scope: 'city', county: null, area: null };
  if (/^(?:每个|各)(?:县|区|县市区|县\(市、区\))/.test(place)) return { scope: 'each-county', county: null, area: null };
  if (/(?:片区|地区|区域|流域|山区)$/.test(place)) return { scope: 'area', county: null, area: place };
  return { scope: 'county', county: place, area: null };
}

function isPlaceList(text: string): boolean {
  if (text.length === 0) return false;
  return text
    .split('、')
    .every((p) => /^[\u4e00-\u9fa5]{2,12}$/.test(p) && !/的|对|探索|推进|加快|开展|持续|加强|建立|完善|积极|逐步|鼓励|支持|实施|围绕|全面/.test(p));
}

/** Parse facility entries of a meteorological plan passage. */
export function parseMeteo(ctx: ParseContext, ids: IdAllocator): MeteoFacilityRecord[] {
  const out: MeteoFacilityRecord[] = [];
  const text = ctx.text;
  const pieceRe = /[^,。;\n]+/g;
  for (const pm of text.matchAll(pieceRe)) {
    const piece = pm[0].trim();
    const pieceStart = (pm.index ?? 0) + pm[0].indexOf(piece);
    const span: Span = [pieceStart, pieceStart + piece.length];
    const entries: { places: string[]; each: boolean; verb: string; count: number | null; facility: string; status: FacilityStatus }[] = [];
    const c = COUNTED.exec(piece);
    const u = c === null ? UNCOUNTED.exec(piece) : null;
    const e = c === null && u === null ? EXISTING_TARGETED.exec(piece) : null;
    const r = c === null && u === null && e === null ? RELOCATION.exec(piece) : null;
    if (c?.groups !== undefined) {
      const g = c.groups;
      const places = (g['places'] ?? '').replace(/^(?:在|对)/, '').replace(/(?:气象灾害风险隐患点和监测盲区|范围内)$/, '');
      const placeText = places.length === 0 ? '全市' : places;
      const existing = new RegExp(`^(?:${EXISTING_VERBS})$`).test(g['verb'] ?? '');
      const count = parseNumber(g['count'] ?? '');
      if (!isPlaceList(placeText) && placeScope(placeText).scope === 'county') continue;
      entries.push({
        places: placeScope(placeText).scope === 'county' ? placeText.split('、') : [/^全/.test(placeText) ? '全市' : placeText],
        each: g['each'] !== undefined,
        verb: g['verb'] ?? '',
        count: count !== null && Number.isInteger(count) ? count : null,
        facility: (g['facility'] ?? '').replace(/^(?:老旧)/, (s) => s).trim(),
        status: existing ? 'existing' : 'planned',
      });
    } else if (u?.groups !== undefined) {
      const g = u.groups;
      const places = g['places'] ?? '';
      if (!isPlaceList(places)) continue;
      entries.push({ places: places.split('、'), each: false, verb: g['verb'] ?? '', count: null, facility: g['facility'] ?? '', status: 'planned' });
    } else if (e?.groups !== undefined) {
      const g = e.groups;
      const places = g['places'] ?? '';
      if (!isPlaceList(places)) continue;
      entries.push({ places: places.split('、'), each: false, verb: g['verb'] ?? '', count: null, facility: g['facility'] ?? '', status: 'existing' });
    } else if (r?.groups !== undefined) {
      const g = r.groups;
      entries.push({ places: ['全市'], each: false, verb: g['verb'] ?? '', count: 1, facility: g['facility'] ?? '', status: 'existing' });
    }
    for (const entry of entries) {
      for (const place of entry.places) {
        const { scope, county, area } = placeScope(place);
        // One count per place when "各" is written or only one place is named; otherwise the count is the list's total.
        const perPlace = entry.each || entry.places.length === 1;
        const count = entry.count === null ? null : perPlace ? entry.count : null;
        const flags: MeteoFacilityRecord['flags'] = [];
        if (entry.count !== null && !perPlace) {
          const share = entry.count / entry.places.length;
          flags.push({
            code: Number.isInteger(share) ? 'COUNT_SPLIT' : 'TOTAL_MISMATCH',
            severity: 'info',
            message: `${entry.count} for ${entry.places.length} places in all` + (Number.isInteger(share) ? `; read as ${share} each` : ''),
            span,
          });
        }
        const finalCount = count ?? (entry.count !== null && Number.isInteger(entry.count / entry.places.length) ? entry.count / entry.places.length : null);
        out.push({
          kind: 'meteo-facility',
          id: ids.next(`${slugOf(entry.facility).slice(0, 40)}-${slugOf(place)}`),
          name: `${place}${entry.facility}`,
          county,
          address: null,
          document: ctx.document,
          status: entry.status === 'planned' ? 'planned' : 'in-force',
          source: sourceOf(ctx, span),
          areas: [],
          repeals: [],
          events: [],
          provenance: [{ field: 'entry', span }],
          flags,
          facility: entry.facility,
          scope,
          area,
          count: finalCount,
          facilityStatus: entry.status,
          action: entry.verb,
        });
      }
    }
  }
  return out;
}
