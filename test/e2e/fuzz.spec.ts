import { expect, test } from '@playwright/test';
import { collectErrors, openPage, runToEnd } from './helpers';

const NUMERIC = ['lr', 'noise', 'n', 'steps', 'seed', 'speed'];
/** Not a number, or a number no parameter accepts. */
const NEVER_VALID = ['', 'NaN', 'Infinity', '-Infinity', '1e308', '-1e308', 'abc', '0x10', '1e', '--1'];
/** Numbers outside one parameter's range or kind. */
const OUT_OF_RANGE: Record<string, string[]> = {
  lr: ['-1', '0', '4', '1e-9'],
  noise: ['-0.1', '3', '2.01'],
  n: ['0', '1', '-5', '2.5', '1e9'],
  steps: ['0', '1.5', '20000'],
  seed: ['-1', '1.5', '99999999999999'],
  speed: ['0', '1e6'],
};
const HOSTILE = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror=window.__pwned=1>',
  '<svg onload=window.__pwned=1>',
  '" onmouseover="window.__pwned=1',
  'javascript:window.__pwned=1',
  '<iframe srcdoc="<script>parent.__pwned=1</script>">',
];
const q = (key: string, value: string): string => `?${encodeURIComponent(key)}=${encodeURIComponent(value)}`;

/** A malformed URL and the start of the notice that must answer it (naming what was wrong). */
type Case = [query: string, notice: string];
/** The notice for a bad value of `key`: the parsers start it with the name (hide with "hide:"). */
const about = (key: string): string => (key === 'hide' ? 'hide: ' : `${key}=`);

const MALFORMED: Case[] = [
  ...NUMERIC.flatMap((name) => [...NEVER_VALID, ...OUT_OF_RANGE[name]!].map((v): Case => [q(name, v), about(name)])),
  ...['backend', 'theme', 'bg', 'hide'].flatMap((name) =>
    ['neon', '0', HOSTILE[0]!, HOSTILE[1]!].map((v): Case => [q(name, v), about(name)]),
  ),
  ...HOSTILE.map((v): Case => [q('lr', v), 'lr=']),
  ...HOSTILE.map((v): Case => [q('seed', v), 'seed=']),
  ...HOSTILE.map((v): Case => [q(v, '1'), 'Unknown parameter']),
  ['?lr=0.1&lr=0.2', '"lr" was given more than once'],
  ['?hide=data,data,nothing', 'hide: "nothing" ignored'],
  ['?n=%', 'n="%" is not a number'],
  ['?lr=%zz&n=%', 'lr="%zz" is not a number'],
  ['embed.html?n=%', 'n="%" is not a number'],
  [`embed.html${q('seed', HOSTILE[1]!)}`, 'seed='],
  ['?lr=%E2%80%AE1', 'lr="\u202E1" is not a number'],
];

/** Notices that a malformed URL must never be answered with instead: the backend's own. */
const UNRELATED = /WebGL|WebAssembly|CPU backend|failed to load/;

test(`fuzz: ${MALFORMED.length} malformed URLs each load with their own notice, no page error and nothing injected`, async ({
  page,
}) => {
  expect(MALFORMED.length).toBeGreaterThanOrEqual(100);
  test.setTimeout(600_000);
  const errors = collectErrors(page);
  for (const [query, notice] of MALFORMED) {
    await page.goto(`./${query}`);
    await expect(page.locator('html'), `${query} never got ready`).toHaveAttribute('data-ready', 'true', {
      timeout: 60_000,
    });
    const notices = await page.locator('#notices .notice').allTextContents();
    expect(
      notices.some((n) => n.startsWith(notice)),
      `${query}: ${notices.join(' | ')}`,
    ).toBe(true);
    expect(
      notices.filter((n) => UNRELATED.test(n)),
      query,
    ).toEqual([]);
    await expect(page.locator('#notices .notice').first(), query).toBeVisible();
    const injected = await page.evaluate(() => ({
      pwned: (window as unknown as { __pwned?: number }).__pwned,
      img: document.querySelectorAll('img[src="x"]').length,
      svg: document.querySelectorAll('svg[onload]').length,
      iframe: document.querySelectorAll('iframe').length,
      script: [...document.scripts].filter((s) => s.textContent.includes('__pwned')).length,
      handlers: document.querySelectorAll('[onerror], [onmouseover], [onload]').length,
      links: [...document.querySelectorAll('a')].filter((a) => a.href.startsWith('javascript:')).length,
    }));
    expect(injected, query).toEqual({ pwned: undefined, img: 0, svg: 0, iframe: 0, script: 0, handlers: 0, links: 0 });
    expect(await page.locator('.step-counter').textContent(), query).toMatch(/^step 0 \/ \d+$/);
    expect(errors, query).toEqual([]);
  }
});

const EDGES = [
  '?n=2',
  '?steps=1',
  '?noise=2',
  '?lr=0.001',
  '?lr=3',
  '?n=2&steps=1&noise=2&lr=3',
  '?seed=0',
  '?seed=4294967295',
];

test('edge values inside the ranges load without a notice and run to a clean end', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  for (const query of EDGES) {
    await openPage(page, `${query}&speed=2000`);
    await expect(page.locator('#notices .notice'), query).toHaveCount(0);
    await runToEnd(page);
    const status = await page.locator('.run-status').textContent();
    const final = (await page.locator('.output-a-final pre').textContent()) ?? '';
    // A finite a is printed, or the run diverged and the page says why: never a bare nan.
    if (status === 'done') expect(final, query).not.toMatch(/nan|inf/);
    else await expect(page.locator('.log-note'), query).toContainText('Lower the learning rate');
    expect(errors, query).toEqual([]);
  }
});
