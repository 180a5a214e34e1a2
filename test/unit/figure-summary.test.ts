import { describe, expect, it } from 'vitest';
import { figureSummaries } from '../../src/core/figure-summary';
import { RunHistory } from '../../src/core/history';
import { batchOf } from './fixtures';

function history(losses: number[], as: [number, number][], steps = 100): RunHistory {
  const h = new RunHistory(steps, [-1, 1]);
  h.append(batchOf(Float32Array.from(losses), Float32Array.from(as.flat())));
  return h;
}

describe('figureSummaries', () => {
  const base = { n: 100, noise: 1, aTrue: [3, 2] as const, aStar: [2.9, 2.05] as const, drawn: 100 };

  it('describes the run at the viewed step, with its first and last loss', () => {
    const h = history(
      [8, 4, 2],
      [
        [0, 1.5],
        [1, 1.8],
        [2, 1.9],
      ],
    );
    const s = figureSummaries({ ...base, history: h, step: 2 });
    expect(s.loss).toContain('over 2 of 100 steps');
    expect(s.loss).toContain('8 at step 0, 4 at step 1');
    expect(s.fit).toContain('after 2 steps, the line y = 1·x + 1.8');
    expect(s.landscape).toContain('from a_init (-1, 1) to (1, 1.8)');
    expect(s.landscape).toContain('minimum is at (2.9, 2.05)');
    expect(s.data).toContain('100 points');
    expect(s.data).not.toContain('shown');
  });

  it('says when nothing has run, when a subsample is drawn, and when the run diverged', () => {
    const empty = figureSummaries({ ...base, history: new RunHistory(10, [0, 0]), step: 0 });
    expect(empty.loss).toMatch(/No steps/);
    const big = figureSummaries({ ...base, n: 1_000_000, drawn: 2000, history: new RunHistory(10, [0, 0]), step: 0 });
    expect(big.data).toContain('2,000 of 1,000,000 points shown');
    const h = history(
      [1, 10, Infinity],
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    );
    const d = figureSummaries({ ...base, aStar: null, history: h, step: 3 });
    expect(d.loss).toContain('diverged at step 2');
    expect(d.landscape).toContain('no single minimum');
    expect(d.fit).toMatch(/y = 0·x \+ 0/);
  });
});
