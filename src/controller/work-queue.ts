/**
 * Backend work (a start, a switch, a comparison, a move to WebGL) runs one piece at a time, in
 * order. Work that holds the commands makes them wait: they are carried out after it.
 */
export class WorkQueue {
  private chain: Promise<unknown> = Promise.resolve();
  /** The work that commands wait for, if any. */
  holding: Promise<unknown> | null = null;
  private shown = false;

  /** `changed` is called when commands start or stop waiting (the state's `busy`). */
  constructor(private readonly changed: () => void) {}

  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Commands wait while `work` runs (a comparison or a backend switch), then are carried out. The
   * state shows it as busy (the controls are disabled) unless `shown` is false: the move to WebGL
   * starts by itself, and a control that greys out under the reader's pointer loses their click.
   */
  hold<T>(work: Promise<T>, shown = true): Promise<T> {
    const held = work.finally(() => {
      if (this.holding === held) this.holding = null;
      this.changed();
    });
    this.holding = held;
    this.shown = shown;
    this.changed();
    return held;
  }

  /** Commands wait, and the controls say so. */
  get busy(): boolean {
    return this.holding !== null && this.shown;
  }

  /** Carry out `command` after the held work; false when nothing is held (carry it out now). */
  defer(command: () => void): boolean {
    if (!this.holding) return false;
    void this.holding.then(command, command);
    return true;
  }
}
