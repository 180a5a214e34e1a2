import { describe, expect, it } from 'vitest';
import { gradientNote } from '../../src/controls/backend-row';
import { defaultParams } from '../../src/params/table';

describe('gradientNote', () => {
  const at = (n: number, grad: 'autodiff' | 'closed') => ({ ...defaultParams(), n, grad });

  it('names the path the closed form really takes: the fused kernel only where it runs', () => {
    expect(gradientNote(at(100, 'closed'), true)).toContain('one fused WebGL pass');
    // WebGL 1, half-float render targets, cpu, wasm: plain tfjs ops.
    expect(gradientNote(at(100, 'closed'), false)).toContain('plain TensorFlow.js ops');
  });

  it('suggests the closed form at large n only where the fused kernel would run', () => {
    expect(gradientNote(at(1_000_000, 'autodiff'), true)).toMatch(/^At n = 1,000,000, .*one fused pass/);
    expect(gradientNote(at(99_999, 'autodiff'), true)).toContain('loss.backward()');
    expect(gradientNote(at(1_000_000, 'autodiff'), false)).toContain('loss.backward()');
  });
});
