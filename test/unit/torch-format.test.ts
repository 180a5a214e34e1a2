import { describe, expect, it } from 'vitest';
import { makeLine } from '../../src/core/dataset';
import { pyExp, pyFixed, roundScaled, roundScaledExactly } from '../../src/core/exact-decimal';
import { formatLoss, formatMatrix, formatParameter, formatVector, formatXHead } from '../../src/core/torch-format';
import { formatCases, num, torchRuns } from './fixtures';

describe('Python float formatting', () => {
  it('rounds exact binary ties to even, as Python does and toFixed does not', () => {
    expect(pyFixed(0.03125, 4)).toBe('0.0312');
    expect((0.03125).toFixed(4)).toBe('0.0313');
    expect(pyFixed(0.09375, 4)).toBe('0.0938');
    expect(pyFixed(2.5, 0)).toBe('2');
    expect(pyFixed(-0, 0)).toBe('-0');
  });

  it('rounds as the exact path does, near ties and far from them, at every scale the printing uses', () => {
    // A fixed LCG: the same 60,000 values each run, float32 ones (what tfjs holds) among them.
    let state = 12345;
    const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 60_000; k++) {
      const digits = Math.floor(next() * 12) - 2;
      const raw = (next() - 0.5) * 10 ** (Math.floor(next() * 24) - 8);
      const x = k % 2 ? Math.fround(raw) : raw;
      expect(roundScaled(x, digits), `${String(x)} at ${String(digits)}`).toBe(roundScaledExactly(x, digits));
    }
    // Exact ties and values one ulp either side of them.
    for (const t of [0.03125, 0.09375, 2.5, 0.5, 1.5, 0.125, 1e-4 * 0.5]) {
      for (const x of [t, t * (1 + 2 ** -52), t * (1 - 2 ** -53)]) {
        for (const digits of [0, 1, 2, 3, 4, 5]) expect(roundScaled(x, digits)).toBe(roundScaledExactly(x, digits));
      }
    }
  });

  it('writes exponents with a sign and two digits', () => {
    expect(pyExp(7.5263e-5, 4)).toBe('7.5263e-05');
    expect(pyExp(1e10, 4)).toBe('1.0000e+10');
    expect(pyExp(9.99996e-5, 4)).toBe('1.0000e-04'); // the carry into a new digit
    expect(pyExp(9.99995e-5, 4)).toBe('9.9999e-05'); // just below the tie in binary
    expect(pyExp(1e-300, 4)).toBe('1.0000e-300');
  });
});

describe.each(formatCases())('PyTorch printing of $kind $values', (c) => {
  it('equals str() from PyTorch', () => {
    const v = c.values.map(num);
    const s =
      c.kind === 'loss'
        ? formatLoss(v[0]!)
        : c.kind === 'matrix'
          ? formatMatrix(v, c.shape![0], c.shape![1])
          : formatVector(v);
    expect(s).toBe(c.str);
  });
});

describe.each(torchRuns())('printed outputs of fixture $name', (run) => {
  const data = makeLine(run.params);

  it('x[:5]', () => expect(formatXHead(data.x0)).toBe(run.printed.x_head));
  it('a = tensor(3., 2)', () => expect(formatVector([3, 2])).toBe(run.printed.a_true));
  it('the initial Parameter', () => expect(formatParameter(data.aInit)).toBe(run.printed.a_init));
  it('every 10th loss from the PyTorch losses', () => {
    const printed = run.losses.filter((_, t) => t % 10 === 0).map((l) => formatLoss(Math.fround(num(l))));
    expect(printed).toEqual(run.printed.losses);
  });
  it('the final Parameter from the PyTorch a', () => {
    const last = run.a_path[run.a_path.length - 1]!;
    expect(formatParameter(last.map(num))).toBe(run.printed.a_final);
  });
});
