import { expect, test, type Page } from '@playwright/test';
import { embedHeight, frontPanels, readPanels } from '../../src/embed/layout';
import { lookAt, openPage, plotData } from './helpers';
import { serveDist } from './static-server';

// Nothing moves under the reader: not the host page while its embeds load, not the page while it trains.

/** Start summing the layout shifts of this document (the CLS a reader would feel). */
async function watchShifts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { cls: number; shifts: string[] };
    w.cls = 0;
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node }[];
      })[]) {
        if (e.hadRecentInput) continue;
        w.cls += e.value;
        w.shifts.push(
          `${e.value.toFixed(4)} ${e.sources?.map((s) => (s.node as Element | undefined)?.className ?? '?').join(',') ?? ''}`,
        );
      }
    }).observe({ type: 'layout-shift', buffered: false });
  });
}

const shifts = (page: Page): Promise<{ cls: number; shifts: string[] }> =>
  page.evaluate(() => {
    const w = window as unknown as { cls: number; shifts: string[] };
    return { cls: w.cls, shifts: w.shifts };
  });

test('a host page scrolled through three lazy embeds: each reserved its height, CLS at most 0.01', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const app = new URL(baseURL!).origin;
  const attrs = ['lr="0.1"', 'view="fit,loss" noise="1"', 'view="landscape" steps="40"'];
  const body = attrs
    .map((a, i) => `<p style="height:1400px">Paragraph ${String(i)}.</p><simplest-nn ${a}></simplest-nn>`)
    .join('');
  const blog = await serveDist(4187, '/', (path, html) =>
    path === 'example-host.html'
      ? `<!doctype html><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"><style>body{max-width:720px;margin:0 auto}</style>${body}<p style="height:1400px">End.</p><script src="${app}/embed.js"></script>`
      : html,
  );
  try {
    await page.setViewportSize({ width: 760, height: 800 });
    await page.goto(`${blog.url}example-host.html`);
    await page.waitForFunction(() => document.querySelectorAll('simplest-nn iframe').length === 3);
    await watchShifts(page);
    const els = page.locator('simplest-nn');
    for (let i = 0; i < 3; i++) {
      const el = els.nth(i);
      // Before the frame loads, the element holds the height the frame will have.
      const reserved = await el.locator('iframe').evaluate((f) => f.getBoundingClientRect().height);
      const width = await el.evaluate((e) => e.clientWidth);
      const view = readPanels(/view="([^"]*)"/.exec(attrs[i]!)?.[1] ?? '');
      const steps = Number(/steps="(\d+)"/.exec(attrs[i]!)?.[1] ?? 100);
      expect(reserved, `embed ${String(i)}`).toBe(embedHeight(frontPanels(view, []), width, steps));
      await el.scrollIntoViewIfNeeded();
      const frame = page.frameLocator(`simplest-nn:nth-of-type(${String(i + 1)}) iframe`);
      await expect(frame.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      await page.waitForTimeout(500);
      // The frame's own report agrees: nothing moved when it came.
      const reported = await frame.locator('body').evaluate((b) => b.getBoundingClientRect().height);
      expect(reported, `embed ${String(i)}`).toBe(reserved);
      expect(await el.locator('iframe').evaluate((f) => f.getBoundingClientRect().height)).toBe(reserved);
    }
    const { cls, shifts: list } = await shifts(page);
    expect(cls, list.join('\n')).toBeLessThanOrEqual(0.01);
  } finally {
    await blog.close();
  }
});

test('while a run plays with the figures in view, nothing on the page moves: CLS 0', async ({ page }) => {
  await openPage(page, '?speed=100');
  await lookAt(page, '.fig-calculated');
  await page.evaluate(() => document.querySelector('.output-fit-plot')!.scrollIntoView({ block: 'end' }));
  await watchShifts(page);
  const before = await page.$eval('.fig-original', (el) => el.getBoundingClientRect().top);
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.locator('.log-line')).toHaveCount(10);
  expect(await page.$eval('.fig-original', (el) => el.getBoundingClientRect().top)).toBe(before);
  const { cls, shifts: list } = await shifts(page);
  expect(cls, list.join('\n')).toBe(0);
  expect((await plotData(page, '.fig-loss'))[0]!.y).toHaveLength(100);
});

test('the backend advice arriving moves nothing below it in the controls', async ({ page }) => {
  // The advice comes when a comparison ends, at a time no reader chose: the start's own comparison
  // can end while the first run plays. On cpu the page makes none, so here the advice comes only
  // when the comparison below ends, seconds after the click, and is the longest: three backends.
  await openPage(page, '?backend=cpu');
  await page.evaluate(() => document.querySelector('.output-fit-plot')!.scrollIntoView({ block: 'end' }));
  await expect(page.locator('.backend-row[data-param="grad"]')).toBeInViewport();
  await watchShifts(page);
  await page.evaluate(() => document.querySelector<HTMLButtonElement>('button[data-action="compare"]')!.click());
  await expect(page.locator('.backend-advice')).toContainText(/At n = 100, \w+ is .* \(.*wasm/, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const { cls, shifts: list } = await shifts(page);
  expect(cls, list.join('\n')).toBe(0);
});
