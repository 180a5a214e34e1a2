import type { Palette } from '../theme';
import type { Axis, Layout } from './plotly';

export const BLUE = '#1f77b4';
export const RED = '#d62728';

/** An axis in the theme's colours; Plotly cannot read CSS variables itself. */
export function themedAxis(axis: Partial<Axis>, c: Palette): Partial<Axis> {
  return { gridcolor: c.grid, zerolinecolor: c.grid, linecolor: c.grid, tickcolor: c.grid, ...axis };
}

/** The shared look of every figure: no zoom (axes are fixed on purpose), tight margins, theme colours. */
export function baseLayout(title: string, c: Palette): Partial<Layout> {
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
