// npm run bench: builds the site, drives it in headless Chromium, prints a Markdown table and writes
// bench/results.json. Every figure is the median of RUNS fresh pages, with min and max.
import { chromium } from '@playwright/test';
import { execSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = 4190;
const BASE = `http://127.0.0.1:${PORT}/`;
const SIZES = (process.env.BENCH_N ?? '100,10000').split(',').map(Number);

if (!process.argv.includes('--no-build')) execSync('npx vite build', { stdio: 'ignore' });

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
const fmt = (v, d = 1) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(d) : v.toPrecision(3));
const range = (st, d) => `${fmt(st.median, d)} (${fmt(st.min, d)}–${fmt(st.max, d)})`;

function chunkSizes() {
  const dir = 'dist/assets';
  return readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(dir, f)), { level: 9 }).length }))
    .sort((a, b) => b.gzip - a.gzip);
}

const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
  {
    stdio: 'ignore',
  },
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking'],
});

async function withPage(url, fn) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 90_000 });
    return await fn(page);
  } finally {
    await page.close();
  }
}

try {
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(BASE);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const results = { date: new Date().toISOString(), runs: RUNS, chunks: chunkSizes(), steps: [], figures: {} };

  for (const n of SIZES) {
    for (const backend of ['webgl', 'cpu', 'js-float64']) {
      const samples = [];
      for (let r = 0; r < RUNS; r++) {
        samples.push(
          await withPage(`${BASE}bench.html`, (page) =>
            page.evaluate(
              ([b, n]) => (b === 'js-float64' ? window.bench.jsFloor(n, 1000) : window.bench.stepRate(b, n, 20, 2000)),
              [backend, n],
            ),
          ),
        );
      }
      results.steps.push({ backend, n, msPerStep: stats(samples.map((s) => s.msPerStep)), ran: samples[0].backend });
    }
  }

  // Figure updates: main-thread busy time (CDP TaskDuration) per update, minus the same loop with
  // no update. Plotly.animate draws in a later frame, so wall-clock around the call would lie.
  const FRAMES = 100;
  const figureCost = async (mode) =>
    withPage(`${BASE}bench.html`, async (page) => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const busy = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
      await page.evaluate(([m, steps]) => window.bench.setupFigures(m, steps), [mode, FRAMES + 1]);
      const samples = [];
      for (let f = 1; f <= FRAMES; f++) {
        const b0 = await busy();
        await page.evaluate((i) => window.bench.figureStep(i), f);
        samples.push((await busy()) - b0);
      }
      return samples.sort((a, b) => a - b);
    });
  const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  const figs = { page: [], naive: [] };
  for (let r = 0; r < RUNS; r++) {
    const base = await figureCost('empty');
    const b50 = pct(base, 0.5);
    for (const mode of ['page', 'naive']) {
      const xs = (await figureCost(mode)).map((v) => Math.max(0, v - b50));
      figs[mode].push({ p50: pct(xs, 0.5), p95: pct(xs, 0.95) });
    }
  }
  results.figures = {
    pageP50: stats(figs.page.map((x) => x.p50)),
    pageP95: stats(figs.page.map((x) => x.p95)),
    naiveP50: stats(figs.naive.map((x) => x.p50)),
    naiveP95: stats(figs.naive.map((x) => x.p95)),
  };

  const lines = [];
  lines.push(
    `Benchmark of the production build in headless Chromium (${RUNS} fresh pages each; median (min–max)).`,
    '',
  );
  lines.push('| chunk | gzip KB |', '|---|---:|');
  for (const c of results.chunks)
    lines.push(`| ${c.file.replace(/-[\w-]{8}\./, '.')} | ${(c.gzip / 1024).toFixed(1)} |`);
  lines.push(`| **total** | **${(results.chunks.reduce((s, c) => s + c.gzip, 0) / 1024).toFixed(1)}** |`, '');
  lines.push('| GD step, no rendering | n | ms/step | steps/s |', '|---|---:|---:|---:|');
  for (const s of results.steps) {
    const name = s.ran === s.backend || s.backend === 'js-float64' ? s.backend : `${s.backend} (ran ${s.ran})`;
    lines.push(`| ${name} | ${s.n} | ${range(s.msPerStep, 3)} | ${fmt(1000 / s.msPerStep.median, 0)} |`);
  }
  const f = results.figures;
  lines.push('', '| figure update while animating, main-thread ms | p50 | p95 |', '|---|---:|---:|');
  lines.push(`| this page: Plotly.animate of the live traces only | ${range(f.pageP50)} | ${range(f.pageP95)} |`);
  lines.push(`| naive: Plotly.react of every trace | ${range(f.naiveP50)} | ${range(f.naiveP95)} |`);
  lines.push(`| ratio naive / this page (p50) | ${(f.naiveP50.median / f.pageP50.median).toFixed(1)}× | |`);
  console.log(lines.join('\n'));
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', JSON.stringify(results, null, 1));
} finally {
  await browser.close();
  server.kill();
}
