import { toPairs } from '../params/query';
import type { Params } from '../params/table';

/** HTML attribute values: the params are numbers and fixed words, but escape them all the same. */
function attr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface Snippets {
  /** One script tag plus the element: sizes itself, pauses off-screen. */
  script: string;
  /** A plain iframe at a fixed height, for hosts that do not allow scripts. */
  iframe: string;
}

/** The embed snippets for these params, pointing at the site at `siteBase` (ending in '/'). */
export function embedSnippets(params: Params, siteBase: string): Snippets {
  const pairs = toPairs(params);
  const attrs = pairs.map(([k, v]) => ` ${k}="${attr(v)}"`).join('');
  const query = new URLSearchParams(pairs).toString();
  const src = `${siteBase}embed.html${query ? `?${query}` : ''}`;
  return {
    script: `<script src="${attr(siteBase)}embed.js" async></script>\n<simplest-nn${attrs}></simplest-nn>`,
    iframe:
      `<iframe src="${attr(src)}" width="100%" height="900" style="border:0" loading="lazy" ` +
      `title="The simplest neural network, trained live by gradient descent"></iframe>`,
  };
}
