/**
 * Takes issue 16's ground screenshots of a build: `npx tsx scripts/ground-screenshots.ts <dist> <prefix> [smallDir]`
 * (e.g. `/tmp/ground-before before tests/e2e/reference/ground`). Writes PNGs to test-results/screenshots/.
 */
import { serveStatic } from '../src/cli/serve-static';
import { launchBrowser } from '../tests/e2e/browser';
import { takeGroundViews } from '../tests/e2e/ground-views';

const [dist = 'dist', prefix = 'after', smallDir] = process.argv.slice(2);
const { server, url } = await serveStatic(dist, 0);
const browser = await launchBrowser();
try {
  for (const file of await takeGroundViews(browser, url, prefix, 'test-results/screenshots', smallDir)) console.log(file);
} finally {
  await browser.close();
  server.close();
}
