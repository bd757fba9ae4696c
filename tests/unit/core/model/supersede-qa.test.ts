import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Geometry } from 'geojson';
import { SURVEYED_QA_CODES, TEXT_SHAPE_QA_CODES, checkSurveyedArea, surveyedShapeQa } from '../../../../src/core/model/supersede-qa';
import type { QaFinding } from '../../../../src/core/model/catalog-feature';

const markers = JSON.parse(readFileSync('data/qa/markers.geojson', 'utf8')) as FeatureCollection<Geometry, { qa?: QaFinding[] }>;

describe('QA of a superseded feature', () => {
  it('the surveyed area is compared with the stated one against the threshold (−52.93 % warns at 5 %, +3 % does not)', () => {
    const far = checkSurveyedArea(4707, 10000, 0.05);
    expect(far.share).toBeCloseTo(-0.5293, 6);
    expect(far.over).toBe(true);
    expect(checkSurveyedArea(10300, 10000, 0.05).over).toBe(false);
    expect(checkSurveyedArea(10300, 10000, 0.02).over).toBe(true);
    expect(checkSurveyedArea(10300, null, 0.05)).toEqual({ surveyedM2: 10300, statedM2: null, share: null, over: false });
    expect(() => checkSurveyedArea(1, 1, Number.NaN)).toThrow(RangeError);
  });

  it('drops the findings about the text-derived shape, keeps those about the text, and adds the area check', () => {
    const withShape = markers.features.map((f) => f.properties.qa ?? []).find((qa) => qa.some((q) => TEXT_SHAPE_QA_CODES.has(q.code)) && qa.some((q) => !TEXT_SHAPE_QA_CODES.has(q.code)));
    expect(withShape).toBeDefined();
    const out = surveyedShapeQa(withShape!, checkSurveyedArea(4707, 10000, 0.05), 0.05);
    expect(out[0]).toMatchObject({ code: SURVEYED_QA_CODES.differs, severity: 'warning' });
    expect(out[0]!.message).toContain('-52.93 %');
    expect(out.some((q) => TEXT_SHAPE_QA_CODES.has(q.code))).toBe(false);
    expect(out.slice(1)).toEqual(withShape!.filter((q) => !TEXT_SHAPE_QA_CODES.has(q.code)));
    expect(surveyedShapeQa([], checkSurveyedArea(10100, 10000, 0.05), 0.05)[0]).toMatchObject({ code: SURVEYED_QA_CODES.matches, severity: 'info' });
    expect(surveyedShapeQa([], checkSurveyedArea(10100, null, 0.05), 0.05)[0]?.code).toBe(SURVEYED_QA_CODES.noStated);
  });
});
