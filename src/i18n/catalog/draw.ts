import type { Lang } from '../../map/map-api';

/** Strings of drawing a park along its 四至 and of dragging an anchor in 定位, Chinese first. */
export const DRAW_MESSAGES = {
  start: { 'zh-CN': '沿四至绘制', en: 'Draw along the four bounds' },
  title: { 'zh-CN': '沿"四至"绘制边界', en: 'Draw the boundary along the four bounds' },
  help: {
    'zh-CN': '在地图上逐点单击绘制园区边界，单击第一个点闭合。闭合后可拖动顶点修改。公报所述四至列于下方。',
    en: 'Click point by point on the map to draw the park boundary; click the first point to close it. Once closed, drag vertices to edit. The four bounds the gazette states are listed below.',
  },
  sides: { 'zh-CN': '公报四至', en: 'The gazette’s four bounds' },
  sideE: { 'zh-CN': '东', en: 'East' },
  sideS: { 'zh-CN': '南', en: 'South' },
  sideW: { 'zh-CN': '西', en: 'West' },
  sideN: { 'zh-CN': '北', en: 'North' },
  sideDrawn: { 'zh-CN': '已画出朝{dir}的边', en: 'an edge facing {dir} is drawn' },
  sideNotDrawn: { 'zh-CN': '尚无朝{dir}的边', en: 'no edge faces {dir} yet' },
  tickRule: {
    'zh-CN': '勾选规则：所画多边形有一条边的外法线朝向该方向（±45°）即勾选。是否沿公报所述地物画出，需您自行核对。',
    en: 'Tick rule: a side is ticked when an edge of the drawn polygon faces that direction (outward normal within ±45°). Whether it follows the feature the gazette names is for you to check.',
  },
  areaDrawn: { 'zh-CN': '所画面积（椭球面）', en: 'Drawn area (geodesic)' },
  areaStated: { 'zh-CN': '公报面积', en: 'Stated area' },
  areaDiff: { 'zh-CN': '相差', en: 'Difference' },
  areaNone: { 'zh-CN': '至少三个顶点', en: 'at least three vertices' },
  snapOn: { 'zh-CN': '顶点吸附到底图上 {px} 像素内的线要素（县界、自选底图的道路等）。', en: 'Vertices snap to basemap lines within {px} px (county boundaries, roads of your own basemap …).' },
  snapNone: {
    'zh-CN': '当前视图无可吸附的矢量底图线要素：顶点落在单击处。可在"图层"中加载自己的矢量 PMTiles 底图。',
    en: 'No vector basemap lines to snap to in this view: vertices go where you click. Load your own vector PMTiles basemap under Layers.',
  },
  precision: { 'zh-CN': '位置精度 (m)', en: 'Position precision (m)' },
  undo: { 'zh-CN': '撤销上一步', en: 'Undo last step' },
  restart: { 'zh-CN': '重画', en: 'Start again' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  save: { 'zh-CN': '保存为替代形状', en: 'Save as the shape in force' },
  saved: {
    'zh-CN': '已保存：所画边界替代示意正方形（{method}，±{n} m，{date}）。',
    en: 'Saved: the drawn boundary supersedes the sketch square ({method}, ±{n} m, {date}).',
  },
  revert: { 'zh-CN': '撤销保存', en: 'Undo the save' },
  reverted: { 'zh-CN': '已撤销保存，恢复此前的形状。', en: 'Save undone; the shape before it applies again.' },
  notClosed: { 'zh-CN': '请先闭合多边形（单击第一个点）。', en: 'Close the polygon first (click its first point).' },
  tooFew: { 'zh-CN': '多边形至少需要三个不同顶点。', en: 'The polygon needs at least three distinct vertices.' },
  precisionBad: { 'zh-CN': '位置精度须为不小于 0 的数字（米）。', en: 'Position precision must be a number ≥ 0 (metres).' },
  storeFailed: { 'zh-CN': '保存失败，已存数据未改变：{detail}', en: 'Saving failed; stored data is unchanged: {detail}' },
  noDrawing: { 'zh-CN': '此地图不支持绘制。', en: 'This map cannot draw.' },
  dragStart: { 'zh-CN': '在地图上拖动锚点', en: 'Drag the anchor on the map' },
  dragStop: { 'zh-CN': '停止拖动', en: 'Stop dragging' },
  dragHelp: {
    'zh-CN': '拖动地图上的锚点标记到正确位置后松开：按上面选择的来源和精度定位。',
    en: 'Drag the anchor marker on the map to its true position and release: it is placed with the source and precision chosen above.',
  },
} satisfies Record<string, Readonly<Record<Lang, string>>>;
