import { h } from '../notebook/dom';
import type { Preset } from '../presets';

/** One button per preset, each with its sentence of explanation beside it. */
export function renderPresets(el: HTMLElement, presets: readonly Preset[], onPick: (p: Preset) => void): void {
  el.replaceChildren(
    h(
      'ul',
      { class: 'presets' },
      ...presets.map((p) => {
        const id = `preset-${p.id}-why`;
        const b = h(
          'button',
          { type: 'button', class: 'btn preset', 'data-preset': p.id, 'aria-describedby': id },
          p.label,
        );
        b.addEventListener('click', () => onPick(p));
        return h('li', {}, b, h('span', { class: 'preset-why', id }, p.explain));
      }),
    ),
  );
}
