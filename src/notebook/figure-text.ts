import { figureSummaries, type SummaryKey } from '../core/figure-summary';
import type { RunHistory } from '../core/history';
import type { Run } from '../controller/run';

/**
 * Keeps each figure's text summary (what a screen reader hears instead of the SVG) in step with the
 * run: while running, like the printed log, every 10 steps; otherwise at once.
 */
export class FigureText {
  private shown = { history: null as RunHistory | null, step: -1 };

  constructor(private readonly els: Record<SummaryKey, HTMLElement>) {}

  update(run: Run, history: RunHistory, step: number, running: boolean): void {
    const s = this.shown;
    if (running && s.history === history && Math.abs(step - s.step) < 10) return;
    this.shown = { history, step };
    const texts = figureSummaries({
      n: run.params.n,
      noise: run.params.noise,
      aTrue: run.aTrue,
      aStar: run.aStar,
      history,
      step,
      drawn: run.sample.x0.length,
    });
    for (const key of Object.keys(texts) as SummaryKey[]) {
      if (this.els[key].textContent !== texts[key]) this.els[key].textContent = texts[key];
    }
  }
}
