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
  // Arrow keys on the lr slider move the slider; they do not take a step.
  await page.locator('#ctl-lr').focus();
  const before = await page.locator('#ctl-lr-value').textContent();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#ctl-lr-value')).not.toHaveText(before!);
  await expect(page.locator('.run-status')).not.toHaveText('paused');
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
