import type { UserCategory } from '../../core/model/user-layer';

/**
 * Compatibility re-exports for the import panel: the supersession model is in `core/model/supersession.ts`,
 * the join of the user's data to the catalog in `app/catalog/user-layers.ts`, layer ids in
 * `core/model/layer-registry.ts`. Remove when no view imports this file.
 */
export { USER_LAYER_PREFIX, isUserLayerId, storeIdOf, userLayerId } from '../../core/model/layer-registry';
export { SUPERSEDES_FLAG, applySupersessions, buildSupersession, isTextDerived, supersessionFeatures, surveyedProps } from '../../core/model/supersession';
export { SUPERSEDED_OVERLAY, mergeUserData, supersededOverlay, toLoadedLayer } from '../../app/catalog/user-layers';

/** Category labels, Chinese first. */
export const CATEGORY_LABELS: Readonly<Record<UserCategory, { 'zh-CN': string; en: string }>> = {
  'project-boundary': { 'zh-CN': '项目用地红线', en: 'Project boundary' },
  'ecological-red-line': { 'zh-CN': '生态保护红线', en: 'Ecological red line' },
  'permanent-basic-farmland': { 'zh-CN': '永久基本农田', en: 'Permanent basic farmland' },
  'urban-development-boundary': { 'zh-CN': '城镇开发边界', en: 'Urban development boundary' },
  other: { 'zh-CN': '其他', en: 'Other' },
};
