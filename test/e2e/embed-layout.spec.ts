import { expect, test, type Page } from '@playwright/test';
import { embedHeight, frontPanels, readPanels } from '../../src/embed/layout';
import { collectErrors } from './helpers';

// The compact embed as a blog reader sees it, at the widths a blog column has.

const WIDTHS = [320, 480, 720, 1000];

async function openEmbed(page: Page, query: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 1200 });
  await page.goto(`./embed.html${query}`);
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  // The layout applies once the app has started; figures draw a moment later.
  await expect(page.locator('#front .panel').first()).toHaveAttribute('style', /height/);
}

/** The page's text, box by box (not SVG tick labels, not hidden or screen-reader-only text). */
async function textProblems(page: Page): Promise<{ overlaps: string[]; outside: string[]; scroll: number }> {
  return page.evaluate(() => {
    const boxes: { r: DOMRect; t: string; node: Node }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim() ?? '';
      if (!el || !text || el.closest('svg, .katex, .visually-hidden, [hidden]')) continue;
      // A closed disclosure's content is laid out but not shown (Chromium skips rendering it).
      const closed = el.closest('details:not([open])');
      if (closed && !el.closest('summary')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      // What shows of it: clipped by any ancestor that hides its overflow (an ellipsis, a panel).
      let clip = new DOMRect(-1e6, -1e6, 2e6, 2e6);
      for (let a: Element | null = el; a; a = a.parentElement) {
        const st = getComputedStyle(a);
        if (st.overflowX === 'visible' && st.overflowY === 'visible') continue;
        const c = a.getBoundingClientRect();
        const left = Math.max(clip.left, c.left);
        const top = Math.max(clip.top, c.top);
        clip = new DOMRect(left, top, Math.min(clip.right, c.right) - left, Math.min(clip.bottom, c.bottom) - top);
      }
      for (const full of range.getClientRects()) {
        const left = Math.max(full.left, clip.left);
        const top = Math.max(full.top, clip.top);
        const r = new DOMRect(
          left,
          top,
          Math.min(full.right, clip.right) - left,
          Math.min(full.bottom, clip.bottom) - top,
        );
        if (r.width > 0.5 && r.height > 0.5) boxes.push({ r, t: text.slice(0, 24), node: n });
      }
    }
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        // One text node's own boxes (a line and its ellipsis) are not text over text.
        if (boxes[i]!.node === boxes[j]!.node) continue;
        const a = boxes[i]!.r;
        const b = boxes[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) overlaps.push(`"${boxes[i]!.t}" × "${boxes[j]!.t}"`);
      }
    }
    const outside = boxes.filter((b) => b.r.left < -0.5 || b.r.right > innerWidth + 0.5).map((b) => b.t);
    return { overlaps, outside, scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth };
  });
}

const inView = async (page: Page, selector: string): Promise<boolean> =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth;
  });

test('the default embed in a 720 px column: at most 800 px, the essentials up front, the rest behind "more"', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openEmbed(page, '', 720);
  await page.setViewportSize({ width: 720, height: 800 });
  const height = await page.evaluate(() => document.body.getBoundingClientRect().height);
  expect(height).toBeLessThanOrEqual(800);
  for (const sel of [
    'button[data-action="run"]',
    'button[data-action="pause"]',
    'button[data-action="step"]',
    'button[data-action="reset"]',
    '.step-counter',
    '#ctl-lr',
    '.mark-bound',
    '.mark-fastest',
    '#lr-verdict',
    '#ctl-noise',
    '.fig-original',
    '.fig-calculated',
    '.fig-loss',
  ]) {
    expect(await inView(page, sel), sel).toBe(true);
  }
  // Original and Calculated side by side.
  const [o, c] = await Promise.all(['.fig-original', '.fig-calculated'].map((s) => page.locator(s).boundingBox()));
  expect(Math.abs(o!.y - c!.y)).toBeLessThan(1);
  expect(c!.x).toBeGreaterThan(o!.x + o!.width - 1);
  // Everything else sits in the one closed "more".
  for (const sel of [
    '#ctl-n',
    '#ctl-steps',
    '#ctl-seed',
    '#ctl-backend',
    '#ctl-tensors',
    '.fig-landscape',
    'pre.log',
    '#open-full',
  ]) {
    expect(await page.locator(`#more ${sel}`).count(), sel).toBe(1);
    await expect(page.locator(sel)).toBeHidden();
  }
  await page.click('#more summary');
  await expect(page.locator('#open-full')).toBeVisible();
  await expect(page.locator('.fig-landscape .contour')).toHaveCount(1);
  expect(errors).toEqual([]);
});

for (const width of WIDTHS) {
  test(`at ${width} px: the height layout.ts computes, no sideways scroll, no text over text`, async ({ page }) => {
    await openEmbed(page, '?steps=60', width);
    await expect(page.locator('.fig-loss .main-svg').first()).toBeVisible();
    const height = await page.evaluate(() => document.body.getBoundingClientRect().height);
    expect(height).toBe(embedHeight(frontPanels([], []), width, 60));
    const before = await textProblems(page);
    expect(before.scroll).toBe(0);
    expect(before.outside).toEqual([]);
    expect(before.overlaps).toEqual([]);
    await page.click('button[data-action="run"]');
    await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
    const after = await textProblems(page);
    expect(after).toEqual({ overlaps: [], outside: [], scroll: 0 });
    // The run changed no height: the host's reservation still holds.
    expect(await page.evaluate(() => document.body.getBoundingClientRect().height)).toBe(height);
    await page.click('#more summary');
    const open = await textProblems(page);
    expect(open.scroll).toBe(0);
    expect(open.outside).toEqual([]);
    expect(open.overlaps).toEqual([]);
  });
}

test('view lists the panels up front, in order; a single figure is at most 420 px; hide still removes', async ({
  page,
}) => {
  for (const view of ['fit,loss', 'loss,fit', 'landscape', 'loss', 'controls,fit', 'data', 'log']) {
    await openEmbed(page, `?view=${view}`, 720);
    const want = readPanels(view);
    const shown = await page.$$eval('#front > .panel', (ps) => ps.map((p) => (p as HTMLElement).dataset.panel));
    expect(shown, view).toEqual(want);
    const height = await page.evaluate(() => document.body.getBoundingClientRect().height);
    expect(height, view).toBe(embedHeight(want, 720, 100));
    if (want.length === 1 && want[0] !== 'controls') expect(height, view).toBeLessThanOrEqual(420);
  }
  await openEmbed(page, '?view=fit,loss&hide=loss,log', 720);
  expect(await page.$$eval('#front > .panel', (ps) => ps.map((p) => (p as HTMLElement).dataset.panel))).toEqual([
    'fit',
  ]);
  expect(await page.locator('#more .panel[data-panel="log"]').count()).toBe(0);
  expect(await page.locator('#more .panel[data-panel="landscape"]').count()).toBe(1);
});
