/** The one module that imports KaTeX. */
import katex from 'katex';

/** Render every element marked with data-tex under root. trust stays off: no \href, no HTML. */
export function renderAllMath(root: ParentNode): void {
  // Prerendered math (build time) is already typeset.
  for (const el of root.querySelectorAll<HTMLElement>('[data-tex]:not(.rendered)')) {
    renderMath(el, el.dataset.tex ?? '', el.classList.contains('display'));
  }
}

export function renderMath(el: HTMLElement, tex: string, displayMode: boolean): void {
  katex.render(tex, el, { displayMode, throwOnError: false, trust: false, output: 'htmlAndMathml' });
  el.classList.add('rendered');
}
