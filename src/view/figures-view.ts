import type { ControllerState, RunController } from '../controller/controller';
import type { FigureEls, Figures } from '../plots/figures';
import type { FigureHeights, Look } from '../plots/style';
import type { ThemeState } from '../theme';

export interface FiguresViewOptions {
  /** Skip frames of live figures more than a screen away (the page; an embed shows all of itself). */
  lazy: boolean;
  /** Reduced motion: while a run jumps, show its start and then its end, never the way there. */
  still: () => boolean;
  /** Called when a drawing that the next frame depends on has landed. */
  redraw: () => void;
  heights: FigureHeights;
}

/**
 * Plotly's figures as a view of the controller: loaded after the first paint, redrawn for each new
 * run and each look (palette, heights), and given the newest state once a frame.
 */
export class FiguresView {
  private figures: Figures | null = null;
  private stats: () => { moved: number; fallbacks: number } = () => ({ moved: 0, fallbacks: 0 });
  private look: Look;
  private readonly lookListeners: (() => void)[] = [];
  /** Resolves once Plotly has loaded and drawn the first run. */
  readonly ready: Promise<void>;

  constructor(
    private readonly ctl: RunController,
    els: FigureEls,
    private readonly theme: ThemeState,
    private readonly opts: FiguresViewOptions,
  ) {
    this.look = { palette: theme.palette, heights: opts.heights };
    this.ready = import('../plots/figures').then(async (m) => {
      this.figures = new m.Figures(els, { lazy: opts.lazy });
      this.stats = m.moveStats;
      await this.figures.setRun(ctl.state.run.figure, this.look);
      opts.redraw();
    });
    ctl.on('run', (run) => void this.figures?.setRun(run.figure, this.look).then(opts.redraw));
    theme.onChange((palette) => this.repaint({ ...this.look, palette }));
  }

  /** The palette and heights every figure is drawn in now (the chapter's figures use it too). */
  get currentLook(): Look {
    return this.look;
  }

  /** Called after the look changed (a theme, new heights). */
  onLook(listener: () => void): void {
    this.lookListeners.push(listener);
  }

  /** Frames the live figures drew by moving their SVG, and times Plotly's internals were not there. */
  moveStats(): { svgMoved: number; svgFallbacks: number } {
    const s = this.stats();
    return { svgMoved: s.moved, svgFallbacks: s.fallbacks };
  }

  render(state: ControllerState): void {
    const f = this.figures;
    const history = state.snapshot?.history;
    if (!f || !history) return;
    if (this.opts.still() && state.status === 'running') void f.showStart(history);
    else void f.update(history, state.cursor);
  }

  /** Draw the newest state into every live figure, near or not (before a PNG export). */
  async flush(): Promise<void> {
    await this.ready;
    await this.figures?.flush();
  }

  /** Print (and back), or panels moved: redraw synchronously at each container's width. */
  refit(follow: boolean): void {
    this.figures?.refit(this.theme.palette, follow);
  }

  /** New heights (an embed's layout at a new width): every figure is drawn again at them. */
  setHeights(heights: FigureHeights): void {
    const h = this.look.heights;
    if (
      h.data === heights.data &&
      h.fit === heights.fit &&
      h.loss === heights.loss &&
      h.landscape === heights.landscape
    )
      return;
    this.repaint({ ...this.look, heights });
  }

  /** Draw every shown figure again: some just came into being (a disclosure opened, a panel moved). */
  redrawAll(): void {
    this.repaint({ ...this.look });
  }

  private repaint(look: Look): void {
    const changed = look !== this.look;
    this.look = look;
    if (changed) for (const l of this.lookListeners) l();
    void this.figures?.setRun(this.ctl.state.run.figure, look).then(this.opts.redraw);
  }
}
