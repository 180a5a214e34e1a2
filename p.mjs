import { chromium } from 'playwright';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--use-angle=swiftshader','--enable-unsafe-swiftshader'] });
const p = await b.newPage();
await p.goto('http://127.0.0.1:4199/?steps=10000&speed=2000&lr=0.05');
await p.waitForSelector('html[data-ready=true]');
await p.click('button[data-action="run"]');
for (let i = 0; i < 5; i++) { await p.waitForTimeout(2000); console.log(await p.locator('.step-counter').textContent(), await p.locator('#ctl-ms-per-step').textContent()); }
await b.close();
