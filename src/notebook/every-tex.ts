import { CELLS } from './cells.ts';
import { boundTex, equationTex } from './explain.ts';
import { adamTex, optimTex } from './optim-text.ts';

/** Numbers in every form the page prints: all ten digits, both signs, a decimal point, exponents. */
const SAMPLE_NUMBERS = [1.2345, -6.789, 0.0001234, 98765];

/**
 * Every TeX source the page may typeset: the cells' math, and the live equations with sample
 * numbers. The build subsets the KaTeX fonts to the characters these need (vite.config.ts), so no
 * equation on the page makes the browser fetch a full font.
 */
export function everyTex(): string[] {
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v && typeof v === 'object') {
      for (const [key, value] of Object.entries(v)) {
        if ((key === 'tex' && typeof value === 'string') || key === 'equations') {
          out.push(...(Array.isArray(value) ? value.map(String) : [String(value)]));
        } else collect(value);
      }
    }
  };
  collect(CELLS);
  const [a, b, c, d] = SAMPLE_NUMBERS as [number, number, number, number];
  out.push(equationTex([a, b]), equationTex([c, d]));
  for (const lr of SAMPLE_NUMBERS) {
    const stability = { lambdaMin: a, lambdaMax: b, lrBound: c, lrFastest: d };
    out.push(...Object.values(boundTex(lr, stability, [lr, a, b])));
    out.push(...Object.values(optimTex(stability, lr, -c)), ...Object.values(adamTex([lr, a], [b, c])));
  }
  return out;
}
