import { chromium } from '@playwright/test';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
});
const q = process.argv[2] ?? '';
for (const w of [320, 480, 720, 1000]) {
  const page = await browser.newPage({ viewport: { width: w, height: 1100 } });
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
  await page.goto(`http://127.0.0.1:4173/embed.html${q}`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  await page.waitForTimeout(1500);
  const h = await page.evaluate(() => ({
    body: document.body.getBoundingClientRect().height,
    panels: [...document.querySelectorAll('#front > .panel')].map((p) => [
      p.dataset.panel,
      p.getBoundingClientRect().height,
      p.scrollHeight,
    ]),
  }));
  console.log(w, JSON.stringify(h));
  await page.screenshot({ path: `/tmp/shots/embed-${w}.png`, fullPage: true });
  await page.close();
}
await browser.close();
