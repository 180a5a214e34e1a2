import type { ControllerState, RunController } from '../controller/controller';

export type RenderPart = (state: ControllerState) => void;

/**
 * Coalesces the controller's updates: however many arrive, each animation frame draws the
 * newest state once, through every part.
 */
export class FrameRenderer {
  private queued = false;
  private readonly parts: RenderPart[] = [];

  constructor(private readonly ctl: RunController) {
    ctl.on('update', () => this.queue());
  }

  add(part: RenderPart): void {
    this.parts.push(part);
    this.queue();
  }

  queue(): void {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => this.renderNow());
  }

  /** Draw now: a page that gets no frames (hidden, off-screen) still shows a state change. */
  renderNow(): void {
    this.queued = false;
    const state = this.ctl.state;
    for (const part of this.parts) part(state);
  }
}
