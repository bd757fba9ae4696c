import type { Lang } from '../../map/map-api';

/** What a zone restricts, in the gazette's words and in plain words. */
export interface ZoneRule {
  /** Verbatim text of the gazette's rule (layout line breaks removed), or null when the gazette states none. */
  quote: string | null;
  /** Where the quote is. */
  source: { file: string; lines: readonly [number, number]; docNumber: string; article: Readonly<Record<Lang, string>> } | null;
  plain: Readonly<Record<Lang, string>>;
}

const LL_ANNEX = { file: 'data/sources/llzh-2022-93.txt', docNumber: '吕政函〔2022〕93号' } as const;

/**
 * Rules per layer. The relic rules are 附件1《关于保护范围及建设控制地带的说明》 of 吕政函〔2022〕93号
 * (paragraph 一 for protection ranges, 二 for construction-control zones). The other gazettes
 * state no restriction for the public, and the text says so rather than inventing one.
 */
export const ZONE_RULES: Readonly<Record<string, ZoneRule>> = {
  'relic-protection': {
    quote:
      '一、在文物保护单位的保护范围内，不得拆除、改建原有古建筑及其附属建筑物，不得添建新建筑和进行其他建设工程，不得开展危害文物本体安全的活动。因特殊情况需要在保护范围内进行建设工程，应当依法履行报批程序。',
    source: { ...LL_ANNEX, lines: [37, 39], article: { 'zh-CN': '附件1 第一条', en: 'Annex 1, paragraph 1' } },
    plain: {
      'zh-CN': '文物保护范围内:不能拆除或改建原有古建筑及其附属建筑,不能新盖房屋或搞其他建设工程,不能做危害文物安全的事。特殊情况确需建设的,必须依法报批。',
      en: 'Inside a relic protection range: no demolishing or altering the historic buildings, no new buildings or other construction, nothing that endangers the relic. Building there in special cases needs approval under the law.',
    },
  },
  'relic-control': {
    quote:
      '二、进行建设工程，不得破坏文物建筑的历史风貌；工程设计方案应依法履行报批程序。不得建设污染文物保护单位及其环境的设施，不得进行可能影响文物保护单位安全及其环境的活动。对已有的污染设施，应当限期治理。',
    source: { ...LL_ANNEX, lines: [41, 41], article: { 'zh-CN': '附件1 第二条', en: 'Annex 1, paragraph 2' } },
    plain: {
      'zh-CN': '建设控制地带内:可以建设,但不能破坏文物建筑的历史风貌,设计方案要依法报批;不能建污染文物及其环境的设施,不能做可能影响文物安全和环境的事;已有的污染设施要限期治理。',
      en: 'Inside a construction-control zone: building is allowed, but it must not spoil the historic appearance of the relic and the design needs approval under the law; no facilities that pollute the relic or its setting and nothing that may affect its safety or setting; existing polluting facilities must be cleaned up within a deadline.',
    },
  },
  'chemical-park': {
    quote: null,
    source: null,
    plain: {
      'zh-CN': '这是公报批准的化工园区范围。该公报只确定园区面积和四至,没有规定面向公众的用地限制;具体管控请咨询当地政府。',
      en: 'This is the extent of an approved chemical park. The gazette only fixes its area and bounds and states no restriction for the public; ask the local government about specific controls.',
    },
  },
  'land-acquisition': {
    quote: null,
    source: null,
    plain: {
      'zh-CN': '这里有经批复的土地征收成片开发方案。公报没有公布具体边界,只能示意所在县市;某块地是否被征收,请向当地自然资源部门查询。',
      en: 'An approved land-acquisition (area development) plan covers this area. The gazette does not publish its boundary, only the county; ask the local natural resources bureau whether a plot is included.',
    },
  },
  'meteo-site': {
    quote: null,
    source: null,
    plain: {
      'zh-CN': '附近规划有气象观测设施。该公报是建设规划,没有规定周边限制。',
      en: 'A meteorological observation facility is planned nearby. The gazette is a construction plan and states no restriction around it.',
    },
  },
  qa: {
    quote: null,
    source: null,
    plain: {
      'zh-CN': '质检发现:两个图层在此处重叠或冲突,需主管部门核实。',
      en: 'QA finding: two layers overlap or conflict here; the competent authority should check.',
    },
  },
};

/** The rule of a layer, or a neutral statement for layers without one. */
export function ruleFor(layer: string): ZoneRule {
  return (
    ZONE_RULES[layer] ?? {
      quote: null,
      source: null,
      plain: { 'zh-CN': '该图层没有收录适用规定。', en: 'No rule is recorded for this layer.' },
    }
  );
}
