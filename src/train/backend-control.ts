import type { Dataset } from '../core/dataset';
import type { BackendName, Gradient } from '../params/table';

type Session = typeof import('./session');

export interface BackendHooks {
  /** A visible notice: why the requested backend is not the one running. */
  onNotice(text: string): void;
}

/**
 * The tfjs side of the page: loads it, starts and switches backends (with the fallback and its
 * notice), warms the shaders for the current n, and compares backends on request. Only the run
 * controller uses it; the backend a run trains on is the controller's to report.
 */
export class BackendControl {
  session: Session | null = null;
  /** The backend tfjs runs now: trainers made from here on run on it. */
  active: BackendName | null = null;
  advice = '';
  private requested: BackendName | null = null;
  /** Backends that failed in this page (a lost WebGL context): never chosen again. */
  private readonly failed = new Set<BackendName>();

  constructor(private readonly hooks: BackendHooks) {}

  async load(): Promise<Session> {
    this.session ??= await import('./session');
    return this.session;
  }

  /** Make `requested` the running backend (or its fallback) and compile its programs for `data`. */
  async use(requested: BackendName, data: Dataset, gradient: Gradient): Promise<void> {
    const s = await this.load();
    if (requested !== this.requested) {
      this.requested = requested;
      if (this.failed.has(requested)) {
        this.hooks.onNotice(`${requested} failed earlier on this page; training stays on the CPU backend.`);
        requested = 'cpu';
      }
      const choice = await s.chooseBackend(requested);
      this.active = choice.name;
      if (choice.fallbackReason) this.hooks.onNotice(choice.fallbackReason);
    }
    await s.warmUp(data, gradient);
  }

  /** The active backend failed at `step`: move to cpu, say so, and keep off the failed one from now on. */
  async abandonActive(step: number, error: unknown): Promise<void> {
    const s = await this.load();
    const from = this.active;
    if (from) this.failed.add(from);
    const why = error instanceof Error ? error.message : String(error);
    this.hooks.onNotice(
      `${String(from)} stopped at step ${String(step)} (${why}). Training goes on from the same a on the CPU backend.`,
    );
    const choice = await s.chooseBackend('cpu');
    this.active = choice.name;
    this.advice = '';
  }

  /**
   * Time the backends at this n; training must be idle. Without `names` all three, which loads the
   * wasm binary; the page's own first check compares only what is already loaded.
   */
  async compare(
    data: Dataset,
    gradient: Gradient,
    names?: readonly BackendName[],
    stop: () => boolean = () => false,
  ): Promise<string> {
    const s = await this.load();
    if (!this.active) return '';
    const timings = await s.compareBackends(data, this.active, gradient, names, stop);
    // A comparison cut short says nothing: the advice is kept as it was.
    if (!stop()) this.advice = s.backendAdvice(timings, this.active, data.x0.length);
    return this.advice;
  }
}
