// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const MAPLIBRE = { name: 'maplibre-gl', message: 'Only src/map may import maplibre-gl.' };
const maplibrePattern = { group: ['maplibre-gl/*'], message: 'Only src/map may import maplibre-gl.' };
const litPattern = { group: ['lit', 'lit/*', '@lit/*'], message: 'Only src/ui may import lit.' };
const outOfCore = {
  group: ['**/pipeline/**', '**/cli/**', '**/map/**', '**/ui/**', '**/workers/**', '../pipeline', '../cli', '../map', '../ui', '../workers'],
  message: 'src/core is pure: it may not import from pipeline, cli, map, ui or workers.',
};

/**
 * Dependency direction (see README "Architecture"):
 * ui → map (interface) → core; pipeline, cli and workers use core only; core imports none of them.
 */
export const dependencyDirection = [
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
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [MAPLIBRE], patterns: [maplibrePattern, litPattern, outOfCore] }],
    },
  },
  {
    files: ['src/pipeline/**/*.ts', 'src/cli/**/*.ts', 'src/workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [MAPLIBRE],
          patterns: [
            maplibrePattern,
            litPattern,
            { group: ['**/map/**', '**/ui/**', '../map', '../ui'], message: 'pipeline, cli and workers use core only.' },
          ],
        },
      ],
    },
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
    files: ['scripts/**/*.js', 'tests/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...dependencyDirection,
);
