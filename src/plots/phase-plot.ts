import type { Stability } from '../core/analysis';
import { optimalMomentum, phaseGrid } from '../core/momentum';
import { draw, updateTraces, type Data } from './plotly';
import { RED, baseLayout, themedAxis, type Look } from './style';

/** The learning rates the diagram spans, around this bowl's bound. */
function etaRange(s: Stability): [number, number] {
  return [s.lrBound / 100, (4 * s.lrBound) / 1.5];
}

/**
 * Heavy-ball momentum's phase diagram for this data: the worst-case rate over (η, β), shaded (white
 * where it diverges), with the optimum (η*, β*) and the reader's choice marked. Redrawn when the
 * data or the look changes; the reader's marker moves with the controls.
 */
export class PhasePlot {
  private drawn: { s: Stability; look: Look } | null = null;

  constructor(private readonly el: HTMLElement) {}

  async show(s: Stability, lr: number, beta: number, look: Look): Promise<unknown> {
    if (this.drawn?.s === s && this.drawn.look === look) return this.mark(lr, beta);
    this.drawn = { s, look };
    const [lo, hi] = etaRange(s);
    const grid = phaseGrid(s, lo, hi);
    const best = optimalMomentum(s);
    const rate: Data = {
      type: 'contour',
      x: grid.logEta.map((le) => 10 ** le),
      y: grid.beta,
      z: grid.rate.map((row) => row.map((r) => (r < 1 ? r : NaN))),
      colorscale: 'Viridis',
      reversescale: true,
      showscale: false,
      ncontours: 20,
      contours: { coloring: 'heatmap' },
      line: { width: 0.4, color: 'rgba(255,255,255,0.4)' },
      hoverinfo: 'skip',
    };
    const point = (name: string, x: number, y: number, color: string, symbol: string): Data => ({
      type: 'scatter',
      mode: 'markers',
      x: [x],
      y: [y],
      name,
      marker: { color, size: 12, symbol, line: { color: '#fff', width: 1.5 } },
      hovertemplate: `${name}: \u03B7 = %{x:.3g}, \u03B2 = %{y:.2f}<extra></extra>`,
    });
    const { palette } = look;
    return draw(
      this.el,
      [
        rate,
        point('optimum (\u03B7*, \u03B2*)', best.eta, best.beta, '#f5a623', 'star'),
        point('your \u03B7 and \u03B2', lr, beta, RED, 'circle'),
      ],
      {
        ...baseLayout('Heavy ball: worst-case shrink per step', palette, look.heights.loss),
        showlegend: true,
        // Top right, where momentum diverges and the diagram is blank: clear of the axis titles at any width.
        legend: { x: 1, xanchor: 'right', y: 1, yanchor: 'top', bgcolor: palette.bg },
        margin: { l: 48, r: 12, t: 36, b: 48 },
        xaxis: themedAxis(
          { type: 'log', range: [Math.log10(lo), Math.log10(hi)], title: { text: 'learning rate \u03B7' } },
          palette,
        ),
        yaxis: themedAxis({ range: [0, 0.99], title: { text: 'momentum \u03B2' } }, palette),
      },
    );
  }

  private mark(lr: number, beta: number): Promise<unknown> {
    return updateTraces(this.el, [2], [{ x: [lr], y: [beta] }]);
  }
}
