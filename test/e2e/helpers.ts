import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

export interface TorchRun {
  params: { seed: number; n: number; noise: number; lr: number; steps: number };
  x0: number[];
  y: number[];
  a_init: [number, number];
  analysis: { a_star: [number, number]; eigenvalues: [number, number] };
  losses: (number | string)[];
  a_path: [number | string, number | string][];
  printed: { x_head: string; a_true: string; a_init: string; losses: string[]; a_final: string };
}

export function fixture(name: string): TorchRun {
  return JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch', `${name}.json`), 'utf8'),
  ) as TorchRun;
}

export function queryOf(run: TorchRun, speed = 2000): string {
  const p = run.params;
  return `?lr=${p.lr}&noise=${p.noise}&n=${p.n}&steps=${p.steps}&seed=${p.seed}&speed=${speed}`;
}

/** Everything that went wrong in the page: console errors and uncaught exceptions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

export async function openPage(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
}

export async function runToEnd(page: Page): Promise<void> {
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText(/^(done|diverged)$/, { timeout: 60_000 });
}

/** The numbers inside a printed tensor, e.g. "tensor([2.9977, 2.0001], ...)" → [2.9977, 2.0001]. */
export function numbersIn(text: string): number[] {
  const body = text.slice(text.indexOf('tensor(') + 7);
  return (body.match(/-?(?:\d+\.?\d*(?:e[-+]\d+)?|inf|nan)/g) ?? []).map(Number);
}

/** The figures that change while training; the page skips their frames while they are far from view. */
const LIVE_FIGURES = ['.fig-calculated', '.fig-loss', '.fig-landscape-live'];

/**
 * Scroll a live figure into view if it is not, as a reader would to look at it, and give the page
 * the frame in which it notices and draws the newest state.
 */
export async function lookAt(page: Page, selector: string): Promise<void> {
  const scrolled = await page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    if (r.top >= -1 && r.bottom <= innerHeight + 1) return false;
    el.scrollIntoView({ block: 'center' });
    return true;
  });
  if (!scrolled) return;
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50)))),
  );
}

/** Plotly keeps the drawn data on its div; read what is actually on screen (a live figure is looked at first). */
export async function plotData(page: Page, selector: string): Promise<{ x: number[]; y: number[]; color: string }[]> {
  if (LIVE_FIGURES.includes(selector)) await lookAt(page, selector);
  return page.$eval(selector, (el) => {
    const gd = el as unknown as {
      data?: { x: number[]; y: number[]; marker?: { color?: string }; line?: { color?: string } }[];
    };
    return (gd.data ?? []).map((t) => ({
      x: Array.from(t.x),
      y: Array.from(t.y),
      color: t.marker?.color ?? t.line?.color ?? '',
    }));
  });
}

export async function plotLayout(
  page: Page,
  selector: string,
): Promise<{ title: string; xrange: number[]; yrange: number[]; ytype: string }> {
  return page.$eval(selector, (el) => {
    const gd = el as unknown as {
      layout: { title?: { text?: string }; xaxis: { range: number[] }; yaxis: { range: number[]; type?: string } };
    };
    return {
      title: gd.layout.title?.text ?? '',
      xrange: [...gd.layout.xaxis.range],
      yrange: [...gd.layout.yaxis.range],
      ytype: gd.layout.yaxis.type ?? 'linear',
    };
  });
}

/** Every Plotly figure of the page, by class. */
const PLOTLY_FIGURES = [
  'fig-data',
  'fig-original',
  'fig-calculated',
  'fig-loss',
  'fig-landscape',
  'fig-landscape-live',
];

/** From now on, count the Plotly calls on each figure: every call emits one of these events on its div. */
export async function countPlotlyCalls(page: Page): Promise<void> {
  await page.evaluate((figs) => {
    type Gd = HTMLElement & { on(event: string, fn: () => void): void; __counted?: boolean };
    const w = window as unknown as { calls: string[] };
    w.calls = [];
    const events = ['plotly_animatingframe', 'plotly_relayout', 'plotly_restyle', 'plotly_update', 'plotly_react'];
    for (const fig of figs) {
      const gd = document.querySelector(`.${fig}`) as Gd;
      if (gd.__counted) continue;
      gd.__counted = true;
      for (const event of events) gd.on(event, () => w.calls.push(`${fig} ${event.slice('plotly_'.length)}`));
    }
  }, PLOTLY_FIGURES);
}

/** The Plotly calls counted so far, by figure (or by figure and call); reading them starts a new count. */
export async function plotlyCalls(page: Page, byCall = false): Promise<Record<string, number>> {
  return page.evaluate((byCall) => {
    const w = window as unknown as { calls: string[] };
    const counts: Record<string, number> = {};
    for (const call of w.calls) {
      const key = byCall ? call : call.split(' ')[0]!;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    w.calls = [];
    return counts;
  }, byCall);
}
