import { h } from '../notebook/dom';
import type { Snippets } from './snippets';

/**
 * "Copy embed code": the snippets for the current Params, made when the box opens or a Copy is
 * pressed (the Params may have changed since).
 */
export function embedCode(snippets: () => Snippets, copy: (text: string, what: string) => Promise<void>): HTMLElement {
  const scriptBox = h('textarea', {
    class: 'snippet',
    readonly: true,
    rows: '3',
    'aria-label': 'Embed with the script',
  });
  const iframeBox = h('textarea', {
    class: 'snippet',
    readonly: true,
    rows: '3',
    'aria-label': 'Embed as a plain iframe',
  });
  const refreshSnippets = (): void => {
    const s = snippets();
    scriptBox.value = s.script;
    iframeBox.value = s.iframe;
  };
  const copyScript = h('button', { type: 'button', class: 'btn', 'data-share': 'embed-script' }, 'Copy');
  const copyIframe = h('button', { type: 'button', class: 'btn', 'data-share': 'embed-iframe' }, 'Copy');
  copyScript.addEventListener('click', () => {
    refreshSnippets();
    void copy(scriptBox.value, 'Embed code');
  });
  copyIframe.addEventListener('click', () => {
    refreshSnippets();
    void copy(iframeBox.value, 'Iframe code');
  });
  const embed = h(
    'details',
    { class: 'embed-code' },
    h('summary', { 'data-share': 'embed' }, 'Copy embed code'),
    h('p', { class: 'hint' }, 'One script tag; the frame sizes itself and pauses off-screen:'),
    scriptBox,
    copyScript,
    h('p', { class: 'hint' }, 'Or a plain iframe at a fixed height, where scripts are not allowed:'),
    iframeBox,
    copyIframe,
  );
  embed.addEventListener('toggle', refreshSnippets);

  return embed;
}
