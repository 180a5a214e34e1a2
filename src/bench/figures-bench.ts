import { deriveRun } from '../controller/run';
import { gdPath } from '../core/analysis';
import { RunHistory, STATE_COLS } from '../core/history';
import { defaultParams } from '../params/table';
import { Figures } from '../plots/figures';
import { draw } from '../plots/plotly';
import { BLUE, PAGE_HEIGHTS, RED } from '../plots/style';
import { PALETTES } from '../theme';

export type FigureMode = 'empty' | 'page' | 'naive';

/**
 * One figure update per call, on a 100-point run replayed from the float64 path: 'page' uses the
 * page's own Figures class (4 live figures), 'naive' Plotly.react of every trace of the same figures, 'empty' nothing (the baseline).
 * Each call waits two frames, so Plotly's deferred drawing is inside the measured window.
 */
export async function setupFigures(mode: FigureMode, steps: number): Promise<void> {
  const root = document.getElementById('plots')!;
  root.replaceChildren();
  const els = [0, 1, 2, 3, 4, 5].map(() => root.appendChild(document.createElement('div')));
  const run = deriveRun({ ...defaultParams(), noise: 0.5, lr: 0.01, steps });
  const { data } = run;
  const path = gdPath(run.moments, data.aInit, 0.01, steps);
  const history = new RunHistory(steps, data.aInit);
  // lazy: false draws every figure, as when all of them are in view.
  const figures = new Figures({
    data: els[0]!,
    original: els[1]!,
    calculated: els[2]!,
    loss: els[3]!,
    landscape: els[4]!,
    landscapeLive: els[5]!,
  }, { lazy: false });
  await figures.setRun(run.figure, { palette: PALETTES.light, heights: PAGE_HEIGHTS });
  const xs = Array.from(data.x0);
  const { grid } = run.figure.landscape;
  const pathX = Array.from(path.a.filter((_, i) => i % 2 === 0));
  const pathY = Array.from(path.a.filter((_, i) => i % 2 === 1));
  step = async (f: number) => {
    history.append({
      losses: Float32Array.from(path.losses.slice(f - 1, f)),
      aAfter: Float32Array.from(path.a.slice(2 * f, 2 * f + 2)),
      grads: new Float32Array(2),
      states: new Float32Array(STATE_COLS),
    });
    if (mode === 'page') await figures.update(history, f);
    if (mode === 'naive') {
      const [a1, a2] = history.aAt(f);
      const losses = Array.from(history.losses.slice(0, f));
      await Promise.all([
        draw(els[1]!, [{ type: 'scatter', mode: 'markers', x: xs, y: Array.from(data.y), marker: { color: BLUE } }], {}),
        draw(els[2]!, [{ type: 'scatter', mode: 'markers', x: xs, y: xs.map((x) => a1 * x + a2), marker: { color: RED } }], {}),
        draw(els[3]!, [{ type: 'scatter', mode: 'lines', x: losses.map((_, i) => i), y: losses }], { yaxis: { type: 'log' } }),
        draw(
          els[4]!,
          [
            { type: 'contour', x: grid.a1, y: grid.a2, z: grid.z, showscale: false },
            { type: 'scatter', mode: 'lines', x: pathX.slice(0, f + 1), y: pathY.slice(0, f + 1) },
          ],
          {},
        ),
      ]);
    }
    await frame();
    await frame();
  };
}

let step: (f: number) => Promise<void> = () => Promise.resolve();
const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));


/** The next figure update of the figures set up last (see setupFigures). */
export function figureStep(f: number): Promise<void> {
  return step(f);
}
