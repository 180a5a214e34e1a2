import type { Dataset } from '../core/dataset';
import type { RunHistory } from '../core/history';
import { formatLoss, formatParameter, formatVector, formatXHead } from '../core/torch-format';
import type { OutputKind } from './cells';
import { h, setText } from './dom';

/** The outputs that are text, exactly as PyTorch prints them. */
export function renderStaticText(outputs: Record<OutputKind, HTMLElement>, data: Dataset): void {
  const pre = (text: string): HTMLElement => h('pre', { class: 'printed' }, text);
  outputs['x-head'].replaceChildren(pre(formatXHead(data.x0)));
  // Own data has no true a: its cell prints y[:5].
  outputs['a-true'].replaceChildren(pre(data.own ? formatVector(data.y.subarray(0, 5)) : formatVector([3, 2])));
  outputs['a-init'].replaceChildren(pre(formatParameter(data.aInit)));
}

/**
 * The training log streams like the post's print(loss) every 10 steps. Lines are appended, never
 * rewritten: the element is reset only when a new run starts.
 */
export class TrainLog {
  private history: RunHistory | null = null;
  private printed = 0;
  // A named, focusable region: the log scrolls, and a keyboard must be able to scroll it too.
  private readonly pre = h('pre', {
    class: 'printed log',
    role: 'region',
    'aria-label': 'loss printed every 10 steps',
    tabindex: '0',
  });
  private readonly note = h('p', { class: 'log-note', role: 'alert' });

  constructor(private readonly el: HTMLElement) {
    el.replaceChildren(this.pre, this.note);
  }

  update(history: RunHistory, lrBound: number, lr: number): void {
    if (history !== this.history) {
      this.history = history;
      this.printed = 0;
      // The lines this run will print are known now: their room is kept from the start, so the
      // figures below do not move down a line every 10 steps while the reader watches them.
      this.pre.style.setProperty('--log-lines', String(Math.ceil(history.steps / 10)));
      this.pre.replaceChildren();
      this.note.textContent = '';
      this.pre.dataset.empty = 'true';
    }
    const lines: HTMLElement[] = [];
    for (let t = this.printed; t < history.length; t++) {
      if (t % 10 !== 0) continue;
      const loss = history.losses[t]!;
      // The full float32 value rides along, so readers (and tests) can see more than 4 digits.
      lines.push(
        h(
          'span',
          { class: 'log-line', 'data-step': String(t), 'data-loss': String(loss), title: `step ${t}: loss = ${loss}` },
          formatLoss(loss),
        ),
      );
    }
    for (const line of lines) {
      if (this.pre.firstChild) this.pre.append('\n');
      this.pre.append(line);
    }
    if (lines.length) this.pre.dataset.empty = 'false';
    this.printed = history.length;
    const d = history.divergedStep;
    if (d >= 0 && !this.note.textContent) {
      this.note.textContent =
        `Stopped at step ${d}: the loss ${Number.isFinite(history.losses[d]!) ? 'grew more than a million-fold' : 'overflowed'}. ` +
        `Gradient descent on this data converges only for a learning rate below 2/\u03BBmax = ${lrBound.toPrecision(3)}; ` +
        `lr = ${lr} is past it, so every step overshoots further. Lower the learning rate or press Reset.`;
    }
  }
}

/**
 * Mark the printed line of the replay cursor (the last print at or before it), and keep it in
 * view by scrolling the log box only, never the page.
 */
export function highlightLog(el: HTMLElement, cursor: number): void {
  const pre = el.querySelector<HTMLElement>('pre.log');
  if (!pre) return;
  const target = pre.querySelector<HTMLElement>(`.log-line[data-step="${Math.floor(Math.max(0, cursor) / 10) * 10}"]`);
  const current = pre.querySelector<HTMLElement>('.log-line.current');
  if (current === target) return;
  current?.classList.remove('current');
  if (!target) return;
  target.classList.add('current');
  const top = target.offsetTop - pre.offsetTop;
  if (top < pre.scrollTop || top > pre.scrollTop + pre.clientHeight - target.offsetHeight) {
    pre.scrollTop = top - pre.clientHeight / 2;
  }
}

/** Out [6]: `a`, as it is now; after the run it is the final parameter. */
export function renderA(el: HTMLElement, history: RunHistory, step: number): void {
  const [a1, a2] = history.aAt(step);
  let pre = el.querySelector('pre');
  if (!pre) {
    pre = h('pre', { class: 'printed' });
    el.replaceChildren(pre);
  }
  setText(pre, formatParameter([a1, a2]));
  el.dataset.step = String(step);
}
