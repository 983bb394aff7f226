// Throwaway: README screenshots from a running dashboard.
import { chromium } from 'playwright-core';
const base = process.argv[2];
const out = process.argv[3];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'] });
async function shot(w, h, query, file, wait = 4000) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
  await page.goto(base + query);
  await page.waitForSelector('[data-testid=map-canvas][data-drawn-points]', { timeout: 60000 }).catch(() => {});
  await page.waitForTimeout(wait);
  await page.screenshot({ path: `${out}/${file}` });
  await page.close();
}
const q = '?q=' + encodeURIComponent('diffusion policies for robot manipulation') + '&meaning=1';
await shot(1440, 900, q + '&paper=2406.09246', 'screenshot.png', 8000);
await shot(390, 844, '', 'screenshot-phone.png');
await shot(390, 844, '?paper=2607.27205', 'screenshot-phone-paper.png', 6000);
await shot(1440, 900, '?view=themes', 'watch-list.png', 5000);
await browser.close();
