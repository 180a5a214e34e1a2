import { chromium } from '@playwright/test';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
});
for (const [w, h, name] of [
  [1280, 900, 'desk'],
  [390, 844, 'phone'],
]) {
  const page = await browser.newPage({ viewport: { width: w, height: h } });
  await page.goto('http://127.0.0.1:4173/?speed=2000');
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('button[data-action="run"]');
  await page.waitForFunction(() => document.querySelector('.run-status').textContent === 'done');
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/page-${name}.png` });
  await page.close();
}
await browser.close();
