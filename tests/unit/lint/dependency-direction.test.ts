import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportMessages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency-direction lint rule', () => {
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
    ["import { x } from '../core/model/feature-props';", 'src/pipeline/fixture-ok.ts', false],
    ["import { x } from '../ui/app-shell';", 'src/cli/fixture-bad.ts', true],
    ["import { x } from '../map/map-api';", 'src/ui/fixture-ok.ts', false],
  ];

  it.each(cases)('%s in %s → flagged: %s', async (code, filePath, flagged) => {
    const messages = await restrictedImportMessages(code, filePath);
    expect(messages.length > 0).toBe(flagged);
  });
});
