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
