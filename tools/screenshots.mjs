// Screenshots of the built page at desktop and phone widths, for looking at (npm run screenshots).
// Needs `npm run build` first; serves dist/ with vite preview on a free port.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

const port = 4180;
const out = process.argv[2] ?? 'artifacts';
const query = process.argv[3] ?? '';
mkdirSync(out, { recursive: true });
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: 'ignore',
  },
);
try {
  await new Promise((r) => setTimeout(r, 1500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
  });
  for (const [name, width, height] of [
    ['desktop', 1280, 900],
    ['phone', 390, 844],
  ]) {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    page.on('console', (m) => m.type() === 'error' && console.error(`[${name}] console: ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[${name}] pageerror: ${e.message}`));
    await page.goto(`http://127.0.0.1:${port}/${query}`);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
    await page.click('button[data-action="run"]');
    await page.waitForFunction(() => document.querySelector('.run-status')?.textContent === 'done', null, {
      timeout: 60000,
    });
    // A full-page capture draws beyond the viewport, where the page skips rendering its cells
    // (content-visibility: auto) and leaves live figures more than a screen away as they were:
    // look at each live figure once, then draw every cell for the picture.
    for (const fig of ['.fig-calculated', '.fig-loss', '.fig-landscape-live']) {
      await page.locator(fig).scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.evaluate(() => document.querySelector('.lazy-cells')?.classList.remove('lazy-cells'));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
    console.log(`${out}/${name}.png`);
    if (name === 'desktop') {
      // What a printer gets: print media at A4 width, after the page's beforeprint redraw.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}/print.png`, fullPage: true });
      console.log(`${out}/print.png`);
    }
    await page.close();
  }
  await browser.close();
} finally {
  server.kill();
}
