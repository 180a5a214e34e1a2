import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { embedHeight, frontPanels } from '../../src/embed/layout';
import { collectErrors } from './helpers';
import { serveDist } from './static-server';

// A host page drives <simplest-nn> through embed.js: methods, attributes, events, over postMessage.

const DIST = join(import.meta.dirname, '..', '..', 'dist');

/** A blog page on another port: only its script tag points at the app's origin. */
async function blogWith(body: string, app: string, port: number) {
  return serveDist(port, '/', (path, html) =>
    path === 'example-host.html'
      ? `<!doctype html><html><head><meta charset="utf-8"><title>host</title><link rel="icon" href="data:,">
<style>body{max-width:720px;margin:0 auto;font:16px serif} simplest-nn{margin:1rem 0}</style></head>
<body>${body}<script src="${app}/embed.js"></script></body></html>`
      : html,
  );
}

/** Every event the element dispatches, recorded in the host page. */
async function record(page: Page, selector = 'simplest-nn'): Promise<void> {
  await page.evaluate((sel) => {
    const w = window as unknown as {
      events: { type: string; detail: unknown; t: number; frame: number }[];
      frameNo: number;
    };
    w.events = [];
    w.frameNo = 0;
    const tick = (): void => {
      w.frameNo++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const el = document.querySelector(sel)!;
    for (const type of ['ready', 'step', 'done', 'diverged', 'change'])
      el.addEventListener(type, (e) =>
        w.events.push({ type, detail: (e as CustomEvent).detail, t: performance.now(), frame: w.frameNo }),
      );
  }, selector);
}

type Recorded = {
  type: string;
  detail: { step?: number; loss?: number | null; lr?: number; opt?: string; batch?: number };
  frame: number;
};
const events = (page: Page): Promise<Recorded[]> =>
  page.evaluate(() => (window as unknown as { events: Recorded[] }).events);

test('calls made before the frame is ready are queued; methods drive the run; events report it', async ({
  page,
  baseURL,
}) => {
  const app = new URL(baseURL!).origin;
  const blog = await blogWith('<simplest-nn id="nn" steps="60"></simplest-nn>', app, 4183);
  try {
    const errors = collectErrors(page);
    await page.goto(`${blog.url}example-host.html`);
    await record(page);
    // Before the frame has even loaded: these must not be lost.
    await page.evaluate(() => {
      const el = document.querySelector('simplest-nn')!;
      el.set({ lr: 0.5, noise: 0.5, speed: 400 });
      el.play();
    });
    await expect.poll(async () => (await events(page)).some((e) => e.type === 'done'), { timeout: 60_000 }).toBe(true);
    const got = await events(page);
    expect(got[0]!.type).toBe('ready');
    const change = got.find((e) => e.type === 'change')!;
    expect(change.detail).toMatchObject({ lr: 0.5, noise: 0.5, speed: 400, steps: 60 });
    const steps = got.filter((e) => e.type === 'step');
    // Every 10th step is there, in order, and the last step; at most one other per frame.
    const numbers = steps.map((e) => e.detail.step!);
    for (const k of [10, 20, 30, 40, 50, 60]) expect(numbers).toContain(k);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    const perFrame = new Map<number, number>();
    for (const e of steps) if (e.detail.step! % 10 !== 0) perFrame.set(e.frame, (perFrame.get(e.frame) ?? 0) + 1);
    expect(Math.max(...perFrame.values())).toBeLessThanOrEqual(1);
    for (const e of steps) {
      expect(Number.isFinite(e.detail.loss)).toBe(true);
      expect((e.detail as { a: number[] }).a).toHaveLength(2);
    }
    expect(got.at(-1)).toMatchObject({ type: 'done', detail: { step: 60 } });
    // The frame shows what the host asked for.
    const frame = page.frameLocator('simplest-nn iframe');
    await expect(frame.locator('#ctl-lr-value')).toHaveText('0.5');
    await expect(frame.locator('.step-counter')).toHaveText('step 60 / 60');

    // step, seek, reset, pause: the frame follows.
    await page.evaluate(() => document.querySelector('simplest-nn')!.reset());
    await expect(frame.locator('.step-counter')).toHaveText('step 0 / 60');
    await page.evaluate(() => document.querySelector('simplest-nn')!.step());
    await expect(frame.locator('.step-counter')).toHaveText('step 1 / 60');
    await page.evaluate(() => {
      const el = document.querySelector('simplest-nn')!;
      el.set({ speed: 5 });
      el.play();
    });
    await expect(frame.locator('.run-status')).toHaveText('running');
    await page.evaluate(() => document.querySelector('simplest-nn')!.pause());
    await expect(frame.locator('.run-status')).toHaveText('paused');
    // Step 0, not the newest step: a batch in flight when pause() came still lands (its steps were
    // taken), and a seek to the newest step follows the run, so it would show that batch's step.
    await page.evaluate(() => document.querySelector('simplest-nn')!.seek(0));
    await expect(frame.locator('#ctl-replay-value')).toHaveText('step 0');
    await expect(frame.locator('.equation')).toHaveAttribute('data-step', '0');
    // An optimizer set by the host is PyTorch's run of it: Adam on mini-batches prints its lines.
    const adam = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch', 'optim', 'minibatch-adam.json'), 'utf8'),
    ) as {
      params: { seed: number; n: number; noise: number; lr: number; steps: number; beta1: number; batch: number };
      printed: string[];
    };
    const before = (await events(page)).length;
    await page.evaluate((p) => {
      const el = document.querySelector('simplest-nn')!;
      el.set({
        seed: p.seed,
        n: p.n,
        noise: p.noise,
        lr: p.lr,
        steps: p.steps,
        opt: 'adam',
        beta1: p.beta1,
        batch: p.batch,
        speed: 2000,
      });
      el.play();
    }, adam.params);
    await expect
      .poll(async () => (await events(page)).slice(before).some((e) => e.type === 'done'), { timeout: 60_000 })
      .toBe(true);
    expect((await events(page)).slice(before).find((e) => e.type === 'change')!.detail).toMatchObject({
      opt: 'adam',
      batch: 8,
    });
    await expect(frame.locator('.log-line')).toHaveText(adam.printed);
    // A preset by name, computed in the frame from its own data.
    await page.evaluate(() => document.querySelector('simplest-nn')!.preset('diverges'));
    await expect
      .poll(async () => (await events(page)).some((e) => e.type === 'diverged'), { timeout: 60_000 })
      .toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await blog.close();
  }
});

test('an attribute changed later updates the embed live, and its reserved height follows view', async ({
  page,
  baseURL,
}) => {
  const app = new URL(baseURL!).origin;
  const blog = await blogWith('<simplest-nn id="nn"></simplest-nn>', app, 4184);
  try {
    await page.setViewportSize({ width: 760, height: 900 });
    await page.goto(`${blog.url}example-host.html`);
    const frame = page.frameLocator('simplest-nn iframe');
    await expect(frame.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    await page.evaluate(() => document.querySelector('simplest-nn')!.setAttribute('lr', '0.5'));
    await expect(frame.locator('#ctl-lr-value')).toHaveText('0.5');
    await page.evaluate(() => document.querySelector('simplest-nn')!.setAttribute('theme', 'dark'));
    await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.evaluate(() => document.querySelector('simplest-nn')!.setAttribute('view', 'loss'));
    await expect(frame.locator('#front > .panel')).toHaveCount(1);
    const width = await page.locator('simplest-nn').evaluate((el) => el.clientWidth);
    await expect
      .poll(async () => (await page.locator('simplest-nn iframe').boundingBox())!.height)
      .toBe(embedHeight(frontPanels(['loss'], []), width, 100));
    // Removing an attribute sets the parameter back to its default.
    await page.evaluate(() => document.querySelector('simplest-nn')!.removeAttribute('lr'));
    await expect(frame.locator('#ctl-lr-value')).toHaveText('0.1');
  } finally {
    await blog.close();
  }
});

test('20 hostile messages from another frame and origin are ignored without an error', async ({ page, baseURL }) => {
  const app = new URL(baseURL!).origin;
  // A second frame on a third origin tries to drive the embed and to fool the host.
  const evil = await serveDist(4186, '/', (path, html) =>
    path === 'example-host.html'
      ? `<!doctype html><title>evil</title><script>
          const targets = [parent, parent.frames[0]];
          const bad = [
            { type: 'simplest-nn:call', method: 'set', args: [{ lr: 3 }] },
            { type: 'simplest-nn:call', method: 'play', args: [] },
            { type: 'simplest-nn:size', height: 300 },
            { type: 'simplest-nn:event', name: 'done', details: [{ step: 99 }] },
            { type: 'simplest-nn:visible', visible: false },
            'simplest-nn:call', null, 42, [], { type: 'simplest-nn:call', method: 'eval', args: ['1'] },
          ];
          let sent = 0;
          for (const t of targets) for (const m of bad) { try { t.postMessage(m, '*'); sent++; } catch {} }
          document.title = 'sent ' + sent;
        </script>`
      : html,
  );
  const blog = await blogWith(
    `<simplest-nn id="nn" steps="30"></simplest-nn><iframe id="evil" src="${evil.url}example-host.html" style="display:none"></iframe>`,
    app,
    4185,
  );
  try {
    const errors = collectErrors(page);
    await page.goto(`${blog.url}example-host.html`);
    await record(page);
    const frame = page.frameLocator('simplest-nn iframe');
    await expect(frame.locator('html')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
    const height = await page.locator('simplest-nn iframe').evaluate((f) => f.getBoundingClientRect().height);
    // Once more now that the embed is loaded: 10 messages to the host, 10 to the embed frame.
    await page.evaluate(() => {
      const f = document.getElementById('evil') as HTMLIFrameElement;
      f.src = f.src + '?again';
    });
    await expect.poll(() => page.frame({ url: /example-host\.html\?again/ })?.title()).toBe('sent 20');
    await page.waitForTimeout(500);
    await expect(frame.locator('#ctl-lr-value')).toHaveText('0.1');
    await expect(frame.locator('.step-counter')).toHaveText('step 0 / 30');
    await expect(frame.locator('html')).not.toHaveAttribute('data-on-screen', 'false');
    expect(await page.locator('simplest-nn iframe').evaluate((f) => f.getBoundingClientRect().height)).toBe(height);
    expect((await events(page)).filter((e) => e.type === 'done')).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await blog.close();
    await evil.close();
  }
});

test('embed.js is small, dependency-free, and ships its TypeScript types', () => {
  const js = readFileSync(join(DIST, 'embed.js'));
  expect(gzipSync(js, { level: 9 }).length).toBeLessThanOrEqual(4096);
  expect(js.toString()).not.toMatch(/\bimport\s*[({'"]/);
  const dts = readFileSync(join(DIST, 'embed.d.ts'), 'utf8');
  expect(dts).toContain("'simplest-nn': SimplestNNElement");
  expect(dts).toContain('interface HTMLElementTagNameMap');
});

test('own points: a data attribute and set({ data }) train on them, and change reports them as [[x, y], …]', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const own = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch', 'optim', 'own-data-wide.json'), 'utf8'),
  ) as { data: [number, number][]; params: { seed: number; lr: number; steps: number }; printed: string[] };
  const app = new URL(baseURL!).origin;
  const attr = own.data.map(([x, y]) => `${x},${y}`).join(';');
  const { seed, lr, steps } = own.params;
  const blog = await blogWith(
    `<simplest-nn data="${attr}" seed="${seed}" lr="${lr}" steps="${steps}" speed="2000"></simplest-nn>`,
    app,
    4174,
  );
  try {
    const errors = collectErrors(page);
    await page.goto(`${blog.url}example-host.html`);
    await record(page);
    const frame = page.frameLocator('simplest-nn iframe');
    await expect(frame.locator('#ctl-n-value')).toHaveText('6', { timeout: 60_000 });
    await page.evaluate(() => document.querySelector('simplest-nn')!.play());
    await expect(frame.locator('.run-status')).toHaveText('done', { timeout: 60_000 });
    // The embed prints PyTorch's lines for these points.
    await expect(frame.locator('.log-line')).toHaveText(own.printed);
    await page.evaluate(() =>
      document.querySelector('simplest-nn')!.set({
        data: [
          [0, 1],
          [1, 3],
          [2, 5],
        ],
      }),
    );
    await expect(frame.locator('#ctl-n-value')).toHaveText('3');
    await expect
      .poll(async () => (await events(page)).filter((e) => e.type === 'change').at(-1)?.detail)
      .toMatchObject({
        n: 3,
        data: [
          [0, 1],
          [1, 3],
          [2, 5],
        ],
      });
    // A bad set is refused in the frame, with its reason; the points stay.
    await page.evaluate(() => document.querySelector('simplest-nn')!.set({ data: [[0, 'x']] as never }));
    await expect(frame.locator('#notices')).toContainText('data: point 1: y: "x" is not a number');
    await expect(frame.locator('#ctl-n-value')).toHaveText('3');
    expect(errors).toEqual([]);
  } finally {
    await blog.close();
  }
});
