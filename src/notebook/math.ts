/** The one module that imports KaTeX. */
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** Render every element marked with data-tex under root. trust stays off: no \href, no HTML. */
export function renderAllMath(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-tex]')) {
    renderMath(el, el.dataset.tex ?? '', el.classList.contains('display'));
  }
}

export function renderMath(el: HTMLElement, tex: string, displayMode: boolean): void {
  katex.render(tex, el, { displayMode, throwOnError: false, trust: false, output: 'htmlAndMathml' });
  el.classList.add('rendered');
}
