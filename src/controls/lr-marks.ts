import type { Stability, Verdict } from '../core/analysis';
import { h, setText } from '../notebook/dom';
import { SLIDER_STEPS, toSlider } from '../params/scale';
import { PARAM_SPECS } from '../params/table';
import type { ParamControl } from './param-control';

/** Thumb centre for a slider position, as CSS: the thumb (16 px) never leaves the track. */
function thumbLeft(pos: number): string {
  return `calc(8px + (100% - 16px) * ${pos / SLIDER_STEPS})`;
}

export interface LrMarks {
  sync(lr: number, stability: Stability, verdict: Verdict): void;
}

/**
 * The stability bound and the fastest lr, marked on the learning-rate track, with a key under it
 * (labels at the marks collided with each other and with the label above at some widths), and the
 * verdict line.
 */
export function addLrMarks(lr: ParamControl): LrMarks {
  const mark = (cls: string): HTMLElement => h('span', { class: `mark ${cls}`, 'aria-hidden': 'true' });
  const boundMark = mark('mark-bound');
  const fastMark = mark('mark-fastest');
  lr.input.parentElement?.append(boundMark, fastMark);
  const key = h(
    'p',
    { class: 'mark-key', 'aria-hidden': 'true' },
    h('span', { class: 'key-fastest' }, 'fastest'),
    ' ',
    h('span', { class: 'key-bound' }, '2/\u03BBmax'),
  );
  const verdictEl = h('p', { class: 'verdict-line', id: 'lr-verdict', 'aria-live': 'polite' });
  lr.row.append(key, verdictEl);
  lr.input.setAttribute('aria-describedby', 'lr-verdict');
  return {
    sync(value, stability, verdict) {
      for (const [m, at, name] of [
        [boundMark, stability.lrBound, '2/\u03BBmax'],
        [fastMark, stability.lrFastest, 'fastest, 2/(\u03BBmin+\u03BBmax)'],
      ] as const) {
        m.style.left = thumbLeft(toSlider('lr', Math.min(PARAM_SPECS.lr.max, at)));
        m.dataset.lr = String(at);
        m.title = `${name} = ${at.toPrecision(3)}`;
      }
      setText(verdictEl, `lr ${value} ${verdict} (2/\u03BBmax = ${stability.lrBound.toPrecision(3)})`);
      verdictEl.dataset.verdict = verdict;
    },
  };
}
