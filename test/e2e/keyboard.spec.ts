import { expect, test } from '@playwright/test';
import { openPage } from './helpers';

test('Space runs and pauses, → steps once, R resets; keys inside a slider stay the slider\u2019s', async ({ page }) => {
  await openPage(page, '?speed=20&steps=300');
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-counter')).toHaveText('step 1 / 300');
  await page.keyboard.press('Space');
  await expect(page.locator('.run-status')).toHaveText('running');
  await page.keyboard.press('Space');
  await expect(page.locator('.run-status')).toHaveText('paused');
  await page.keyboard.press('r');
  await expect(page.locator('.step-counter')).toHaveText('step 0 / 300');
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.step-counter')).toHaveText('step 1 / 300');
  await expect(page.locator('.run-status')).toHaveText('paused');
  // Inside the lr slider, R and Space are the slider's (it ignores them): no reset, no run.
  await page.locator('#ctl-lr').focus();
  await page.keyboard.press('r');
  await page.keyboard.press('Space');
  // Two frames: a shortcut's reset or run would be on screen by then.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await expect(page.locator('.step-counter')).toHaveText('step 1 / 300');
  await expect(page.locator('.run-status')).toHaveText('paused');
  // And → moves the slider one position, which starts the new lr's run from step 0; it takes no step
  // of the old run: the counter names the new run.
  const run = await page.locator('.step-counter').getAttribute('data-run');
  const before = Number(await page.locator('#ctl-lr').inputValue());
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#ctl-lr')).toHaveValue(String(before + 1));
  await expect(page.locator('.step-counter')).not.toHaveAttribute('data-run', run!);
  await expect(page.locator('.shortcuts summary')).toHaveText('Keyboard shortcuts');
});

test('a polite live region reads out the loss as the post prints it', async ({ page }) => {
  await openPage(page, '?speed=1000');
  const live = page.locator('#loss-announcer');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  // However fast the run, its last printed loss is read out when it ends.
  await expect(live).toHaveText(/^Step 90: loss [\d.e-]+$/);
});
