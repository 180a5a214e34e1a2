import { expect, test, type Page } from '@playwright/test';
import { collectErrors, fixture, queryOf } from './helpers';

// An embed's cold start: its first run is made on the cpu backend, ready at once, and moves to WebGL
// (which takes a second or more to compile its programs on this machine's software GPU) once the
// embed is left quiet. The numbers are PyTorch's on either side of the move.

const post = fixture('post');

async function openEmbed(page: Page, query: string): Promise<void> {
  await page.goto(`./embed.html${query}`);
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
}

const backend = (page: Page) => page.locator('#backend');

test('an embed is ready on cpu, and its run goes on on WebGL from the same step: the log is still PyTorch’s', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await openEmbed(page, queryOf(post, 20));
  expect(await backend(page).textContent()).toBe('cpu');
  // Played at once, paused a few log lines in: the embed is quiet, and the run moves to WebGL.
  await page.click('button[data-action="run"]');
  // Paused in the frame the second log line shows (step 10), not at a test's polling interval.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const look = (): void => {
          if (document.querySelectorAll('.log-line').length < 2) return void requestAnimationFrame(look);
          document.querySelector<HTMLButtonElement>('button[data-action="pause"]')?.click();
          resolve();
        };
        look();
      }),
  );
  await expect(backend(page)).toHaveText('webgl', { timeout: 30_000 });
  const stepAtMove = Number(/\d+/.exec((await page.locator('.step-counter').textContent()) ?? '')?.[0]);
  expect(stepAtMove).toBeGreaterThanOrEqual(10);
  expect(stepAtMove).toBeLessThan(post.params.steps);
  // WebGL compiled its programs in the move, not later.
  await expect(page.locator('#ctl-tensors')).toContainText('WebGL programs');
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.locator('.log-line')).toHaveText(post.printed.losses);
  // The next run is made on WebGL from its start.
  await page.click('button[data-action="reset"]');
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(backend(page)).toHaveText('webgl');
  await expect(page.locator('.log-line')).toHaveText(post.printed.losses);
  expect(errors).toEqual([]);
});

test('the move to WebGL waits while a run plays: the played run stays on cpu to its end', async ({ page }) => {
  // Slow enough that the run outlasts the quiet wait many times over.
  await openEmbed(page, queryOf(post, 20));
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('running');
  for (let i = 0; i < 3; i++) {
    await page.waitForTimeout(700);
    await expect(page.locator('.run-status')).toHaveText('running');
    await expect(backend(page)).toHaveText('cpu');
  }
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.locator('.log-line')).toHaveText(post.printed.losses);
  // Quiet now: it moves.
  await expect(backend(page)).toHaveText('webgl', { timeout: 30_000 });
});

test('the full page does not start on cpu: its first run is made on the backend it asks for', async ({ page }) => {
  await page.goto('./');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  expect(await backend(page).textContent()).toBe('webgl');
});
