import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectErrors, fixture, openPage, runToEnd } from './helpers';
import { serveDist } from './static-server';

test('the URL follows the controls with replaceState, and a shared URL reproduces the run', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPage(page, '?seed=7&noise=0.5&speed=1000');
  const historyLength = await page.evaluate(() => history.length);
  await page.locator('#ctl-lr').fill('400');
  await page.locator('#ctl-n').fill('300');
  await expect(page).toHaveURL(/lr=/);
  await expect(page).toHaveURL(/n=\d+/);
  expect(await page.evaluate(() => history.length)).toBe(historyLength);
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  const lines = await page.locator('.log-line').allTextContents();
  const finalA = await page.locator('.output-a-final pre').textContent();
  await page.click('[data-share="link"]');
  await expect(page.locator('.share-status')).toHaveText('Link copied.');
  const shared = await page.evaluate(() => navigator.clipboard.readText());
  // The address follows the Params once they rest: the copied link is the one it settles on.
  await expect.poll(() => page.url()).toBe(shared);

  const other = await context.newPage();
  await other.goto(shared);
  await expect(other.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  for (const name of ['lr', 'n', 'noise']) {
    await expect(other.locator(`#ctl-${name}-value`)).toHaveText(
      (await page.locator(`#ctl-${name}-value`).textContent())!,
    );
  }
  await expect(other.locator('#ctl-seed')).toHaveValue('7');
  await runToEnd(other);
  expect(await other.locator('.log-line').allTextContents()).toEqual(lines);
  await expect(other.locator('.output-a-final pre')).toHaveText(finalA!);
});

test('the build works from a sub-path of a plain static host, with no third-party request', async ({ page }) => {
  const server = await serveDist(4177, '/blog/demo/');
  try {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const failed: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    const errors = collectErrors(page);
    await page.goto(`${server.url}?seed=7&speed=1000`);
    await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(page.locator('#backend')).toHaveText('webgl');
    await expect(page.locator('.katex').first()).toBeVisible();
    await runToEnd(page);
    await expect(page.locator('.log-line')).toHaveCount(10);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    const foreign = requests.filter(
      (u) => !u.startsWith(server.url) && !u.startsWith('data:') && !u.startsWith('blob:'),
    );
    expect(foreign).toEqual([]);
    expect(requests.some((u) => u.includes('/blog/demo/assets/'))).toBe(true);
  } finally {
    await server.close();
  }
});

test('the example blog on another origin shows three embeds that size, train and pause on their own', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const app = new URL(baseURL!).origin;
  // The blog lives on another port; only its script tag points at the app's origin.
  const blog = await serveDist(4178, '/', (_path, html) => html.replace('src="embed.js"', `src="${app}/embed.js"`));
  try {
    const errors = collectErrors(page);
    await page.setViewportSize({ width: 900, height: 800 });
    await page.goto(`${blog.url}example-host.html`);
    const hosts = page.locator('simplest-nn');
    await expect(hosts).toHaveCount(3);
    const wants = [
      {
        seed: '42',
        lr: '0.1',
        hidden: ['data', 'landscape', 'log'],
        theme: 'light',
        end: 'done',
        counter: 'step 100 / 100',
        firstLine: '',
      },
      {
        seed: '7',
        lr: '0.5',
        hidden: ['landscape'],
        theme: 'light',
        end: 'done',
        counter: 'step 200 / 200',
        firstLine: fixture('noisy-small').printed.losses[0]!,
      },
      {
        seed: '42',
        lr: '1.5',
        hidden: ['data', 'fit', 'log'],
        theme: 'dark',
        end: 'diverged',
        counter: /step \d+ \/ 40/,
        firstLine: '',
      },
    ];
    for (let i = 0; i < 3; i++) {
      const want = wants[i]!;
      await hosts.nth(i).scrollIntoViewIfNeeded();
      const iframe = hosts.nth(i).locator('iframe');
      await expect(iframe).toHaveAttribute('loading', 'lazy');
      expect(await iframe.getAttribute('sandbox')).toContain('allow-scripts');
      const frame = page.frameLocator(`simplest-nn:nth-of-type(${i + 1}) iframe`);
      await expect(frame.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
      await expect(frame.locator('html')).toHaveAttribute('data-theme', want.theme);
      await expect(frame.locator('#ctl-lr-value')).toHaveText(want.lr);
      await expect(frame.locator('#ctl-seed')).toHaveValue(want.seed);
      for (const panel of ['data', 'fit', 'loss', 'landscape', 'log']) {
        const hidden = await frame.locator(`[data-panel="${panel}"]`).evaluate((el) => (el as HTMLElement).hidden);
        expect(hidden, `embed ${i} panel ${panel}`).toBe(want.hidden.includes(panel));
      }
      // Each trains with its own parameters, to its own end, while it is on screen.
      await frame.locator('button[data-action="run"]').click();
      await expect(frame.locator('.run-status')).toHaveText(want.end, { timeout: 60_000 });
      await expect(frame.locator('.step-counter')).toHaveText(want.counter);
      if (want.firstLine) await expect(frame.locator('.log-line').first()).toHaveText(want.firstLine);
      // The frame's height follows its content within a few pixels.
      await expect
        .poll(async () => {
          const content = await frame.locator('body').evaluate((b) => b.getBoundingClientRect().height);
          const box = await iframe.boundingBox();
          return Math.abs(box!.height - content);
        })
        .toBeLessThanOrEqual(4);
    }
    expect(errors).toEqual([]);
  } finally {
    await blog.close();
  }
});

test('an embed pauses while scrolled off-screen and resumes where it was', async ({ page, baseURL }) => {
  const app = new URL(baseURL!).origin;
  const blog = await serveDist(4179, '/', (_p, html) =>
    html
      .replace('src="embed.js"', `src="${app}/embed.js"`)
      .replace('lr="0.1" seed="42"', 'lr="0.1" seed="42" steps="3000" speed="20"'),
  );
  try {
    await page.setViewportSize({ width: 900, height: 800 });
    await page.goto(`${blog.url}example-host.html`);
    const frame = page.frameLocator('simplest-nn:nth-of-type(1) iframe');
    await expect(frame.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await frame.locator('button[data-action="run"]').click();
    await expect(frame.locator('.run-status')).toHaveText('running');
    await expect(frame.locator('.step-counter')).toHaveText(/step ([3-9]|\d\d+) \//);
    // The other embeds may still be growing to their height: scroll to the bottom until it is far enough.
    await expect
      .poll(async () => {
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        return frame.locator('html').getAttribute('data-on-screen');
      })
      .toBe('false');
    await expect(frame.locator('.run-status')).toHaveText('paused');
    const at = await frame.locator('.step-counter').textContent();
    await page.waitForTimeout(600);
    expect(await frame.locator('.step-counter').textContent()).toBe(at);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect(frame.locator('html')).toHaveAttribute('data-on-screen', 'true');
    await expect(frame.locator('.run-status')).toHaveText('running');
    await expect(frame.locator('.step-counter')).not.toHaveText(at!);
    const n = Number(/step (\d+)/.exec(at!)![1]);
    expect(n).toBeGreaterThan(0);
  } finally {
    await blog.close();
  }
});

test('the "Copy embed code" snippets work: the script one and the plain iframe one', async ({ page, baseURL }) => {
  await openPage(page, '?lr=0.5&noise=0.5&seed=7');
  await page.click('[data-share="embed"]');
  // The boxes fill on the details' toggle event, a task after the click: wait for it, not a race.
  const box = (id: string) => page.locator(`[data-snippet="${id}"] textarea[data-part="use"]`);
  await expect(box('iframe')).not.toHaveValue('');
  const script = await box('html').inputValue();
  const iframe = await box('iframe').inputValue();
  // Every engine's snippet carries the same attributes.
  await expect(box('jekyll')).toHaveValue('{% include simplest-nn.html lr="0.5" noise="0.5" seed="7" %}');
  await expect(box('hugo')).toHaveValue('{{< simplest-nn lr="0.5" noise="0.5" seed="7" >}}');
  await expect(box('astro')).toHaveValue(/<SimplestNN lr="0.5" noise="0.5" seed="7" \/>/);
  expect(script).toContain('<simplest-nn lr="0.5" noise="0.5" seed="7"></simplest-nn>');
  expect(script).toContain(`src="${baseURL}embed.js"`);
  expect(iframe).toMatch(
    /^<iframe src="[^"]+embed\.html\?lr=0\.5&amp;noise=0\.5&amp;seed=7" width="100%" height="\d+"/,
  );
  const blog = await serveDist(4176, '/', (path, html) =>
    path === 'example-host.html'
      ? `<!doctype html><title>t</title><link rel="icon" href="data:,"><body><p>Plain iframe:</p>${iframe}</body>`
      : html,
  );
  try {
    await page.goto(`${blog.url}example-host.html`);
    const frame = page.frameLocator('iframe');
    await expect(frame.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await expect(frame.locator('#ctl-lr-value')).toHaveText('0.5');
    await frame.locator('button[data-action="step"]').click();
    await expect(frame.locator('.step-counter')).toHaveText('step 1 / 100');
  } finally {
    await blog.close();
  }
});

for (const fixture of ['export', 'export-optim', 'export-own']) {
  const EXPORT_DIR = join(import.meta.dirname, '..', 'fixtures', fixture);

  test(`exports (${fixture}): CSV and JSON hold the run, the notebook is the one PyTorch verified, PNGs are images`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const readme = readFileSync(join(EXPORT_DIR, 'README.md'), 'utf8');
    const query = /`(\?[^`]+)`/.exec(readme)![1]!;
    await openPage(page, query);
    await runToEnd(page);
    const grab = async (kind: string): Promise<Buffer> => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export="${kind}"]`)]);
      const chunks: Buffer[] = [];
      for await (const c of (await dl.createReadStream()) as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks);
    };
    const json = JSON.parse((await grab('json')).toString()) as {
      rows: { step: number; loss: number | null; a1: number; a2: number }[];
      params: Record<string, unknown>;
    };
    // The JSON names the whole program, the optimizer and the batch included.
    // Own points come back as [[x, y], …], the link's x,y;x,y.
    const asLink = (v: unknown): string =>
      Array.isArray(v) && Array.isArray(v[0]) ? (v as number[][]).map((p) => p.join(',')).join(';') : String(v);
    for (const [k, v] of new URLSearchParams(query)) if (k !== 'speed') expect(asLink(json.params[k]), k).toBe(v);
    const csv = (await grab('csv')).toString().trim().split('\n');
    expect(csv[0]).toBe('step,loss,a1,a2');
    expect(csv).toHaveLength(json.rows.length + 1);
    json.rows.forEach((r, i) => expect(csv[i + 1]).toBe(`${r.step},${r.loss ?? ''},${r.a1},${r.a2}`));
    // The rows are the run on screen: the logged losses and the final a.
    const logged = await page
      .locator('.log-line')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-loss'))));
    logged.forEach((l, i) => expect(json.rows[i * 10]!.loss).toBe(l));
    // PyTorch ran the verified notebook; this run agrees with it.
    const torch = JSON.parse(readFileSync(join(EXPORT_DIR, 'torch-result.json'), 'utf8')) as {
      torch_losses: number[];
      torch_a_final: number[];
      problems: string[];
    };
    expect(torch.problems).toEqual([]);
    json.rows
      .slice(0, -1)
      .forEach((r, i) =>
        expect(Math.abs(r.loss! - torch.torch_losses[i]!)).toBeLessThanOrEqual(1e-4 * torch.torch_losses[i]! + 1e-9),
      );
    expect(json.rows.at(-1)!.a1).toBeCloseTo(torch.torch_a_final[0]!, 4);
    // The notebook the page exports now has exactly the code cells that PyTorch ran.
    type Nb = { cells: { cell_type: string; source: string[] }[] };
    const code = (nb: Nb): string[] => nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
    const nb = JSON.parse((await grab('ipynb')).toString()) as Nb;
    const verified = JSON.parse(readFileSync(join(EXPORT_DIR, 'run.ipynb'), 'utf8')) as Nb;
    expect(code(nb)).toEqual(code(verified));
    expect(code(nb).join('\n')).toContain(`torch.manual_seed(${new URLSearchParams(query).get('seed')!})`);
    for (const f of ['data', 'original', 'calculated', 'loss', 'landscape']) {
      const png = await grab(`png-${f}`);
      expect(png.subarray(1, 4).toString(), f).toBe('PNG');
      expect(png.length, f).toBeGreaterThan(8000);
    }
  });
}

test('the embed view alone: compact, themed, transparent when asked, with a link to the full page', async ({
  page,
}) => {
  const errors = collectErrors(page);
  await page.goto('./embed.html?bg=transparent&theme=dark&seed=7&hide=controls');
  await expect(page.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // hide=controls: no controls up front, none behind "more".
  await expect(page.locator('#front-controls')).toBeHidden();
  await expect(page.locator('#more-controls')).toBeHidden();
  await expect(page.locator('#front .panel')).not.toHaveCount(0);
  // No prose and no code cells: the figures and a one-line caption.
  await expect(page.locator('.prose, .code-cell')).toHaveCount(0);
  await expect(page.locator('.embed-caption')).toContainText('Gradient descent');
  expect(await page.locator('#open-full').getAttribute('href')).toMatch(
    /index\.html\?seed=7&theme=dark&bg=transparent$/,
  );
  expect(errors).toEqual([]);
});

test('own points past 200: the notebook reads them from a CSV that downloads with it, and past 500 the link says it cannot carry them', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openPage(page, '?steps=20&speed=2000');
  await page.locator('.own-edit summary').click();
  const points = Array.from({ length: 600 }, (_, i) => [
    i / 100 - 3,
    Number((2 * (i / 100 - 3) + 1 + (i % 5) / 10).toFixed(2)),
  ]);
  await page.locator('#own-csv').fill(['x,y', ...points.map((p) => p.join(','))].join('\n'));
  await page.getByRole('button', { name: 'Use these points' }).click();
  await expect(page.locator('#ctl-n-value')).toHaveText('600');
  await expect(page.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
  const files = new Map<string, string>();
  page.on('download', (dl) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of (await dl.createReadStream()) as AsyncIterable<Buffer>) chunks.push(c);
      files.set(dl.suggestedFilename(), Buffer.concat(chunks).toString());
    })();
  });
  await page.click('[data-export="ipynb"]');
  await expect
    .poll(() => [...files.keys()].map((f) => f.replace(/^simplest-nn-seed.*\.ipynb$/, 'nb')).sort())
    .toEqual(['nb', 'simplest-nn-data.csv']);
  await expect(page.locator('.share-status')).toContainText('reads your 600 points from simplest-nn-data.csv');
  const csv = files.get('simplest-nn-data.csv')!.trim().split('\n');
  expect(csv[0]).toBe('x,y');
  expect(csv.slice(1)).toEqual(points.map((p) => p.join(',')));
  const nb = JSON.parse([...files].find(([f]) => f.endsWith('.ipynb'))![1]) as { cells: { source: string[] }[] };
  const code = nb.cells.map((c) => c.source.join('')).join('\n');
  expect(code).toContain("data = np.loadtxt('simplest-nn-data.csv', delimiter=',', skiprows=1, ndmin=2)");
  expect(code).toContain('y = torch.tensor(data[:, 1], dtype=torch.float32)');
  expect(code).not.toContain('x[:, 0] = torch.tensor([');
  // Past 500 points the link cannot carry them: Copy link says so.
  await page.click('[data-share="link"]');
  await expect(page.locator('.share-status')).toContainText(
    'Your 600 points are not in it: a link carries at most 500.',
  );
});
