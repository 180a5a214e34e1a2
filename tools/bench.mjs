// npm run bench: builds the site, drives it in headless Chromium, prints a Markdown table and writes
// bench/results.json. Every figure is the median of RUNS fresh pages, with min and max.
import { chromium } from '@playwright/test';
import { execSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { benchEmbeds } from './bench-embeds.mjs';
import { benchLookInside } from './bench-look-inside.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = 4190;
const BASE = `http://127.0.0.1:${PORT}/`;
const SIZES = (process.env.BENCH_N ?? '100,10000,100000,1000000').split(',').map(Number);
const STEP_MS = Number(process.env.BENCH_STEP_MS ?? 1500);

if (!process.argv.includes('--no-build')) execSync('npm run build', { stdio: 'ignore' });

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
};
/** The value at quantile p of an ascending list. */
const pct = (xs, p) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))];
/** p50 and p95 of each page's ascending samples, as stats over the pages. */
const percentiles = (pages) => ({
  p50: stats(pages.map((l) => pct(l, 0.5))),
  p95: stats(pages.map((l) => pct(l, 0.95))),
});
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
// The GPU flags: SwiftShader by default; BENCH_CHROMIUM_ARGS replaces them on a machine with a real
// GPU, for example BENCH_CHROMIUM_ARGS="--use-angle=vulkan --ignore-gpu-blocklist".
const GPU_ARGS = process.env.BENCH_CHROMIUM_ARGS?.trim().split(/\s+/) ?? [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', ...GPU_ARGS],
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
  results.gpu = await withPage(`${BASE}bench.html`, (page) => page.evaluate(() => window.bench.gpu()));
  results.chromiumArgs = GPU_ARGS;
  console.error(`WebGL renderer: ${results.gpu}`);

  for (const n of SIZES) {
    for (const backend of ['webgl', 'wasm', 'cpu', 'js-float64', 'webgl-closed-form', 'webgl-one-pass']) {
      const samples = [];
      for (let r = 0; r < RUNS; r++) {
        samples.push(
          await withPage(`${BASE}bench.html`, (page) =>
            page.evaluate(
              ([b, n, ms]) =>
                b === 'js-float64'
                  ? window.bench.jsFloor(n, ms)
                  : b.endsWith('-closed-form')
                    ? window.bench.stepRate(b.replace('-closed-form', ''), n, n >= 1e6 ? 5 : 20, ms, 'closed')
                    : b === 'webgl-one-pass'
                      ? window.bench.passRate('webgl', n, 20, ms)
                      : window.bench.stepRate(b, n, n >= 1e6 ? 5 : 20, ms),
              [backend, n, STEP_MS],
            ),
          ),
        );
      }
      results.steps.push({
        backend,
        n,
        msPerStep: stats(samples.map((s) => s.msPerStep)),
        ran: samples[0].backend,
        programsPerStep: samples[0].programsPerStep ?? null,
      });
      console.error(`steps: ${backend} n=${n} ${stats(samples.map((s) => s.msPerStep)).median.toPrecision(3)} ms`);
    }
  }

  // torch.optim's steps against plain GD's, and the race of all three, at n = 100 on WebGL.
  const optim = [];
  for (const kind of ['gd', 'momentum', 'adam', 'race']) {
    const samples = [];
    for (let r = 0; r < RUNS; r++) {
      samples.push(
        await withPage(`${BASE}bench.html`, (page) =>
          page.evaluate(
            ([kind, ms]) =>
              kind === 'race'
                ? window.bench.raceRate('webgl', 100, 20, ms)
                : window.bench.stepRate('webgl', 100, 20, ms, 'autodiff', kind),
            [kind, STEP_MS],
          ),
        ),
      );
    }
    optim.push({
      kind,
      msPerStep: stats(samples.map((s) => s.msPerStep)),
      programsPerStep: samples[0].programsPerStep ?? null,
    });
    console.error(`optim: ${kind} ${stats(samples.map((s) => s.msPerStep)).median.toPrecision(3)} ms`);
  }
  results.optim = optim;

  // Page load: first contentful paint, the math's fonts, bytes before FCP, time to the first trained frame.
  const gzipOf = Object.fromEntries(results.chunks.map((c) => [c.file, c.gzip]));
  const fontGzip = (file) => gzipSync(readFileSync(join('dist/assets', file)), { level: 9 }).length;
  const load = [];
  for (let r = 0; r < RUNS; r++) {
    load.push(
      await withPage(`${BASE}`, async (page) => {
        const t = await page.evaluate(() => {
          const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
          const res = performance.getEntriesByType('resource').map((e) => ({
            name: e.name,
            end: e.responseEnd,
            type: e.initiatorType,
            blocking: e.renderBlockingStatus,
          }));
          return { fcp, res, ready: performance.now() };
        });
        const clickAt = await page.evaluate(() => performance.now());
        await page.click('button[data-action="run"]');
        await page.waitForFunction(() => !/^step 0 /.test(document.querySelector('.step-counter')?.textContent ?? ''));
        const firstFrame = await page.evaluate(() => performance.now());
        const fonts = t.res.filter((e) => e.name.endsWith('.woff2'));
        const before = t.res.filter((e) => e.end <= t.fcp);
        const file = (u) => new URL(u).pathname.split('/').pop();
        const html = gzipSync(readFileSync('dist/index.html'), { level: 9 }).length;
        const bytes = before.reduce(
          (sum, e) => sum + (gzipOf[file(e.name)] ?? (e.name.endsWith('.woff2') ? fontGzip(file(e.name)) : 0)),
          html,
        );
        // What first paint needs: the HTML, the render-blocking CSS, and the KaTeX fonts the
        // prerendered equations use. Module scripts load in parallel and never block the paint.
        const gz = (e) => gzipOf[file(e.name)] ?? (e.name.endsWith('.woff2') ? fontGzip(file(e.name)) : 0);
        const needed = t.res.filter((e) => e.blocking === 'blocking' || e.name.endsWith('.woff2'));
        return {
          fcp: t.fcp,
          bytesFcpNeeds: needed.reduce((sum, e) => sum + gz(e), html),
          fcpNeeds: needed.map((e) => file(e.name)),
          mathVisible: Math.max(t.fcp, ...fonts.map((e) => e.end)),
          bytesBeforeFcp: bytes,
          beforeFcp: before.map((e) => file(e.name)),
          ready: t.ready,
          firstTrainedFrameAfterRun: firstFrame - clickAt,
        };
      }),
    );
  }
  results.load = {
    fcp: stats(load.map((l) => l.fcp)),
    mathVisible: stats(load.map((l) => l.mathVisible)),
    bytesBeforeFcp: stats(load.map((l) => l.bytesBeforeFcp)),
    bytesFcpNeeds: stats(load.map((l) => l.bytesFcpNeeds)),
    fcpNeeds: load[0].fcpNeeds,
    beforeFcp: load[0].beforeFcp,
    ready: stats(load.map((l) => l.ready)),
    firstTrainedFrame: stats(load.map((l) => l.firstTrainedFrameAfterRun)),
  };

  // Slider input → the new run's first frame (its reset: step 0 at a_init, in a new data-run), and
  // → its first trained frame (past step 0), in the real page, 20 moves per page.
  const latency = [];
  for (let r = 0; r < RUNS; r++) {
    latency.push(
      await withPage(`${BASE}?speed=2000&steps=2000`, (page) =>
        page.evaluate(async () => {
          const input = document.getElementById('ctl-lr');
          const counter = document.querySelector('.step-counter');
          const first = [];
          const trained = [];
          for (let i = 0; i < 20; i++) {
            await new Promise((res) => setTimeout(res, 150));
            const t0 = performance.now();
            input.value = String(200 + 20 * i);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            const old = counter.dataset.run;
            await new Promise((res) => {
              const check = () => {
                if (counter.dataset.run !== old && first.length === i) first.push(performance.now() - t0);
                if (counter.dataset.run !== old && !/^step 0 /.test(counter.textContent)) res();
                else requestAnimationFrame(check);
              };
              check();
            });
            trained.push(performance.now() - t0);
          }
          return { first: first.sort((a, b) => a - b), trained: trained.sort((a, b) => a - b) };
        }),
      ),
    );
  }
  // The same moves as a reader makes them: a real key press on the focused lr slider, timed by the
  // browser's Event Timing API from the key press to the next frame presented on screen (what INP
  // measures). The new run must be in that frame: its counter, and a loss curve with no more points
  // than the new run has steps (not the old run's curve), are checked to reach the DOM before it,
  // or the move counts as never shown (Infinity). Measured at the top of the page (the figures out
  // of view), and with the loss plot scrolled into view, as a reader watching the curve has it.
  const presentedLatency = async (inView) => {
    const presented = [];
    for (let r = 0; r < RUNS; r++) {
      presented.push(
        await withPage(`${BASE}?speed=2000&steps=2000`, async (page) => {
          if (inView) await page.locator(inView).scrollIntoViewIfNeeded();
          await page.evaluate(() => {
            window.__events = [];
            new PerformanceObserver((l) => window.__events.push(...l.getEntries())).observe({
              type: 'event',
              durationThreshold: 16,
            });
            const counter = document.querySelector('.step-counter');
            const loss = document.querySelector('.fig-loss');
            // The new run is on screen once the counter names it and, if the loss plot is in view,
            // the loss curve has no more points than it has steps (the old run's curve had
            // hundreds). The page does not draw a live figure that is out of view.
            const lossInView = () => {
              const r = loss.getBoundingClientRect();
              return r.bottom > 0 && r.top < innerHeight;
            };
            const newRunShown = () => {
              if (!window.__armed || counter.dataset.run === window.__oldRun) return false;
              if (!lossInView()) return true;
              const d = loss.querySelector('.scatterlayer .trace path.js-line')?.getAttribute('d') ?? '';
              const points = d ? (d.match(/L/g)?.length ?? 0) + 1 : 0;
              return points <= Number(/step (\d+)/.exec(counter.textContent)?.[1] ?? 0) + 1;
            };
            const look = () => {
              if (window.__shown === null && newRunShown()) window.__shown = performance.now();
            };
            new MutationObserver(look).observe(counter, { attributes: true, childList: true, subtree: true });
            new MutationObserver(look).observe(loss, { attributes: true, childList: true, subtree: true });
          });
          await page.focus('#ctl-lr');
          const ms = [];
          for (let i = 0; i < 20; i++) {
            await page.waitForTimeout(150);
            await page.evaluate(() => {
              window.__events = [];
              window.__shown = null;
              window.__oldRun = document.querySelector('.step-counter').dataset.run;
              window.__armed = true;
            });
            await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
            await page.waitForFunction(
              () => window.__shown !== null && window.__events.some((e) => e.name === 'keydown'),
            );
            const { start, duration, shown } = await page.evaluate(() => {
              window.__armed = false;
              const e = window.__events.find((x) => x.name === 'keydown');
              return { start: e.startTime, duration: e.duration, shown: window.__shown };
            });
            ms.push(shown <= start + duration ? duration : Infinity);
          }
          return ms.sort((a, b) => a - b);
        }),
      );
    }
    return percentiles(presented);
  };
  // The floor under those rows: the same key presses on a page that is nothing but a slider and a
  // line of text redrawn every frame, as the page redraws while training. What is left is the
  // browser's own input-to-presentation path on this machine (SwiftShader swaps every frame).
  const floor = [];
  for (let r = 0; r < RUNS; r++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.setContent(`<input id="s" type="range"><p id="t"></p><script>
        let n = 0;
        const t = document.getElementById('t');
        const frame = () => { t.textContent = 'frame ' + n++; requestAnimationFrame(frame); };
        requestAnimationFrame(frame);
        document.getElementById('s').addEventListener('input', () => (t.textContent = 'moved ' + n));
        window.__events = [];
        new PerformanceObserver((l) => window.__events.push(...l.getEntries().filter((e) => e.name === 'keydown').map((e) => e.duration)))
          .observe({ type: 'event', durationThreshold: 16 });
      </script>`);
      await page.focus('#s');
      for (let i = 0; i < 20; i++) {
        await page.waitForTimeout(150);
        await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
      }
      await page.waitForTimeout(300);
      // Event Timing reports only events of 16 ms and more; a shorter one counts as 16.
      const ms = await page.evaluate(() => window.__events);
      while (ms.length < 20) ms.push(16);
      floor.push(ms.sort((a, b) => a - b));
    } finally {
      await page.close();
    }
  }
  results.presentedFloor = percentiles(floor);
  results.sliderPresented = await presentedLatency(null);
  results.sliderPresentedInView = await presentedLatency('.output-loss-plot');
  const latencyAt = (key, q) => stats(latency.map((l) => pct(l[key], q)));
  results.sliderLatency = { p50: latencyAt('trained', 0.5), p95: latencyAt('trained', 0.95) };
  results.sliderFirstFrame = { p50: latencyAt('first', 0.5), p95: latencyAt('first', 0.95) };

  // Long tasks (> 50 ms) during 10 s of play after warm-up.
  const longTasks = [];
  for (let r = 0; r < RUNS; r++) {
    longTasks.push(
      await withPage(`${BASE}?speed=200&steps=10000`, async (page) => {
        await page.evaluate(() => {
          window.__long = [];
          new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({
            type: 'longtask',
          });
        });
        await page.click('button[data-action="run"]');
        await page.waitForTimeout(1000); // warm-up
        await page.evaluate(() => (window.__long = []));
        await page.waitForTimeout(10_000);
        return page.evaluate(() => window.__long);
      }),
    );
  }
  results.longTasks = {
    count: stats(longTasks.map((l) => l.length)),
    worstMs: stats(longTasks.map((l) => Math.max(0, ...l))),
  };

  // Tensors and JS heap after 10 and after 10,000 steps (cpu; GC forced before each reading).
  const mem = [];
  for (let r = 0; r < RUNS; r++) {
    mem.push(
      await withPage(`${BASE}bench.html`, async (page) => {
        const cdp = await page.context().newCDPSession(page);
        const heap = async () => {
          await cdp.send('HeapProfiler.collectGarbage');
          return (await cdp.send('Runtime.getHeapUsage')).usedSize;
        };
        const t10 = await page.evaluate(() => window.bench.runSteps(10));
        const h10 = await heap();
        const t10k = await page.evaluate(() => window.bench.runSteps(10000));
        const h10k = await heap();
        return { dTensors: t10k - t10, dHeapMB: (h10k - h10) / 1e6 };
      }),
    );
  }
  results.memory = { dTensors: stats(mem.map((m) => m.dTensors)), dHeapMB: stats(mem.map((m) => m.dHeapMB)) };

  // Figure updates: main-thread busy time (CDP TaskDuration) per update, minus the same loop with
  // no update. Plotly draws some updates in a later frame, so wall-clock around the call would lie.
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

  const embeds = await benchEmbeds(browser, BASE, RUNS, { stats, range });
  results.embeds = embeds.pages;
  results.embedsQuiet = embeds.quiet;
  const inside = await benchLookInside(browser, BASE, RUNS, { stats, range });
  results.lookInside = inside.pages;

  const lines = [];
  lines.push(
    `Benchmark of the production build in headless Chromium (${RUNS} fresh pages each; median (min–max)).`,
    '',
    `WebGL renderer (unmasked): ${results.gpu}. Chromium GPU flags: ${GPU_ARGS.join(' ')}.`,
    '',
  );
  lines.push('| chunk | gzip KB |', '|---|---:|');
  for (const c of results.chunks)
    lines.push(`| ${c.file.replace(/-[\w-]{8}\./, '.')} | ${(c.gzip / 1024).toFixed(1)} |`);
  lines.push(`| **total** | **${(results.chunks.reduce((s, c) => s + c.gzip, 0) / 1024).toFixed(1)}** |`, '');
  const L = results.load;
  lines.push('| page load | median (min–max) |', '|---|---:|');
  lines.push(`| first contentful paint, ms | ${range(L.fcp, 0)} |`);
  lines.push(`| every equation visible (FCP or last KaTeX font), ms | ${range(L.mathVisible, 0)} |`);
  const kb = (x) => ({ median: x.median / 1024, min: x.min / 1024, max: x.max / 1024 });
  lines.push(
    `| gzip bytes first paint needs (HTML, blocking CSS, KaTeX fonts), KB | ${range(kb(L.bytesFcpNeeds), 1)} |`,
  );
  lines.push(
    `| gzip bytes fetched before FCP (scripts included, not blocking), KB | ${range({ median: L.bytesBeforeFcp.median / 1024, min: L.bytesBeforeFcp.min / 1024, max: L.bytesBeforeFcp.max / 1024 }, 1)} |`,
  );
  lines.push(`| interactive (tfjs warm, figures drawn), ms | ${range(L.ready, 0)} |`);
  lines.push(`| Run pressed → first trained frame, ms | ${range(L.firstTrainedFrame, 0)} |`);
  lines.push(
    `| slider input → first frame of the new run (reset to step 0), p50 / p95 ms | ${range(results.sliderFirstFrame.p50, 0)} / ${range(results.sliderFirstFrame.p95, 0)} |`,
    `| slider input → first trained frame of the new run (step ≥ 1), p50 / p95 ms | ${range(results.sliderLatency.p50, 0)} / ${range(results.sliderLatency.p95, 0)} |`,
    `| slider key press → next frame presented, with the new run in it (Event Timing), p50 / p95 ms | ${range(results.sliderPresented.p50, 0)} / ${range(results.sliderPresented.p95, 0)} |`,
    `| the same, with the loss plot in view, p50 / p95 ms | ${range(results.sliderPresentedInView.p50, 0)} / ${range(results.sliderPresentedInView.p95, 0)} |`,
    `| floor: the same key press on a bare slider page redrawn every frame, p50 / p95 ms | ${range(results.presentedFloor.p50, 0)} / ${range(results.presentedFloor.p95, 0)} |`,
  );
  lines.push(
    `| long tasks (> 50 ms) in 10 s of play | ${range(results.longTasks.count, 0)} (worst ${fmt(results.longTasks.worstMs.median, 0)} ms) |`,
  );
  lines.push(`| Δ tensors, 10 → 10,000 steps | ${range(results.memory.dTensors, 0)} |`);
  lines.push(`| Δ JS heap, 10 → 10,000 steps, MB | ${range(results.memory.dHeapMB, 2)} |`);
  lines.push('', `First paint needs: index.html, ${L.fcpNeeds.join(', ')}.`);
  lines.push('', `Fetched before FCP: ${L.beforeFcp.join(', ') || '(only index.html)'}.`, '');
  lines.push('| GD step, no rendering | n | ms/step | steps/s | WebGL programs/step |', '|---|---:|---:|---:|---:|');
  for (const s of results.steps) {
    const name = s.ran === s.backend || s.backend === 'js-float64' ? s.backend : `${s.backend} (ran ${s.ran})`;
    const programs = s.programsPerStep == null ? '' : s.programsPerStep.toFixed(1);
    lines.push(`| ${name} | ${s.n} | ${range(s.msPerStep, 3)} | ${fmt(1000 / s.msPerStep.median, 0)} | ${programs} |`);
  }
  const gd = optim.find((o) => o.kind === 'gd').msPerStep.median;
  lines.push('', '| webgl, n = 100, autodiff | ms/step | steps/s | × plain GD |', '|---|---:|---:|---:|');
  for (const o of optim) {
    const label = {
      gd: 'plain GD (the post)',
      momentum: 'SGD, momentum 0.9',
      adam: 'Adam',
      race: 'the race: all three at once',
    }[o.kind];
    lines.push(
      `| ${label} | ${range(o.msPerStep, 3)} | ${fmt(1000 / o.msPerStep.median, 0)} | ${(o.msPerStep.median / gd).toFixed(2)} |`,
    );
  }
  const f = results.figures;
  lines.push('', '| figure update while animating, main-thread ms | p50 | p95 |', '|---|---:|---:|');
  lines.push(
    `| this page: the live traces' SVG moved (src/plots/plotly-svg.ts) | ${range(f.pageP50)} | ${range(f.pageP95)} |`,
  );
  lines.push(`| naive: Plotly.react of every trace | ${range(f.naiveP50)} | ${range(f.naiveP95)} |`);
  lines.push(`| ratio naive / this page (p50) | ${(f.naiveP50.median / f.pageP50.median).toFixed(1)}× | |`);
  lines.push(...embeds.lines, ...inside.lines);
  console.log(lines.join('\n'));
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', JSON.stringify(results, null, 1));
} finally {
  await browser.close();
  server.kill();
}
