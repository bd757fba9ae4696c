import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'project/layer-imports')
    .map((m) => m.message);
}

describe('import boundaries (allow-list per folder)', () => {
  const cases: Array<[string, string, boolean]> = [
    ["import { Map } from 'maplibre-gl';", 'src/ui/fixture-bad.ts', true],
    ["import { Map } from 'maplibre-gl';", 'src/core/fixture-bad.ts', true],
    ["import 'maplibre-gl/dist/maplibre-gl.css';", 'src/pipeline/fixture-bad.ts', true],
    ["import { Map } from 'maplibre-gl';", 'src/map/fixture-ok.ts', false],
    ["import { LitElement } from 'lit';", 'src/map/fixture-bad.ts', true],
    ["import { LitElement } from 'lit';", 'src/core/fixture-bad.ts', true],
    ["import { customElement } from 'lit/decorators.js';", 'src/workers/fixture-bad.ts', true],
    ["import { LitElement } from 'lit';", 'src/ui/fixture-ok.ts', false],
    ["import { x } from '../pipeline/stage';", 'src/core/fixture-bad.ts', true],
    ["import { x } from '../../ui/app-shell';", 'src/core/model/fixture-bad.ts', true],
    ["import { x } from '../map/map-api';", 'src/core/fixture-bad.ts', true],
    ["import { x } from '../app/catalog';", 'src/core/fixture-bad.ts', true],
    ["import { x } from '../core/model/feature-props';", 'src/pipeline/fixture-ok.ts', false],
    ["import { x } from '../ui/app-shell';", 'src/cli/fixture-bad.ts', true],
    ["import { x } from '../app/catalog';", 'src/cli/fixture-bad.ts', true],
    ["import { x } from '../pipeline/stage';", 'src/cli/fixture-ok.ts', false],
    ["import { x } from '../map/map-api';", 'src/ui/fixture-ok.ts', false],
    ["import { x } from '../../map/map-view';", 'src/ui/x/fixture-bad.ts', true],
    ["import { x } from '../../pipeline/stage';", 'src/ui/x/fixture-bad.ts', true],
    ["import { x } from '../ui/app-shell';", 'src/map/fixture-bad.ts', true],
    ["import { x } from '../workers/expose';", 'src/map/fixture-bad.ts', true],
    ["import { x } from '../pipeline/layers/rebuild';", 'src/workers/fixture-ok.ts', false],
    ["import { x } from '../app/catalog';", 'src/workers/fixture-bad.ts', true],
    ["import { x } from '../../workers/import-worker';", 'src/ui/x/fixture-bad.ts', true],
    ["import rules from '../../../data/rules/rules.json';", 'src/ui/x/fixture-bad.ts', true],
    ["import { x } from '../core/io';", 'src/workers/fixture-ok.ts', false],
    ["import { x } from '../ui/app-shell';", 'src/app/fixture-bad.ts', true],
    ["import { x } from '../map/map-view';", 'src/app/fixture-bad.ts', true],
    ["import { x } from '../workers/import-worker';", 'src/app/fixture-bad.ts', true],
    ["import type { X } from '../workers/import-worker';", 'src/app/fixture-ok.ts', false],
    ["import { x } from '../core/io';", 'src/app/fixture-ok.ts', false],
    ["import { x } from '../core/io';", 'src/i18n/fixture-bad.ts', true],
    ["import type { X } from '../core/io';", 'src/i18n/fixture-ok.ts', false],
    ["import { x } from '../ui/app-shell';", 'src/i18n/fixture-bad.ts', true],
  ];

  it.each(cases)('%s in %s → flagged: %s', async (code, filePath, flagged) => {
    const messages = await boundaryMessages(code, filePath);
    expect(messages.length > 0).toBe(flagged);
  });
});
