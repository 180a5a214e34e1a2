/**
 * tfjs-core reads every query parameter with decodeURIComponent when it loads (looking for its
 * `tfjsflags`), and throws on a stray "%", which would stop the page. A link like `?n=%` is
 * rewritten first, in place, as URLSearchParams reads it: same names and values, "%" escaped.
 */
export function repairQueryEscapes(): void {
  try {
    decodeURIComponent(location.search);
  } catch {
    const search = new URLSearchParams(location.search).toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  }
}

/** How long the Params rest before the address follows them. */
const QUIET_MS = 200;

/**
 * Keeps the address bar's query in step with the newest Params, once they have rested for QUIET_MS:
 * history.replaceState took 3–8 ms here, and a dragged slider or point changes the Params on every
 * frame; the reader needs each new run on screen, and the link only when they stop.
 */
export class QueryWriter {
  private query: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  write(query: string): void {
    this.query = query;
    clearTimeout(this.timer);
    // A hidden page gets no frames and may be closed soon; its address is written at once.
    if (document.hidden) this.flush();
    else this.timer = setTimeout(() => this.flush(), QUIET_MS);
  }

  private flush(): void {
    if (this.query === null) return;
    const search = this.query;
    this.query = null;
    if (location.search !== search) history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
  }
}
