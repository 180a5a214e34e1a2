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

/**
 * Keeps the address bar's query in step with the newest Params, written after the next frame:
 * history.replaceState took about 3 ms of each slider move here, and the reader needs the new
 * run on screen before the new link. A dragged slider writes the URL at most once a frame.
 */
export class QueryWriter {
  private query: string | null = null;

  write(query: string): void {
    const first = this.query === null;
    this.query = query;
    if (!first) return;
    // A hidden page gets no frames; its address is written at once.
    if (document.hidden) this.flush();
    else requestAnimationFrame(() => setTimeout(() => this.flush(), 0));
  }

  private flush(): void {
    if (this.query === null) return;
    const search = this.query;
    this.query = null;
    if (location.search !== search) history.replaceState(null, '', `${location.pathname}${search}${location.hash}`);
  }
}
