import type { PlotSample } from '../core/subsample';
import type { Range } from '../core/ranges';
import type { Look } from './style';
import { draw, drawPoints, pointsFrame, updateTraces } from './plotly';
import { BLUE, RED, baseLayout, themedAxis } from './style';

/**
 * The post's two subplots. "Original" never changes during a run and "Calculated" changes every
 * frame, so they are two plot divs: updating one never recomputes the other.
 */
export class FitPlot {
  private x: Float32Array = new Float32Array(0);
  private drawn: { sample: PlotSample; yRange: Range; look: Look } | null = null;
  private yHat: Float32Array = new Float32Array(0);

  constructor(
    private readonly original: HTMLElement,
    private readonly calculated: HTMLElement,
  ) {}

  /** Draws the (subsampled) points in `sample`; the note says how many of all n are shown. */
  async setData(sample: PlotSample, yRange: Range, a: readonly [number, number], look: Look): Promise<void> {
    // Same data and theme (only lr or steps changed): Original stays, and update() redraws Calculated.
    const d = this.drawn;
    if (d?.sample === sample && d.yRange === yRange && d.look === look) return;
    this.drawn = { sample, yRange, look };
    const { palette } = look;
    this.x = sample.x0;
    this.yHat = new Float32Array(sample.x0.length);
    const axes = (title: string) => ({
      ...baseLayout(sample.note ? `${title}<br><sub>${sample.note}</sub>` : title, palette, look.heights.fit),
      xaxis: themedAxis({ range: sample.xRange, title: { text: 'x[:, 0]' }, zeroline: false }, palette),
      yaxis: themedAxis({ range: yRange }, palette),
    });
    const xs = Array.from(sample.x0);
    const original = { x: xs, y: Array.from(sample.y) };
    const calculated = { x: xs, y: this.predict(a) };
    // Edited points on the same axes (a drag) are moved in; anything else draws the plots anew.
    const frame = pointsFrame(sample, yRange, look);
    await Promise.all([
      drawPoints(this.original, frame, [0], [original], () =>
        draw(
          this.original,
          [{ type: 'scatter', mode: 'markers', ...original, marker: { color: BLUE, size: 6 } }],
          axes('Original'),
        ),
      ),
      drawPoints(this.calculated, frame, [0], [calculated], () =>
        draw(
          this.calculated,
          [{ type: 'scatter', mode: 'markers', ...calculated, marker: { color: RED, size: 6 } }],
          axes('Calculated'),
        ),
      ),
    ]);
  }

  /** x @ a for the newest a: computed in JS from two numbers, so it needs no readback. */
  private predict(a: readonly [number, number]): number[] {
    const [a1, a2] = a;
    for (let i = 0; i < this.x.length; i++) this.yHat[i] = Math.fround(Math.fround(this.x[i]! * a1) + a2);
    return Array.from(this.yHat);
  }

  /** `now`: drawn before this returns (printing). */
  update(a: readonly [number, number], now = false): Promise<unknown> {
    return updateTraces(this.calculated, [0], [{ y: this.predict(a) }], now);
  }
}
