// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.dirname(fileURLToPath(import.meta.url));

const MAPLIBRE = { name: 'maplibre-gl', message: 'Only src/map may import maplibre-gl.' };
const maplibrePattern = { group: ['maplibre-gl/*'], message: 'Only src/map may import maplibre-gl.' };
const litPattern = { group: ['lit', 'lit/*', '@lit/*'], message: 'Only src/ui may import lit.' };

/**
 * Which project folder may import which (an allow-list; see README "Architecture"). A file in `src/<from>/`
 * may import from `src/<to>/` only when `<to>` is listed for `<from>`; `type:` entries allow type-only
 * imports; a `folder/file` entry allows that one module. `src/main.ts` counts as `main`. Imports that leave
 * `src/` (data files) are allowed only where `data` is listed.
 */
export const ALLOWED_IMPORTS = {
  core: ['core', 'data'],
  pipeline: ['core', 'pipeline'],
  cli: ['core', 'pipeline', 'cli', 'i18n', 'data'],
  app: ['core', 'app', 'type:workers', 'type:pipeline', 'data'],
  workers: ['core', 'pipeline', 'workers'],
  map: ['core', 'map', 'data'],
  i18n: ['i18n', 'type:core', 'type:map/map-api'],
  ui: ['ui', 'app', 'i18n', 'core', 'map/index', 'map/map-api'],
  main: ['ui', 'app', 'map/index', 'map/map-api'],
};

/** @param {string} filename @returns {string | null} the layer of a file under src/, or null */
function layerOf(filename) {
  const rel = path.relative(path.join(projectRoot, 'src'), filename).split(path.sep);
  if (rel[0] === '..' || rel.length === 0) return null;
  if (rel.length === 1) return rel[0] === 'main.ts' ? 'main' : null;
  return rel[0] ?? null;
}

/** The local rule behind {@link ALLOWED_IMPORTS}. */
const layerImports = {
  meta: { type: 'problem', schema: [], messages: { forbidden: '{{from}} may not import {{target}} (allowed: {{allowed}}).' } },
  /** @param {import('eslint').Rule.RuleContext} context */
  create(context) {
    const from = layerOf(context.filename);
    if (from === null) return {};
    const allowed = /** @type {Record<string, string[]>} */ (ALLOWED_IMPORTS)[from] ?? [];
    /** @param {any} node @param {boolean} typeOnly */
    const check = (node, typeOnly) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(context.filename), source);
      const rel = path.relative(path.join(projectRoot, 'src'), target).split(path.sep);
      let ok;
      if (rel[0] === '..') ok = allowed.includes('data');
      else {
        const folder = rel[0] ?? '';
        const file = rel.length > 1 ? `${folder}/${(rel[1] ?? '').replace(/\.(ts|js)$/, '')}` : folder;
        ok = [folder, file].some((t) => allowed.includes(t) || (typeOnly && allowed.includes(`type:${t}`)));
      }
      if (!ok) {
        context.report({ node, messageId: 'forbidden', data: { from: `src/${from}`, target: source, allowed: allowed.join(', ') } });
      }
    };
    return {
      /** @param {any} node */
      ImportDeclaration: (node) => check(node, node.importKind === 'type'),
      /** @param {any} node */
      ExportNamedDeclaration: (node) => check(node, node.exportKind === 'type'),
      /** @param {any} node */
      ExportAllDeclaration: (node) => check(node, node.exportKind === 'type'),
      /** @param {any} node */
      ImportExpression: (node) => check(node, false),
    };
  },
};

/** Package boundaries: only src/map imports maplibre-gl, only src/ui imports lit. */
export const dependencyDirection = [
  { plugins: { project: { rules: { 'layer-imports': layerImports } } } },
  { files: ['src/**/*.ts'], rules: { 'project/layer-imports': 'error' } },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/map/**', 'src/ui/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [MAPLIBRE], patterns: [maplibrePattern, litPattern] }] },
  },
  {
    files: ['src/map/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [litPattern] }] },
  },
  {
    files: ['src/ui/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [MAPLIBRE], patterns: [maplibrePattern] }] },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'dist-*/**', 'node_modules/**', 'coverage/**', 'tests/fixtures/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['scripts/**/*.js', 'tests/**/*.js', 'src/cli/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...dependencyDirection,
);
