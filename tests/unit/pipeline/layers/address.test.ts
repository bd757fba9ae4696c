import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../../../src/pipeline/layers/address';

describe('parseAddress', () => {
  it.each([
    ['离石区交口街道贺家塔村', { county: '离石区', township: '交口街道', village: '贺家塔村' }],
    ['孝义市新义街道办居义村', { county: '孝义市', township: '新义街道', village: '居义村' }],
    ['方山县武当镇武当村', { county: '方山县', township: '武当镇', village: '武当村' }],
    ['临县碛口镇李家山村', { county: '临县', township: '碛口镇', village: '李家山村' }],
    ['石楼县和合乡大洼村南500 米', { county: '石楼县', township: '和合乡', village: '大洼村' }],
    ['孝义市兑镇镇兑镇村', { county: '孝义市', township: '兑镇镇', village: '兑镇村' }],
    ['中阳县宁乡镇柳沟村柏家峪自然村', { county: '中阳县', township: '宁乡镇', village: '柳沟村' }],
    ['临县革命街实验小学西南隅', { county: '临县', township: null, village: null }],
    ['汾阳市山西医科大学汾阳学院内', { county: '汾阳市', township: null, village: null }],
  ])('%s', (address, expected) => {
    expect(parseAddress(address)).toEqual(expected);
  });

  it('returns nulls for no address', () => {
    expect(parseAddress(null)).toEqual({ county: null, township: null, village: null });
  });
});
