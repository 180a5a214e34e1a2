import { expect, test, type Page } from '@playwright/test';
import { collectErrors, fixture, numbersIn, queryOf } from './helpers';
import { serveDist } from './static-server';

/** The policy of the issue: no eval of any kind, styles inline only (KaTeX and Plotly set them). */
const POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:";

/**
 * The one documented harmless violation: tfjs-core bundles long.js, which on load probes for a
 * WebAssembly fast path for 64-bit multiply inside try/catch and uses plain JS when refused.
 * Nothing of ours depends on it, and nothing else may be refused.
 */
const harmless = (v: string): boolean => /^script-src wasm-eval \S*\/assets\/tfjs-core-cpu-[\w-]+\.js:/.test(v);

/** Every CSP violation the page reports, as "directive blocked-uri source:line:col", harmless ones left out. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  return async () =>
    (await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).filter(
      (v) => !harmless(v),
    );
}

test('under a strict Content-Security-Policy the page trains the post\u2019s run, with no violation', async ({
  page,
}) => {
  const server = await serveDist(4181, '/', undefined, { 'content-security-policy': POLICY });
  try {
    const violations = await recordViolations(page);
    const errors = collectErrors(page);
    const post = fixture('post');
    await page.goto(`${server.url}${queryOf(post)}`);
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await page.click('button[data-action="run"]');
    await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
    await expect(page.locator('#backend')).toHaveText('webgl');
    const a = numbersIn((await page.locator('.output-a-final').textContent()) ?? '');
    const want = numbersIn(post.printed.a_final);
    expect(a[0]).toBeCloseTo(want[0]!, 3);
    expect(a[1]).toBeCloseTo(want[1]!, 3);
    // KaTeX typeset the prose and Plotly drew its SVG: their inline styles are allowed by the policy.
    await expect(page.locator('.katex').first()).toBeVisible();
    await expect(page.locator('.fig-loss .main-svg').first()).toBeVisible();
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await server.close();
  }
});

test('under the policy the embed works, and wasm (which needs wasm-unsafe-eval) falls back to cpu with a notice', async ({
  page,
}) => {
  const server = await serveDist(4182, '/', undefined, { 'content-security-policy': POLICY });
  try {
    const violations = await recordViolations(page);
    await page.goto(`${server.url}embed.html?speed=2000&steps=30`);
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await page.click('button[data-action="run"]');
    await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
    expect(await violations()).toEqual([]);

    await page.goto(`${server.url}?backend=wasm&speed=2000&steps=30`);
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(page.locator('#backend')).toHaveText('cpu');
    await expect(page.locator('#notices')).toContainText("Content-Security-Policy (it needs 'wasm-unsafe-eval')");
    await page.click('button[data-action="run"]');
    await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
    // The refused compile of tfjs's own wasm binary: expected under this policy, and the run went on on cpu.
    const refused = await violations();
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((v) => v.startsWith('script-src wasm-eval'))).toBe(true);
  } finally {
    await server.close();
  }
});
