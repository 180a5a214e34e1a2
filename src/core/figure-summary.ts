import type { RunHistory } from './history';
import { sampleNote } from './subsample';

/** The figures that get a text summary: what a screen reader hears instead of the SVG. */
export type SummaryKey = 'data' | 'fit' | 'loss' | 'landscape';

export interface SummaryInput {
  n: number;
  noise: number;
  /** The true a of the post, (3, 2); null for the reader's own points. */
  aTrue: readonly [number, number] | null;
  /** The least-squares optimum, null when the data cannot determine it. */
  aStar: readonly [number, number] | null;
  history: RunHistory;
  /** The step the figures show (the replay cursor or the newest step). */
  step: number;
  /** Points drawn in the scatter plots (a subsample above MAX_PLOT_POINTS). */
  drawn: number;
}

const num = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : String(v));
const pair = (a: readonly [number, number]): string => `(${num(a[0])}, ${num(a[1])})`;
const line = (a: readonly [number, number]): string =>
  `y = ${num(a[0])}·x ${a[1] < 0 ? '−' : '+'} ${num(Math.abs(a[1]))}`;

function drawnNote(n: number, drawn: number): string {
  const note = sampleNote(n, drawn);
  return note ? ` ${note[0]!.toUpperCase()}${note.slice(1)}.` : '';
}

/** One plain sentence or two per figure, from the same numbers the figures draw. */
export function figureSummaries(s: SummaryInput): Record<SummaryKey, string> {
  const { history, step } = s;
  const a = history.aAt(step);
  const taken = Math.min(step, history.length);
  const first = history.length > 0 ? history.losses[0]! : NaN;
  const last = taken > 0 ? history.losses[taken - 1]! : NaN;
  const diverged = history.divergedStep >= 0 && taken > history.divergedStep;
  const lossText =
    taken === 0
      ? 'No steps taken yet, so the loss curve is empty.'
      : `Loss on a log scale over ${String(taken)} of ${String(history.steps)} steps: ` +
        `${num(first)} at step 0, ${num(last)} at step ${String(taken - 1)}.` +
        (diverged ? ` The run diverged at step ${String(history.divergedStep)}.` : '');
  return {
    data: s.aTrue
      ? `Scatter plot of ${String(s.n)} points with x between −1 and 1, around the line ${line(s.aTrue)} with noise ${num(s.noise)}.${drawnNote(s.n, s.drawn)}`
      : `Scatter plot of your own ${String(s.n)} points.${drawnNote(s.n, s.drawn)}`,
    fit:
      `Original: the data, x against y. Calculated: x against the model's prediction after ${String(taken)} steps, ` +
      `the line ${line(a)}.${drawnNote(s.n, s.drawn)}`,
    loss: lossText,
    landscape:
      `Contour map of the loss over a1 and a2. The path runs from a_init ${pair(history.aAt(0))} to ${pair(a)} ` +
      `after ${String(taken)} steps; ` +
      (s.aStar ? `the minimum is at ${pair(s.aStar)}.` : 'the data has no single minimum.'),
  };
}
