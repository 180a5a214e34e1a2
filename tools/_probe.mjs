import { chromium } from '@playwright/test';
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto('http://127.0.0.1:4173/?speed=2000');
await page.waitForSelector('html[data-ready="true"]');
console.log(
  await page.evaluate(() => [
    scrollY,
    document.querySelector('.page-header')?.getBoundingClientRect().toJSON(),
    document.querySelector('h1').getBoundingClientRect().top,
  ]),
);
await page.screenshot({ path: '/tmp/shots/top.png' });
await browser.close();
