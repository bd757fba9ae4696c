import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

/** Hosts the optional online basemaps use; nothing else outside the app's origin may be contacted. */
const BASEMAP_HOSTS = ['https://tile.openstreetmap.org', 'https://*.tianditu.gov.cn'];

/**
 * Content-Security-Policy of the production build: no eval, no inline script, workers from the app's own origin
 * (MapLibre's worker is a same-origin file; blob: covers browsers that wrap it). Inline style attributes stay
 * allowed (Lit and MapLibre set styles; no script runs from them).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src 'self' data: blob: ${BASEMAP_HOSTS.join(' ')}`,
  // blob: lets MapLibre's worker load a large imported layer from the page's blob: URL (issue 9).
  `connect-src 'self' blob: ${BASEMAP_HOSTS.join(' ')}`,
  "worker-src 'self' blob:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`,
      );
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [contentSecurityPolicy()],
  optimizeDeps: { exclude: ['maplibre-gl'] },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    // Data files stay files (same-origin fetches); data: URLs would need a looser connect-src.
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
