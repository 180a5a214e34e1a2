// Regenerate test/fixtures/export: export a run from the built page (npm run build first), then
// check it in real PyTorch with tools/verify_export.py (Debian python3-torch + python3-matplotlib).
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

export const EXPORT_QUERY = '?lr=0.3&noise=0.5&n=50&steps=60&seed=7&speed=2000';
const dir = 'test/fixtures/export';
mkdirSync(dir, { recursive: true });
const port = 4192;
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
  { stdio: 'ignore' },
);
try {
  await new Promise((r) => setTimeout(r, 1500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
  });
  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(`http://127.0.0.1:${port}/${EXPORT_QUERY}`);
  await page.waitForSelector('html[data-ready="true"]');
  await page.click('button[data-action="run"]');
  await page.waitForFunction(() => document.querySelector('.run-status')?.textContent === 'done');
  for (const [kind, file] of [
    ['ipynb', 'run.ipynb'],
    ['json', 'run.json'],
  ]) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${kind}"]`)]);
    await dl.saveAs(`${dir}/${file}`);
  }
  await browser.close();
} finally {
  server.kill();
}
writeFileSync(
  `${dir}/README.md`,
  `Written by \`node tools/make_export_fixture.mjs\` from the page at \`${EXPORT_QUERY}\`, then checked in PyTorch by \`tools/verify_export.py\` (torch-result.json).\n`,
);
execFileSync(
  '/usr/bin/python3',
  ['tools/verify_export.py', `${dir}/run.ipynb`, `${dir}/run.json`, `${dir}/torch-result.json`],
  { stdio: 'inherit' },
);
