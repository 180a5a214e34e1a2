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

/** The stability bound and the fastest lr, marked on the learning-rate track, and the verdict line. */
export function addLrMarks(lr: ParamControl): LrMarks {
  const mark = (cls: string, label: string): HTMLElement =>
    h('span', { class: `mark ${cls}`, 'aria-hidden': 'true' }, h('span', { class: 'mark-label' }, label));
  const boundMark = mark('mark-bound', '2/\u03BBmax');
  const fastMark = mark('mark-fastest', 'fastest');
  lr.input.parentElement?.append(boundMark, fastMark);
  const verdictEl = h('p', { class: 'verdict-line', id: 'lr-verdict', 'aria-live': 'polite' });
  lr.row.append(verdictEl);
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
