import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openPage, plotData } from './helpers';

/** Violations a reader would hit: axe's serious and critical ones, with where they are. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const VIEWS = [
  { name: 'page', query: '' },
  { name: 'page, dark', query: '?theme=dark' },
  { name: 'embed', query: 'embed.html' },
  { name: 'embed, dark', query: 'embed.html?theme=dark' },
];

for (const view of VIEWS) {
  test(`axe: no serious or critical violations on the ${view.name}, before and after a run`, async ({ page }) => {
    await openPage(page, view.query);
    // Details that start closed (shortcuts, embed code) are opened so that their content is checked too.
    await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('button[data-action="run"]');
    await expect(page.locator('.run-status')).toHaveText(/^(done|diverged)$/, { timeout: 60_000 });
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('axe: the phone layout has no serious or critical violations', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPage(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test('each figure is one named image with a text summary that follows the run', async ({ page }) => {
  await openPage(page, '?speed=2000&steps=40');
  const figures = page.locator('[role="img"].figure');
  // Five in the post's cells; the phase diagram and the race's two in the optimizer chapter.
  await expect(figures).toHaveCount(8);
  for (const fig of await figures.all()) {
    expect(await fig.getAttribute('aria-label')).toBeTruthy();
    await expect(fig).toHaveAccessibleDescription(/\S{20,}|.{40,}/);
  }
  const loss = page.locator('.fig-loss');
  await expect(loss).toHaveAccessibleDescription(/No steps taken yet/);
  await page.click('button[data-action="run"]');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  // The summary's last loss is the last point the loss curve draws.
  await expect(loss).toHaveAccessibleDescription(/over 40 of 40 steps/);
  const drawn = (await plotData(page, '.fig-loss'))[0]!.y;
  const described = await page.locator('#summary-loss').textContent();
  const lastNumber = Number(/([\d.e+-]+) at step 39/.exec(described ?? '')?.[1]);
  expect(lastNumber / drawn[drawn.length - 1]!).toBeCloseTo(1, 3);
  await expect(page.locator('.fig-landscape')).toHaveAccessibleDescription(/after 40 steps/);
  // The race's summary follows the race: each racer's last loss once it has run.
  const race = page.locator('.fig-race-loss');
  await expect(race).toHaveAccessibleDescription(/has not started/);
  await page.click('button[data-race="start"]');
  await expect(page.locator('.race-status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(race).toHaveAccessibleDescription(
    /after 40 steps.*plain GD: loss [\d.e+-]+ at step 39; momentum: loss .* Adam: loss/,
  );
});

test('keyboard focus is visible on every control it reaches', async ({ page }) => {
  await openPage(page);
  await page.locator('h1').click();
  const seen = new Set<string>();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const cs = getComputedStyle(el);
      return {
        what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}`,
        outline: cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth),
      };
    });
    if (!focus) continue;
    seen.add(focus.what);
    expect(focus.outline, `focus ring on ${focus.what}`).toBeGreaterThanOrEqual(2);
  }
  // The walk reached the sliders, the buttons and the code tabs.
  const all = [...seen].join(' ');
  expect(all).toContain('input#ctl-lr');
  expect(all).toMatch(/button.*btn/);
  expect(all).toMatch(/button/);
});
