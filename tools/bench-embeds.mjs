// The embed rows of `npm run bench`: a host page on another site (localhost, while the embeds come
// from 127.0.0.1, so each frame runs in a process of its own as on a real blog) with three lazy
// embeds far apart. For each, scrolled into view: how long until it is interactive (its `ready`
// event) and until its first trained frame (its first `step` event; `play()` is called at once
// and queued by embed.js until the frame is ready). Also the host's long tasks meanwhile, the
// bytes fetched for all three with the HTTP cache on, and, on other fresh pages, how long the first
// embed left alone takes to move its run from the cpu backend it starts on to WebGL.
import { createServer } from 'node:http';

const HOST_PORT = 4191;

function hostPage(appBase) {
  const spacer = '<div style="height:3000px"><p>Lorem ipsum: the post goes on.</p></div>';
  const embed = (i, attrs) => `<h2>Embed ${i}</h2><simplest-nn id="e${i}" ${attrs}></simplest-nn>`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>three embeds</title>
<link rel="icon" href="data:,"><style>body{max-width:720px;margin:0 auto;font:18px Georgia,serif}</style></head><body>
<h1>A post with three embeds</h1>${spacer}${embed(1, 'lr="0.1"')}${spacer}${embed(2, 'lr="0.5" noise="1"')}${spacer}${embed(3, 'seed="7"')}${spacer}
<script src="${appBase}embed.js" async></script></body></html>`;
}

function serveHost(html) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  // All interfaces: the page is opened as localhost, which may resolve to ::1 or 127.0.0.1.
  return new Promise((resolve) => server.listen(HOST_PORT, () => resolve(server)));
}

/** One fresh page: the three embeds scrolled to in turn. */
async function onePage(browser, hostUrl) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const transfer = new Map();
  page.on('requestfinished', async (req) => {
    const sizes = await req.sizes().catch(() => null);
    const file = new URL(req.url()).pathname.split('/').pop() || '/';
    const t = transfer.get(file) ?? { requests: 0, fetched: 0, bytes: 0 };
    t.requests++;
    // A request the HTTP cache answered transfers no body: only the others came over the network.
    const body = sizes ? sizes.responseBodySize : 0;
    if (body > 0) t.fetched++;
    t.bytes += sizes ? body + sizes.responseHeadersSize : 0;
    transfer.set(file, t);
  });
  try {
    await page.goto(hostUrl);
    await page.waitForFunction(() => customElements.get('simplest-nn') !== undefined);
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({
        type: 'longtask',
      });
    });
    const embeds = [];
    for (const id of ['e1', 'e2', 'e3']) {
      const t = await page.evaluate(
        (id) =>
          new Promise((resolve, reject) => {
            const el = document.getElementById(id);
            const out = {};
            const t0 = performance.now();
            el.addEventListener('ready', () => (out.ready = performance.now() - t0), { once: true });
            el.addEventListener(
              'step',
              () => {
                out.firstStep = performance.now() - t0;
                resolve(out);
              },
              { once: true },
            );
            setTimeout(() => reject(new Error(`${id}: no step in 60 s`)), 60_000);
            el.scrollIntoView({ block: 'center' });
            el.play();
          }),
        id,
      );
      embeds.push(t);
    }
    const long = await page.evaluate(() => window.__long);
    return { embeds, long, transfer: Object.fromEntries(transfer) };
  } finally {
    await page.close();
  }
}

/**
 * One fresh page: the first embed scrolled into view and left alone. An embed's first run is made
 * on the cpu backend and moves to WebGL once the embed is quiet: how long until it is on WebGL.
 */
async function quietPage(browser, hostUrl) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  try {
    await page.goto(hostUrl);
    await page.waitForFunction(() => customElements.get('simplest-nn') !== undefined);
    const ready = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const el = document.getElementById('e1');
          window.__t0 = performance.now();
          el.addEventListener('ready', () => resolve(performance.now() - window.__t0), { once: true });
          el.scrollIntoView({ block: 'center' });
        }),
    );
    const frame = page.frames().find((f) => f.url().includes('embed.html'));
    await frame.waitForFunction(() => document.getElementById('backend')?.textContent === 'webgl', null, {
      timeout: 60_000,
      polling: 'raf',
    });
    const webgl = await page.evaluate(() => performance.now() - window.__t0);
    return { ready, webgl };
  } finally {
    await page.close();
  }
}

/** Runs the rows `runs` times (fresh pages) and returns them with their table lines. */
export async function benchEmbeds(browser, appBase, runs, { stats, range }) {
  const server = await serveHost(hostPage(appBase));
  try {
    const pages = [];
    for (let r = 0; r < runs; r++) pages.push(await onePage(browser, `http://localhost:${HOST_PORT}/`));
    const quiet = [];
    for (let r = 0; r < runs; r++) quiet.push(await quietPage(browser, `http://localhost:${HOST_PORT}/`));
    const all = (key) => pages.flatMap((p) => p.embeds.map((e) => e[key])).sort((a, b) => a - b);
    const pct = (xs, q) => xs[Math.min(xs.length - 1, Math.floor(xs.length * q))];
    const ready = all('ready');
    const step = all('firstStep');
    const bytes = pages.map((p) => Object.values(p.transfer).reduce((s, t) => s + t.bytes, 0));
    // A chunk fetched once for three embeds is shared; the worst count over the assets says so.
    const repeats = pages.map((p) =>
      Math.max(
        ...Object.entries(p.transfer)
          .filter(([f]) => f.endsWith('.js'))
          .map(([, t]) => t.fetched),
      ),
    );
    const lines = [
      '',
      '| three embeds on a host page of another site, each scrolled into view | median (min–max) |',
      '|---|---:|',
      `| scrolled into view → interactive (ready), p50 / p95 over ${ready.length} embeds, ms | ${Math.round(pct(ready, 0.5))} / ${Math.round(pct(ready, 0.95))} |`,
      `| scrolled into view → first trained frame (play() called at once), p50 / p95, ms | ${Math.round(pct(step, 0.5))} / ${Math.round(pct(step, 0.95))} |`,
      `| the first embed of a fresh page, left alone: scrolled into view → training on WebGL (its first run is made on cpu, and moves when the embed is quiet), ms | ${range(stats(quiet.map((q) => q.webgl)), 0)} |`,
      `| host long tasks (> 50 ms) while the three load and train | ${range(stats(pages.map((p) => p.long.length)), 0)} |`,
      `| bytes fetched for the three (HTTP cache on), KB | ${range(stats(bytes.map((b) => b / 1024)), 0)} |`,
      `| most times one script came over the network (1 = shared by all three) | ${range(stats(repeats), 0)} |`,
    ];
    return { pages, quiet, lines };
  } finally {
    server.close();
  }
}
