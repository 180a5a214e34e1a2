/** A tiny element builder. Text always goes in as text nodes: nothing here parses HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false) continue;
    el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children);
  return el;
}

/**
 * Set an element's text only when it differs. Rewriting the same text still replaces the text
 * node, and the page repaints: in headless Chromium each repainted frame is read back on the GPU
 * process's one thread, which WebGL steps then wait behind.
 */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
