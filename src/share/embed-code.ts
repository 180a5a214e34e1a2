import { h } from '../notebook/dom';
import type { Snippet } from './snippets';

interface Part {
  snippet: Snippet['id'];
  /** A file's path, or 'use' for what goes in a post. */
  part: string;
  box: HTMLTextAreaElement;
}

function codeOf(s: Snippet, part: string): string {
  return part === 'use' ? s.use : (s.files.find((f) => f.path === part)?.code ?? '');
}

/**
 * "Copy embed code": the snippets for the current Params, one per blog engine; each file to save
 * once and the line for a post in a box of its own with its own Copy. They are made when the box
 * opens or a Copy is pressed (the Params may have changed since).
 */
export function embedCode(snippets: () => Snippet[], copy: (text: string, what: string) => Promise<void>): HTMLElement {
  const parts: Part[] = [];
  const refresh = (): void => {
    const now = snippets();
    for (const p of parts)
      p.box.value = codeOf(
        now.find((s) => s.id === p.snippet)!,
        p.part,
      );
  };
  const box = (s: Snippet, part: string, label: string): HTMLElement[] => {
    const area = h('textarea', { class: 'snippet', readonly: true, rows: '3', 'aria-label': label, 'data-part': part });
    parts.push({ snippet: s.id, part, box: area });
    const button = h('button', { type: 'button', class: 'btn btn-small', 'data-share': `embed-${s.id}` }, 'Copy');
    button.addEventListener('click', () => {
      refresh();
      void copy(area.value, label);
    });
    return [area, button];
  };
  const rows = snippets().map((s) =>
    h(
      'div',
      { class: 'snippet-row', 'data-snippet': s.id },
      h('p', { class: 'hint' }, h('strong', {}, s.label), ` ${s.how}`),
      ...s.files.flatMap((f) => [
        h('p', { class: 'hint' }, h('code', {}, f.path)),
        ...box(s, f.path, `${s.label} file`),
      ]),
      ...box(s, 'use', `${s.label} embed code`),
    ),
  );
  const embed = h(
    'details',
    { class: 'embed-code' },
    h('summary', { 'data-share': 'embed' }, 'Copy embed code'),
    ...rows,
  );
  refresh();
  embed.addEventListener('toggle', refresh);
  return embed;
}
