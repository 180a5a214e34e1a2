import { chromium, expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { collectErrors, fixture, openPage, runToEnd } from './helpers';

const post = fixture('post');

test('without WebGL the page trains on cpu, says so, and prints the same run', async ({ baseURL }) => {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    // No GPU and no SwiftShader: no WebGL anywhere. (--disable-webgl alone still leaves WebGL2 on
    // OffscreenCanvas in Chromium 156, which tfjs uses, so it does not simulate a GPU-less machine.)
    args: [
      ...CHROMIUM_ARGS.filter((a) => !a.includes('swiftshader')),
      '--disable-gpu',
      '--disable-software-rasterizer',
    ],
  });
  try {
    const page = await browser.newPage({ baseURL });
    const errors = collectErrors(page);
    const gl = await page.evaluate(() => [
      !!document.createElement('canvas').getContext('webgl2'),
      !!document.createElement('canvas').getContext('webgl'),
      !!new OffscreenCanvas(1, 1).getContext('webgl2'),
    ]);
    expect(gl).toEqual([false, false, false]);
    await openPage(page);
    await expect(page.locator('#backend')).toHaveText('cpu');
    await expect(page.locator('#notices')).toContainText('CPU backend');
    await runToEnd(page);
    await expect(page.locator('.log-line')).toHaveCount(10);
    for (let i = 0; i < 5; i++) await expect(page.locator('.log-line').nth(i)).toHaveText(post.printed.losses[i]!);
    expect(errors.filter((e) => !/WebGL|webgl/.test(e))).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('WebGL with only 16-bit float render targets: the page trains on cpu, says why, and prints the post\u2019s run', async ({
  page,
}) => {
  // Hide the extensions that let WebGL render to float32 textures, as on devices that only have half
  // floats. tfjs then computes in 16 bits: in one run 3.2305 where float32 gives 3.2317, and NaN at n = 1e5.
  await page.addInitScript(() => {
    const hidden = new Set(['EXT_color_buffer_float', 'WEBGL_color_buffer_float']);
    for (const C of [WebGL2RenderingContext, WebGLRenderingContext]) {
      const getExtension = Object.getOwnPropertyDescriptor(C.prototype, 'getExtension')!.value as (
        this: unknown,
        name: string,
      ) => unknown;
      Object.defineProperty(C.prototype, 'getExtension', {
        value(this: unknown, name: string) {
          return hidden.has(name) ? null : getExtension.call(this, name);
        },
      });
    }
  });
  const errors = collectErrors(page);
  await openPage(page);
  expect(await page.evaluate(() => !!document.createElement('canvas').getContext('webgl2'))).toBe(true);
  await expect(page.locator('#backend')).toHaveText('cpu');
  await expect(page.locator('#notices')).toContainText('16-bit floats');
  await runToEnd(page);
  await expect(page.locator('.log-line')).toHaveCount(10);
  for (let i = 0; i < 10; i++) await expect(page.locator('.log-line').nth(i)).toHaveText(post.printed.losses[i]!);
  expect(errors).toEqual([]);
});

test('?backend=cpu picks the cpu backend with no notice', async ({ page }) => {
  await openPage(page, '?backend=cpu');
  await expect(page.locator('#backend')).toHaveText('cpu');
  await expect(page.locator('#notices')).toBeHidden();
});
