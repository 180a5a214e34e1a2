/**
 * Build step: the KaTeX fonts cut down to the characters of the page's equations, so that first
 * paint fetches ~20 KB of fonts instead of ~50.
 *
 * Each KaTeX @font-face keeps its full font and gains a second rule after it: the same family and
 * style, the subset file, and a unicode-range of the subset's characters. Browsers pick the last
 * rule whose range covers a character (CSS Fonts 4, §4.5), and fetch a font file only when a
 * character needs it: the page's math loads only subsets, while anything typeset later with other
 * characters still finds the full font.
 */
import { createHash } from 'node:crypto';
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import type { Plugin } from 'vite';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** The code points of the text in `html`: tags dropped, character references decoded. */
export function textCodePoints(html: string): Set<number> {
  const text = html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref.toLowerCase()] ?? whole;
    const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return String.fromCodePoint(cp);
  });
  return new Set(Array.from(text, (c) => c.codePointAt(0)!));
}

/** Every code point but these: what a full font's rule covers when the page uses characters it lacks. */
export function allBut(codePoints: Iterable<number>): number[][] {
  const holes = [...new Set(codePoints)].sort((a, b) => a - b);
  const runs: number[][] = [];
  let from = 0;
  for (const hole of [...holes, 0x110000]) {
    if (hole > from) runs.push([from, hole - 1]);
    from = hole + 1;
  }
  return runs;
}

function rangeText(start: number, end: number): string {
  const hex = (n: number): string => n.toString(16).toUpperCase();
  return start === end ? `U+${hex(start)}` : `U+${hex(start)}-${hex(end)}`;
}

/** A CSS unicode-range for the code points, runs written as ranges: "U+28-29,U+2B". */
export function unicodeRange(codePoints: Iterable<number>): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!;
    while (i + 1 < sorted.length && sorted[i + 1] === sorted[i]! + 1) i++;
    const end = sorted[i]!;
    parts.push(rangeText(start, end));
  }
  return parts.join(',');
}

const FONT_FACE = /@font-face\{[^}]*font-family:KaTeX_[^}]*src:url\(\.\/([^)]+\.woff2)\)[^}]*\}/g;

/** `mathHtml`: every equation the page may typeset, prerendered or live, as KaTeX HTML. */
export function katexFontSubsets(mathHtml: () => string): Plugin {
  return {
    name: 'simplest-nn:katex-font-subsets',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const used = textCodePoints(mathHtml());
      for (const css of Object.values(bundle)) {
        if (css.type !== 'asset' || !css.fileName.endsWith('.css') || typeof css.source !== 'string') continue;
        const dir = css.fileName.slice(0, css.fileName.lastIndexOf('/') + 1);
        const rules = [...css.source.matchAll(FONT_FACE)];
        if (rules.length === 0) continue;
        let source = css.source;
        for (const [rule, file] of rules) {
          const font = bundle[dir + file!];
          if (font?.type !== 'asset' || typeof font.source === 'string') continue;
          const full = Buffer.from(font.source);
          const parsed = fontkit.create(full);
          if (!('characterSet' in parsed)) continue;
          const has = new Set(parsed.characterSet);
          const keep = [...used].filter((cp) => has.has(cp));
          if (keep.length === 0) continue;
          // A character the font lacks (KaTeX's U+200B struts, say) would make the browser fetch the
          // full font only to find it missing: the full font's rule leaves such characters out.
          const lacks = [...used].filter((cp) => !has.has(cp));
          const fullRule = lacks.length
            ? rule.replace(
                /\}$/,
                `;unicode-range:${allBut(lacks)
                  .map(([a, b]) => rangeText(a!, b!))
                  .join(',')}}`,
              )
            : rule;
          const subset = await subsetFont(full, String.fromCodePoint(...keep), { targetFormat: 'woff2' });
          const hash = createHash('sha256').update(subset).digest('base64url').slice(0, 8);
          const name = file!.replace(/-[\w-]{8}\.woff2$/, '') + `-subset-${hash}.woff2`;
          this.emitFile({ type: 'asset', fileName: dir + name, source: subset });
          const subsetRule = rule
            .replace(`url(./${file!})`, `url(./${name})`)
            .replace(/\}$/, `;unicode-range:${unicodeRange(keep)}}`);
          source = source.replace(rule, fullRule + subsetRule);
        }
        css.source = source;
      }
    },
  };
}
