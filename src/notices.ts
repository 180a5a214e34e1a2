import { h } from './notebook/dom';

/** Visible notices (bad URL values, backend fallback). Always text, never HTML. */
export function showNotices(el: HTMLElement, notices: readonly string[]): void {
  el.hidden = notices.length === 0;
  el.replaceChildren(...notices.map((n) => h('p', { class: 'notice' }, n)));
}
