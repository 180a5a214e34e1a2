/** The one module that imports KaTeX. */
import katex from 'katex';

/** Render every element marked with data-tex under root. trust stays off: no \href, no HTML. */
export function renderAllMath(root: ParentNode): void {
  // Prerendered math (build time) is already typeset.
  for (const el of root.querySelectorAll<HTMLElement>('[data-tex]:not(.rendered)')) {
    renderMath(el, el.dataset.tex ?? '', el.classList.contains('display'));
  }
}

/**
 * Typeset math by source, newest last. A new run re-renders its whole stability explanation, of
 * which an lr move changes one formula; the other six come from here as copies (KaTeX took 3–4 ms
 * of each slider move for them).
 */
const typeset = new Map<string, HTMLElement>();
const TYPESET_KEPT = 64;

export function renderMath(el: HTMLElement, tex: string, displayMode: boolean): void {
  const key = `${displayMode ? 'display' : 'inline'} ${tex}`;
  let done = typeset.get(key);
  if (done) typeset.delete(key);
  else {
    done = document.createElement('span');
    katex.render(tex, done, { displayMode, throwOnError: false, trust: false, output: 'htmlAndMathml' });
  }
  typeset.set(key, done);
  if (typeset.size > TYPESET_KEPT) typeset.delete(typeset.keys().next().value!);
  el.replaceChildren(...Array.from(done.cloneNode(true).childNodes));
  el.classList.add('rendered');
}
