import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** Builds the bare MapLibre reference page into dist-bench-bare/. */
export default defineConfig({
  root: fileURLToPath(new URL('./bare', import.meta.url)),
  base: './',
  logLevel: 'warn',
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: {
    outDir: fileURLToPath(new URL('../../../dist-bench-bare', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    target: 'es2022',
  },
});
