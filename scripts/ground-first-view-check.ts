/**
 * Counts the zones outside the map or under a panel or control on the first view, desktop and phone:
 * `npx tsx scripts/ground-first-view-check.ts <dist>` (issue 16; run on the before and after builds).
 */
import { serveStatic } from '../src/cli/serve-static';
import { launchBrowser } from '../tests/e2e/browser';
import { GROUND_DEVICES, firstViewBoxes, openOnDevice, overlaps } from '../tests/e2e/ground-views';
const dist = process.argv[2]!;
const { server, url } = await serveStatic(dist, 0);
const browser = await launchBrowser();
for (const d of GROUND_DEVICES) {
  const { context, page } = await openOnDevice(browser, url, d);
  // tsx (esbuild keepNames) wraps the page functions' inner functions in __name: give the page one.
  await page.evaluate('window.__name = (f) => f');
  const { map, zones, covers } = await firstViewBoxes(page);
  const outside = zones.filter((z) => z.box.left < map.left || z.box.right > map.right || z.box.top < map.top || z.box.bottom > map.bottom);
  const covered = zones.filter((z) => covers.some((c) => overlaps(z.box, c.box)));
  const zoom = await page.evaluate(() => document.querySelector('gis-app')!.map.view().zoom);
  console.log(dist, d.name, 'zoom', zoom.toFixed(2), 'zones', zones.length, 'outside map', outside.length, 'under a panel/control', covered.length);
  await context.close();
}
await browser.close();
server.close();
