// Regenerate test/fixtures/export and export-optim: export a run from the built page (npm run build
// first), then check it in real PyTorch with tools/verify_export.py (Debian python3-torch +
// python3-matplotlib). The second run is torch.optim's: Nesterov momentum on mini-batches; the third
// trains on hand-written points.
import { chromium } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const RUNS = [
  ['test/fixtures/export', '?lr=0.3&noise=0.5&n=50&steps=60&seed=7&speed=2000'],
  ['test/fixtures/export-optim', '?lr=0.05&noise=0.5&n=37&steps=60&seed=7&momentum=0.9&nesterov=1&batch=10&speed=2000'],
  // The reader's own points (x beyond [-1, 1]), as literals in the program, with momentum on mini-batches.
  [
    'test/fixtures/export-own',
    '?data=-3,-5.2;-2.417,-3.93;-1.833,-2.65;-1.25,-2.48;-0.667,-1.2;-0.083,0.07;0.5,0.25;1.083,1.52;1.667,2.8;2.25,2.97;2.833,4.25;3.417,4.42&seed=3&lr=0.02&steps=60&momentum=0.9&batch=5&speed=2000',
  ],
];
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
  for (const [dir, query] of RUNS) {
    mkdirSync(dir, { recursive: true });
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(`http://127.0.0.1:${port}/${query}`);
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
    await page.close();
    writeFileSync(
      `${dir}/README.md`,
      `Written by \`node tools/make_export_fixture.mjs\` from the page at \`${query}\`, then checked in PyTorch by \`tools/verify_export.py\` (torch-result.json).\n`,
    );
  }
  await browser.close();
} finally {
  server.kill();
}
for (const [dir] of RUNS) {
  execFileSync(
    '/usr/bin/python3',
    ['tools/verify_export.py', `${dir}/run.ipynb`, `${dir}/run.json`, `${dir}/torch-result.json`],
    { stdio: 'inherit' },
  );
}
