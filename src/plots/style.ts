import { plotColors } from '../theme';
import type { Layout } from './plotly';

export const BLUE = '#1f77b4';
export const RED = '#d62728';

type Axis = NonNullable<Layout['xaxis']>;

/** An axis in the theme's colours; Plotly cannot read CSS variables itself. */
export function themedAxis(axis: Partial<Axis>): Partial<Axis> {
  const c = plotColors();
  return { gridcolor: c.grid, zerolinecolor: c.grid, linecolor: c.grid, tickcolor: c.grid, ...axis };
}

/** The shared look of every figure: no zoom (axes are fixed on purpose), tight margins, theme colours. */
export function baseLayout(title: string): Partial<Layout> {
  const c = plotColors();
  return {
    title: { text: title, font: { size: 14 } },
    margin: { l: 48, r: 12, t: 36, b: 40 },
    height: 300,
    showlegend: false,
    dragmode: false,
    hovermode: 'closest',
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'system-ui, sans-serif', size: 12, color: c.fg },
  };
}
