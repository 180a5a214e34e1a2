import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { allBut, textCodePoints, unicodeRange } from '../../tools/katex-font-subsets';
import { everyTex } from '../../src/notebook/every-tex';
import { boundTex, equationTex } from '../../src/notebook/explain';
import { adamTex, optimTex } from '../../src/notebook/optim-text';

const html = (tex: string): string => katex.renderToString(tex, { output: 'htmlAndMathml', throwOnError: true });

describe('KaTeX font subsets', () => {
  it('reads the characters of HTML text, with references decoded and tags dropped', () => {
    const cps = textCodePoints('<span class="a&lt;b">x&lt;1&#x3bb;&#955;&amp;</span>\u200B');
    expect([...cps].map((c) => String.fromCodePoint(c)).sort()).toEqual(
      ['&', '1', '<', 'x', '\u03BB', '\u200B'].sort(),
    );
  });

  it('writes runs of code points as ranges', () => {
    expect(unicodeRange([0x29, 0x28, 0x2b, 0x3bb, 0x28])).toBe('U+28-29,U+2B,U+3BB');
  });

  it('covers every other code point when some are left out', () => {
    expect(allBut([0x200b, 0])).toEqual([
      [1, 0x200a],
      [0x200c, 0x10ffff],
    ]);
    expect(allBut([])).toEqual([[0, 0x10ffff]]);
  });

  it('keeps every character the live equations can show, whatever the numbers', () => {
    const kept = textCodePoints(everyTex().map(html).join(''));
    const values = [0, -0, 1e-7, -3.25, 2.999999, 12345.678, -98765.4321, 0.5];
    const runtime = [
      ...values.flatMap((a) => values.map((b) => equationTex([a, b]))),
      ...values.flatMap((v) =>
        Object.values(
          boundTex(Math.abs(v), { lambdaMin: v, lambdaMax: 2 * v + 1, lrBound: v / 3, lrFastest: v * 7 }, [v, -v, 3]),
        ),
      ),
      ...values.flatMap((v) => [
        ...Object.values(
          optimTex({ lambdaMin: Math.abs(v) + 0.1, lambdaMax: 2 * Math.abs(v) + 1, lrBound: 1, lrFastest: 1 }, v, -v),
        ),
        ...Object.values(adamTex([v, -v], [v * 3, -v / 7])),
      ]),
    ];
    const missing = [...textCodePoints(runtime.map(html).join(''))].filter((cp) => !kept.has(cp));
    expect(missing.map((c) => String.fromCodePoint(c))).toEqual([]);
  });
});
