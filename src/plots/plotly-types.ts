/**
 * The part of Plotly's API this page uses, typed here. The community typings (@types/plotly.js)
 * stop at Plotly 3, and the runtime is Plotly 4 (pinned exactly in package.json): a narrow
 * declaration of what is called can be checked against the runtime by the browser tests, a
 * wide one of another major version cannot.
 */

type Values = ArrayLike<number> | number[];

export interface Font {
  family?: string;
  size?: number;
  color?: string;
}

export interface Marker {
  color?: string;
  size?: number;
  symbol?: string;
  line?: { color?: string; width?: number };
}

export interface Line {
  color?: string;
  width?: number;
  dash?: 'solid' | 'dash' | 'dot';
}

export interface ScatterTrace {
  type: 'scatter';
  mode: 'lines' | 'markers' | 'lines+markers';
  x: Values;
  y: Values;
  name?: string;
  marker?: Marker;
  line?: Line;
  opacity?: number;
  hoverinfo?: 'skip' | 'none';
  hovertemplate?: string;
  showlegend?: boolean;
  legendgroup?: string;
  visible?: boolean | 'legendonly';
}

export interface ContourTrace {
  type: 'contour';
  x: Values;
  y: Values;
  z: number[][];
  colorscale?: string;
  reversescale?: boolean;
  showscale?: boolean;
  ncontours?: number;
  contours?: { coloring?: 'heatmap' | 'fill' | 'lines' };
  line?: Line;
  hoverinfo?: 'skip' | 'none';
}

export type Data = ScatterTrace | ContourTrace;

export interface Axis {
  range?: [number, number];
  type?: 'linear' | 'log';
  title?: { text?: string; standoff?: number };
  showticklabels?: boolean;
  showgrid?: boolean;
  zeroline?: boolean;
  fixedrange?: boolean;
  exponentformat?: 'power' | 'e' | 'none';
  gridcolor?: string;
  zerolinecolor?: string;
  linecolor?: string;
  tickcolor?: string;
}

export interface Layout {
  title: { text?: string; font?: Font };
  margin: { l?: number; r?: number; t?: number; b?: number };
  width: number | null;
  height: number;
  showlegend: boolean;
  legend: {
    orientation?: 'h' | 'v';
    x?: number;
    y?: number;
    xanchor?: string;
    yanchor?: string;
    bgcolor?: string;
    font?: Font;
  };
  dragmode: false;
  hovermode: 'closest' | false;
  paper_bgcolor: string;
  plot_bgcolor: string;
  font: Font;
  xaxis: Axis;
  yaxis: Axis;
}

export interface Config {
  displaylogo: boolean;
  showSendToCloud: boolean;
  responsive: boolean;
  displayModeBar: boolean;
  scrollZoom: boolean;
}

/** Updates by attribute path ('xaxis.range', 'x'), as Plotly's restyle, relayout and update take them. */
export type Update = Record<string, unknown>;

/** A trace type or component from plotly.js/lib/, for Plotly.register. */
export interface PlotlyModule {
  readonly moduleType: string;
  readonly name: string;
}

export interface PlotlyApi {
  react(el: HTMLElement, data: Data[], layout: Partial<Layout>, config: Partial<Config>): Promise<unknown>;
  restyle(el: HTMLElement, update: Update, traces?: number[]): Promise<unknown>;
  relayout(el: HTMLElement, update: Update): Promise<unknown>;
  update(el: HTMLElement, traceUpdate: Update, layoutUpdate: Update): Promise<unknown>;
  animate(
    el: HTMLElement,
    frame: { data: { x?: Values; y?: Values }[]; traces: number[] },
    opts: { transition: { duration: number }; frame: { duration: number; redraw: boolean }; mode: 'immediate' },
  ): Promise<unknown>;
  toImage(el: HTMLElement, opts: { format: 'png'; width: number; height: number; scale: number }): Promise<string>;
  purge(el: HTMLElement): void;
}
