// Rows of `npm run bench` for "Look inside": what the X-ray cell costs a frame while a run plays,
// and how soon a dragged point shows its new a*, bound and landscape.

/** p50 and p95 of a list. */
const quantiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
};

/** The X-ray's own drawing time (`data-render-ms`, written by each draw) over 5 s of play, in view. */
async function xrayFrames(page) {
  await page.evaluate(() => {
    const out = document.querySelector('.output-xray');
    out.scrollIntoView({ block: 'start' });
    window.__xray = [];
    new MutationObserver(() => window.__xray.push(Number(out.dataset.renderMs))).observe(out, {
      attributes: true,
      attributeFilter: ['data-render-ms'],
    });
  });
  await page.click('button[data-action="run"]');
  await page.waitForTimeout(5000);
  return page.evaluate(() => window.__xray);
}

/**
 * The page's own start-up work done: the backend comparison it runs after loading (the advice line
 * has spoken). A drag measured during it measured the comparison.
 */
async function settled(page) {
  await page
    .waitForFunction(
      () => !document.querySelector('.backend-advice')?.textContent?.startsWith('Which backend is fastest'),
      null,
      { timeout: 30_000 },
    )
    .catch(() => undefined);
}

/**
 * Drag the last point of the data figure in 20 moves; for each, the time from the pointer event to
 * the first frame in which a* (the bound cell), the 2/λmax mark and the landscape's contour have all
 * changed.
 */
async function dragLatencies(page) {
  const box = await page.evaluate(() => {
    const el = document.querySelector('.fig-data');
    el.scrollIntoView({ block: 'center' });
    const gd = el;
    const b = el.querySelector('.nsewdrag').getBoundingClientRect();
    const [x0, x1] = gd.layout.xaxis.range;
    const [y0, y1] = gd.layout.yaxis.range;
    const px = (x, y) => [b.left + ((x - x0) / (x1 - x0)) * b.width, b.top + ((y1 - y) / (y1 - y0)) * b.height];
    return { from: px(0.8, 3.9), to: px(-0.6, 0.5) };
  });
  await page.evaluate(() => {
    window.__drag = [];
    const seen = () => [
      document.querySelector('.verdict')?.getAttribute('data-a-star'),
      document.querySelector('.mark-bound')?.getAttribute('data-lr'),
      document.querySelector('.fig-landscape .contourlevel path')?.getAttribute('d'),
    ];
    document.querySelector('.fig-data').addEventListener(
      'pointermove',
      (e) => {
        // A hover (the pointer brought to the point before the press) changes nothing: not a move.
        if (!(e.buttons & 1)) return;
        const t0 = e.timeStamp;
        const before = seen();
        const check = () => {
          const now = seen();
          if (now.every((v, i) => v !== before[i])) window.__drag.push(performance.now() - t0);
          else if (performance.now() - t0 < 2000) requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      },
      { capture: true },
    );
  });
  const { from, to } = box;
  // A reader scrolls to the figure, then reaches for a point: the scroll's own work (raster, the
  // figures drawn as they come near the view) is done by then, and is not a move's latency.
  await page.waitForTimeout(500);
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  for (let k = 1; k <= 20; k++) {
    await page.mouse.move(from[0] + ((to[0] - from[0]) * k) / 20, from[1] + ((to[1] - from[1]) * k) / 20);
    await page.waitForTimeout(150);
  }
  await page.mouse.up();
  await page.waitForTimeout(500);
  return page.evaluate(() => window.__drag);
}

export async function benchLookInside(browser, base, runs, { stats, range }) {
  const xray = [];
  const drag = [];
  for (let r = 0; r < runs; r++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${base}?speed=200&steps=2000`);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 90_000 });
      xray.push(quantiles(await xrayFrames(page)));
      await page.goto(`${base}?data=-0.9,0.3;-0.2,1.4;0.1,2.2;0.5,3.1;0.8,3.9&steps=100`);
      await page.waitForSelector('html[data-ready="true"]', { timeout: 90_000 });
      await settled(page);
      const lat = await dragLatencies(page);
      drag.push({ ...quantiles(lat), count: lat.length });
    } finally {
      await page.close();
    }
  }
  const pages = {
    xrayP50: stats(xray.map((x) => x.p50)),
    xrayP95: stats(xray.map((x) => x.p95)),
    dragP50: stats(drag.map((x) => x.p50)),
    dragP95: stats(drag.map((x) => x.p95)),
    dragMoves: stats(drag.map((x) => x.count)),
  };
  const lines = [
    '',
    '| look inside | p50 | p95 | target |',
    '|---|---:|---:|---:|',
    `| the X-ray cell's draw per frame while a run plays, in view, ms | ${range(pages.xrayP50, 2)} | ${range(pages.xrayP95, 2)} | ≤ 2 |`,
    `| drag a point → a*, the 2/λmax mark and the landscape all changed, ms (${range(pages.dragMoves, 0)} of 20 moves seen) | ${range(pages.dragP50, 0)} | ${range(pages.dragP95, 0)} | ≤ 100 (p95) |`,
  ];
  return { pages, lines };
}
