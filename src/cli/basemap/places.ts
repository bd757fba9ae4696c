import type { FeatureCollection, Point } from 'geojson';
import type { Anchor } from '../../core/model/anchor';
import { roundCoord } from './geojson-text';

/** Properties of a place label in places.geojson. */
export interface PlaceProps {
  /** Chinese label (short form: 临汾, 洪洞; one-character counties keep 县: 隰县). */
  name: string;
  /** Pinyin label, e.g. "Linfen". */
  nameEn: string;
  /** 1 for the four seats the gazettes centre on, 2 for the other county seats. */
  rank: 1 | 2;
  /** Id of the anchor in data/gazetteer/anchors.json the point comes from. */
  anchorId: string;
}

/** One place to label: which anchor row it comes from and how it is labelled. */
export interface PlaceSpec {
  level: 'city' | 'county';
  /** The anchor's `name` (and `county`). */
  anchorName: string;
  name: string;
  nameEn: string;
  rank: 1 | 2;
}

/**
 * The four rank-1 seats. 临汾 and 吕梁 use the city rows (the prefecture government in the urban districts
 * 尧都区 and 离石区); 晋城 uses the 晋城市城区 row; 稷山 the county row.
 */
export const RANK1_PLACES: readonly PlaceSpec[] = [
  { level: 'city', anchorName: '临汾市', name: '临汾', nameEn: 'Linfen', rank: 1 },
  { level: 'city', anchorName: '吕梁市', name: '吕梁', nameEn: 'Lüliang', rank: 1 },
  { level: 'county', anchorName: '晋城市城区', name: '晋城', nameEn: 'Jincheng', rank: 1 },
  { level: 'county', anchorName: '稷山县', name: '稷山', nameEn: 'Jishan', rank: 1 },
];

/**
 * County rows that are not labelled separately: the urban districts that hold the 临汾 and 吕梁 city seats,
 * already labelled by the city points a few km away.
 */
export const SEAT_DISTRICTS_SKIPPED: readonly string[] = ['尧都区', '离石区'];

/**
 * Labels of the other county seats in anchors.csv, checked by hand (polyphones: 洪洞 Hongtong, not Hongdong;
 * one-character counties as Xixian, Linxian… as on Chinese maps). A county row without an entry here makes
 * the build fail, so a new anchor row cannot slip in unlabelled.
 */
export const COUNTY_LABELS: Readonly<Record<string, { name: string; nameEn: string }>> = {
  中阳县: { name: '中阳', nameEn: 'Zhongyang' },
  临县: { name: '临县', nameEn: 'Linxian' },
  乡宁县: { name: '乡宁', nameEn: 'Xiangning' },
  交口县: { name: '交口', nameEn: 'Jiaokou' },
  交城县: { name: '交城', nameEn: 'Jiaocheng' },
  侯马市: { name: '侯马', nameEn: 'Houma' },
  兴县: { name: '兴县', nameEn: 'Xingxian' },
  古县: { name: '古县', nameEn: 'Guxian' },
  吉县: { name: '吉县', nameEn: 'Jixian' },
  大宁县: { name: '大宁', nameEn: 'Daning' },
  孝义市: { name: '孝义', nameEn: 'Xiaoyi' },
  安泽县: { name: '安泽', nameEn: 'Anze' },
  岚县: { name: '岚县', nameEn: 'Lanxian' },
  文水县: { name: '文水', nameEn: 'Wenshui' },
  方山县: { name: '方山', nameEn: 'Fangshan' },
  曲沃县: { name: '曲沃', nameEn: 'Quwo' },
  柳林县: { name: '柳林', nameEn: 'Liulin' },
  永和县: { name: '永和', nameEn: 'Yonghe' },
  汾西县: { name: '汾西', nameEn: 'Fenxi' },
  汾阳市: { name: '汾阳', nameEn: 'Fenyang' },
  泽州县: { name: '泽州', nameEn: 'Zezhou' },
  洪洞县: { name: '洪洞', nameEn: 'Hongtong' },
  浮山县: { name: '浮山', nameEn: 'Fushan' },
  石楼县: { name: '石楼', nameEn: 'Shilou' },
  翼城县: { name: '翼城', nameEn: 'Yicheng' },
  蒲县: { name: '蒲县', nameEn: 'Puxian' },
  襄汾县: { name: '襄汾', nameEn: 'Xiangfen' },
  阳城县: { name: '阳城', nameEn: 'Yangcheng' },
  隰县: { name: '隰县', nameEn: 'Xixian' },
  霍州市: { name: '霍州', nameEn: 'Huozhou' },
  高平市: { name: '高平', nameEn: 'Gaoping' },
};

/**
 * Builds the place points from the anchors: the four rank-1 seats, then every other county-level anchor
 * (rank 2) in anchor order. Positions are the anchors' WGS84 points rounded to 5 decimals. Throws when an
 * expected anchor is missing or a county anchor has no label (the inputs are the repository's own files).
 */
export function buildPlaces(anchors: readonly Anchor[]): FeatureCollection<Point, PlaceProps> {
  const specs: PlaceSpec[] = [...RANK1_PLACES];
  const taken = new Set(RANK1_PLACES.map((p) => p.anchorName));
  for (const a of anchors) {
    if (a.level !== 'county' || taken.has(a.name) || SEAT_DISTRICTS_SKIPPED.includes(a.name)) continue;
    const label = COUNTY_LABELS[a.name];
    if (!label) throw new Error(`county anchor ${a.name} (${a.id}) has no label in COUNTY_LABELS`);
    specs.push({ level: 'county', anchorName: a.name, ...label, rank: 2 });
    taken.add(a.name);
  }
  const features = specs.map((s, i) => {
    const a = anchors.find((x) => x.level === s.level && x.name === s.anchorName);
    if (!a) throw new Error(`no ${s.level} anchor named ${s.anchorName} in anchors.json`);
    return {
      type: 'Feature' as const,
      id: i + 1,
      properties: { name: s.name, nameEn: s.nameEn, rank: s.rank, anchorId: a.id },
      geometry: { type: 'Point' as const, coordinates: [roundCoord(a.wgs84.lon), roundCoord(a.wgs84.lat)] },
    };
  });
  return { type: 'FeatureCollection', features };
}
