import type { PlotSample } from '../core/subsample';
import type { Range } from '../core/ranges';
import type { Look } from './style';
import { draw, drawPoints, pointsFrame } from './plotly';
import { BLUE, baseLayout, themedAxis } from './style';

/**
 * In [3]: plt.scatter(x[:, 0], y). Static: drawn once per dataset; edited points on the same axes
 * are moved in (drawPoints).
 */
export function drawData(el: HTMLElement, data: PlotSample, yRange: Range, look: Look): Promise<unknown> {
  const { palette } = look;
  const points = { x: Array.from(data.x0), y: Array.from(data.y) };
  return drawPoints(el, pointsFrame(data, yRange, look), [0], [points], () =>
    draw(el, [{ type: 'scatter', mode: 'markers', ...points, marker: { color: BLUE, size: 6 }, name: 'data' }], {
      ...baseLayout(data.note ? `<sub>${data.note}</sub>` : '', palette, look.heights.data),
      margin: { l: 48, r: 12, t: data.note ? 28 : 12, b: 40 },
      xaxis: themedAxis({ range: data.xRange, title: { text: 'x[:, 0]' }, zeroline: false }, palette),
      yaxis: themedAxis({ range: yRange, title: { text: 'y' } }, palette),
    }),
  );
}
