import { expect, test } from '@playwright/test';
import { collectErrors, fixture, openPage, runToEnd } from './helpers';

const post = fixture('post');
const yUlp = 2 ** (Math.floor(Math.log2(Math.max(...post.y.map(Math.abs)))) - 23);

test('webgl, wasm and cpu give the post\u2019s losses, and the switch shows which runs and how fast', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await openPage(page, '?speed=1000');
  for (const backend of ['webgl', 'wasm', 'cpu'] as const) {
    if (backend === 'webgl') {
      // The default: already running on webgl, so press Run.
      await expect(page.locator('#backend')).toHaveText('webgl');
      await page.click('button[data-action="run"]');
    } else {
      // Switching re-runs from step 0 on the new backend, and the URL says which.
      await page.locator('#ctl-backend').selectOption(backend);
      await expect(page.locator('#backend')).toHaveText(backend, { timeout: 60_000 });
      await expect(page).toHaveURL(new RegExp(`backend=${backend}`));
    }
    // ms/step restarts with each run, so this shows that the new run's steps ran on this backend.
    await expect(page.locator('#ctl-ms-per-step')).toHaveText(new RegExp(`^${backend}, [\\d.]+ ms/step$`), {
      timeout: 60_000,
    });
    await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
    const losses = await page
      .locator('.log-line')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-loss'))));
    expect(losses).toHaveLength(10);
    losses.forEach((l, i) => {
      const want = Number(post.losses[i * 10]);
      expect(Math.abs(l - want), `${backend} step ${i * 10}`).toBeLessThanOrEqual(
        1e-4 * want + 2 * Math.sqrt(want) * yUlp,
      );
    });
  }
  // The wasm binaries came from this site.
  const wasm = requests.filter((u) => u.endsWith('.wasm'));
  expect(wasm.length).toBeGreaterThan(0);
  for (const u of wasm) expect(new URL(u).origin).toBe(new URL(page.url()).origin);
  expect(errors).toEqual([]);
});

test('the page says plainly which backend is faster at this n', async ({ page }) => {
  await openPage(page);
  // On load it compares webgl with the already-loaded cpu backend.
  await expect(page.locator('.backend-advice')).toContainText(
    /At n = 100, (cpu is [\d.]+× faster than webgl|webgl is the fastest backend) here/,
    {
      timeout: 30_000,
    },
  );
  await page.click('button[data-action="compare"]');
  await expect(page.locator('.backend-advice')).toContainText('wasm', { timeout: 60_000 });
  // Comparing does not disturb the run: Run all still gives the post's numbers on webgl.
  await expect(page.locator('#backend')).toHaveText('webgl');
  await runToEnd(page);
  await expect(page.locator('.log-line').first()).toHaveText(post.printed.losses[0]!);
});
