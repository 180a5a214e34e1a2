import { embedHeight, frontPanels } from '../embed/layout';
import { toPairs } from '../params/query';
import { PARAM_NAMES, type Params } from '../params/table';

/** HTML attribute values: the params are numbers and fixed words, but escape them all the same. */
function attr(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const TITLE = 'The simplest neural network, trained live by gradient descent';
/** The blog column the plain iframe's fixed height is computed for. */
export const IFRAME_WIDTH = 720;

export interface SnippetFile {
  path: string;
  code: string;
}

export interface Snippet {
  id: 'html' | 'jekyll' | 'hugo' | 'astro' | 'iframe';
  label: string;
  /** Where it goes, in a sentence. */
  how: string;
  /** Files to save once in the site (an include, a shortcode, a component). */
  files: SnippetFile[];
  /** What goes in a post. */
  use: string;
  /** All of it, as the reader copies it. */
  code: string;
}

function snippet(id: Snippet['id'], label: string, how: string, files: SnippetFile[], use: string): Snippet {
  const parts = files.map((f) => f.code);
  const code = files.length ? `${parts.join('\n\n')}\n\n${use}` : use;
  return { id, label, how, files, use, code };
}

/** Jekyll: an include file that passes on exactly the parameters given. */
function jekyllInclude(site: string): SnippetFile {
  const code = [
    `{%- assign names = "${PARAM_NAMES.join(',')}" | split: "," -%}`,
    `<script src="${site}embed.js" async></script>`,
    `<simplest-nn{%- for name in names -%}{%- if include[name] %} {{ name }}="{{ include[name] | escape }}"{%- endif -%}{%- endfor -%}></simplest-nn>`,
  ].join('\n');
  return { path: '_includes/simplest-nn.html', code };
}

/** Hugo: a shortcode that passes on exactly the parameters given. */
function hugoShortcode(site: string): SnippetFile {
  const each = PARAM_NAMES.map((n) => `{{ with .Get "${n}" }} ${n}="{{ . }}"{{ end }}`).join('');
  const code = [`<script src="${site}embed.js" async></script>`, `<simplest-nn${each}></simplest-nn>`].join('\n');
  return { path: 'layouts/shortcodes/simplest-nn.html', code };
}

/** Astro (and MDX in Astro): a component. */
function astroComponent(site: string): SnippetFile {
  const code = [
    '---',
    'const params = Astro.props;',
    '---',
    `<script is:inline src="${site}embed.js" async></script>`,
    '<simplest-nn {...params}></simplest-nn>',
  ].join('\n');
  return { path: 'src/components/SimplestNN.astro', code };
}

/**
 * The embed code for these params in each blog engine's own form, pointing at the site at
 * `siteBase` (ending in '/'). Only values that differ from the defaults are written.
 */
export function embedSnippets(params: Params, siteBase: string): Snippet[] {
  const pairs = toPairs(params);
  const attrs = pairs.map(([k, v]) => ` ${k}="${attr(v)}"`).join('');
  const query = new URLSearchParams(pairs).toString();
  const src = `${siteBase}embed.html${query ? `?${query}` : ''}`;
  const site = attr(siteBase);
  const height = embedHeight(frontPanels(params.view, params.hide), IFRAME_WIDTH, params.steps);
  return [
    snippet(
      'html',
      'HTML',
      'One script tag; the frame sizes itself, pauses off-screen and can be driven from the page:',
      [],
      `<script src="${site}embed.js" async></script>\n<simplest-nn${attrs}></simplest-nn>`,
    ),
    snippet(
      'jekyll',
      'Jekyll',
      'Save _includes/simplest-nn.html once, then include it in a post:',
      [jekyllInclude(site)],
      `{% include simplest-nn.html${attrs} %}`,
    ),
    snippet(
      'hugo',
      'Hugo',
      'Save layouts/shortcodes/simplest-nn.html once, then use the shortcode in a post:',
      [hugoShortcode(site)],
      `{{< simplest-nn${attrs} >}}`,
    ),
    snippet(
      'astro',
      'MDX / Astro',
      'Save src/components/SimplestNN.astro once, then use it in an .mdx or .astro page:',
      [astroComponent(site)],
      `import SimplestNN from '../components/SimplestNN.astro';\n\n<SimplestNN${attrs} />`,
    ),
    snippet(
      'iframe',
      'iframe',
      `For hosts that strip scripts: a plain iframe at the height of a ${String(IFRAME_WIDTH)} px column.`,
      [],
      `<iframe src="${attr(src)}" width="100%" height="${String(height)}" style="border:0" loading="lazy" ` +
        `title="${TITLE}"></iframe>`,
    ),
  ];
}
