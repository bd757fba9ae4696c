/** Font stack for labels. With no `glyphs` in the style MapLibre draws them from these local fonts. */
export const LABEL_FONTS = ['Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];
