import { describe, expect, it } from 'vitest';
import { makeLine } from '../../src/core/dataset';
import { TorchGenerator } from '../../src/core/torch-rng';
import { torchRuns } from './fixtures';

/** Distance in units in the last place between two float32 values. */
function ulps(a: number, b: number): number {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat32(0, a);
  buf.setFloat32(4, b);
  const ia = buf.getInt32(0);
  const ib = buf.getInt32(4);
  return Math.abs(ia - ib);
}

describe('TorchGenerator', () => {
  it('matches the reference MT19937 output for seed 5489', () => {
    // The 10000th output of std::mt19937 default-seeded is 4123659995 (C++11 standard, [rand.predef]).
    const g = new TorchGenerator(5489);
    let v = 0;
    for (let i = 0; i < 10000; i++) v = g.nextUint32();
    expect(v).toBe(4123659995);
  });

  it('keeps only the low 32 bits of the seed', () => {
    const a = new TorchGenerator(7).uniform(4, -1, 1);
    const b = new TorchGenerator(2 ** 32 + 7).uniform(4, -1, 1);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
});

describe.each(torchRuns())('dataset for fixture $name', (run) => {
  const data = makeLine(run.params);

  it('x is bit-identical to PyTorch', () => {
    expect(Array.from(data.x0)).toEqual(run.x0);
  });

  it('a_init is bit-identical to PyTorch', () => {
    expect([...data.aInit]).toEqual(run.a_init);
  });

  it('y is within 1 ulp of PyTorch', () => {
    const worst = run.y.reduce((m, v, i) => Math.max(m, ulps(v, data.y[i]!)), 0);
    expect(worst).toBeLessThanOrEqual(1);
  });
});
