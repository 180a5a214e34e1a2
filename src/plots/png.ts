import type { Palette } from '../theme';
import { toPng } from './plotly';

/**
 * A PNG of one figure through Plotly's own toImage. A figure drawn as two stacked divs (the
 * landscape) is composited bottom-up on a canvas, so the PNG shows what the reader sees.
 */
export async function figurePng(layers: HTMLElement[], palette: Palette): Promise<Blob> {
  const first = layers[0]!;
  const width = Math.max(1, Math.round(first.clientWidth));
  const height = Math.max(1, Math.round(first.clientHeight));
  const urls = await Promise.all(layers.map((el) => toPng(el, width, height)));
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const ctx = canvas.getContext('2d')!;
  // The page's own background, also for a transparent embed: a PNG has no blog behind it.
  ctx.fillStyle = palette.bg;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  for (const url of urls) {
    const img = new Image();
    img.src = url;
    await img.decode();
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  }
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png');
  });
}
