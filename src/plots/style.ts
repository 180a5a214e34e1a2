import type { Palette } from '../theme';
import type { Axis, Layout } from './plotly';

export const BLUE = '#1f77b4';
export const RED = '#d62728';

/** An axis in the theme's colours; Plotly cannot read CSS variables itself. */
export function themedAxis(axis: Partial<Axis>, c: Palette): Partial<Axis> {
  return { gridcolor: c.grid, zerolinecolor: c.grid, linecolor: c.grid, tickcolor: c.grid, ...axis };
}

/** The shared look of every figure: no zoom (axes are fixed on purpose), tight margins, theme colours. */
/** How tall each figure is drawn, in px: the page's, or an embed's for its layout. */
export interface FigureHeights {
  data: number;
  fit: number;
  loss: number;
  landscape: number;
}

export const PAGE_HEIGHTS: FigureHeights = { data: 300, fit: 300, loss: 300, landscape: 420 };
/** On a phone: Calculated, the code between and the loss curve fit above the run bar (narrow.css). */
export const PHONE_HEIGHTS: FigureHeights = { data: 240, fit: 240, loss: 240, landscape: 360 };
/** The widths at which the page uses PHONE_HEIGHTS; narrow.css has the same breakpoint. */
export const PHONE_QUERY = '(max-width: 600px)';

/** Everything about a figure's look that is not its data: a new Look redraws it. */
export interface Look {
  palette: Palette;
  heights: FigureHeights;
}

export function baseLayout(title: string, c: Palette, height: number): Partial<Layout> {
  return {
    title: { text: title, font: { size: 14 } },
    margin: { l: 48, r: 12, t: 36, b: 40 },
    height,
    showlegend: false,
    dragmode: false,
    hovermode: 'closest',
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: 'system-ui, sans-serif', size: 12, color: c.fg },
  };
}
