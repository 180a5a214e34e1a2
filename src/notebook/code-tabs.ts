import type { Params } from '../params/table';
import type { CodeCell } from './cells';
import { h } from './dom';

let tabGroup = 0;

/**
 * A code cell's PyTorch and TensorFlow.js tabs (WAI-ARIA tabs: arrow keys move between them). Each
 * panel's code is refilled with the current Params through `refill`.
 */
export function codeTabs(
  cell: CodeCell,
  index: number,
  refill: ((p: Params) => void)[],
): { tabs: HTMLElement; panels: HTMLElement[] } {
  const id = `cell${index}-${tabGroup++}`;
  const langs = [
    { key: 'py', label: 'PyTorch', code: cell.pytorch },
    { key: 'js', label: 'TensorFlow.js', code: cell.tfjs },
  ];
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': `In [${index}] code language` });
  const panels: HTMLElement[] = [];
  const buttons: HTMLButtonElement[] = [];
  langs.forEach((lang, i) => {
    const tab = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `${id}-${lang.key}-tab`,
        'aria-controls': `${id}-${lang.key}`,
        'aria-selected': i === 0 ? 'true' : 'false',
        tabindex: i === 0 ? '0' : '-1',
      },
      lang.label,
    );
    const codeEl = h('code', { class: `language-${lang.key}` });
    const panel = h(
      'pre',
      { class: 'code', role: 'tabpanel', id: `${id}-${lang.key}`, 'aria-labelledby': tab.id, tabindex: '0' },
      codeEl,
    );
    panel.hidden = i !== 0;
    refill.push((p) => {
      codeEl.textContent = lang.code(p);
    });
    buttons.push(tab);
    panels.push(panel);
    tabs.append(tab);
  });
  const select = (i: number): void => {
    buttons.forEach((b, j) => {
      b.setAttribute('aria-selected', String(i === j));
      b.tabIndex = i === j ? 0 : -1;
      panels[j]!.hidden = i !== j;
    });
  };
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => select(i));
    b.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = (i + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length;
      select(next);
      buttons[next]!.focus();
    });
  });
  return { tabs, panels };
}
