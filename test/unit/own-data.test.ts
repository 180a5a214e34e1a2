import { describe, expect, it } from 'vitest';
import { deriveRun, type DataRun } from '../../src/controller/run';
import { makeData } from '../../src/core/dataset';
import {
  describeProblem,
  MAX_URL_POINTS,
  readPoints,
  readPointsAsync,
  ROWS_PER_CHUNK,
  writeCsv,
  writeLinkPoints,
  type ReadResult,
} from '../../src/core/own-data';
import { keepsRange } from '../../src/core/ranges';
import { formatVector, formatXHead } from '../../src/core/torch-format';
import { applyChange, parseParams, toQuery } from '../../src/params/query';
import { dataKey } from '../../src/params/same';
import { defaultParams } from '../../src/params/table';
import { optimRuns } from './fixtures';

// The reader's own points: what is read, what is refused (naming the line and the reason), and how
// they travel through the link, the host API and the data key.

const problem = (r: ReadResult): string => (r.ok ? 'read' : describeProblem(r.problem, 'csv'));

describe('reading a CSV', () => {
  it('reads x,y rows, with an optional header, blank lines, CRLF and tabs', () => {
    const r = readPoints('x,y\r\n-0.9, 0.3\r\n\r\n-0.2,1.4\n0.1\t2.2\n', 'csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Array.from(r.data.x)).toEqual([-0.9, -0.2, 0.1]);
    expect(Array.from(r.data.y)).toEqual([0.3, 1.4, 2.2]);
  });

  it.each([
    ['x,y\n1,2\n3,abc\n', 'line 3: y: "abc" is not a number'],
    ['1,2\nNaN,3\n', 'line 2: x: "NaN" is not a finite number'],
    ['1,2\n2,-Infinity\n', 'line 2: y: "-Infinity" is not a finite number'],
    ['1,2\n1e999,3\n', 'line 2: x: "1e999" overflows float32 (largest 3.4e38)'],
    ['1,2\n4e38,3\n', 'line 2: x: "4e38" overflows float32 (largest 3.4e38)'],
    ['1,2\n3,4,5\n', 'line 2: 3 columns; each line needs 2: x,y'],
    ['1,2\n3\n', 'line 2: 1 column; each line needs 2: x,y'],
    ['x,y\n1,2\n', 'only 1 point: a line needs at least 2'],
    ['x,y\n', 'no points: a line needs at least 2'],
    ['1,2\n0x10,3\n', 'line 2: x: "0x10" is not a number'],
    ['1,2\n,3\n', 'line 2: x: an empty cell'],
    // Only the first row can be a header: a word later is an error.
    ['1,2\nx,y\n', 'line 2: x: "x" is not a number'],
  ])('%j is refused: %s', (text, reason) => {
    expect(problem(readPoints(text, 'csv'))).toBe(reason);
  });

  it('refuses more than a million rows, naming the first one too many', () => {
    const rows = Array.from({ length: 1_000_001 }, (_, i) => `${i % 7},1`).join('\n');
    expect(problem(readPoints(rows, 'csv'))).toBe(
      'line 1000001: more than 1,000,000 rows; the page trains at most 1,000,000 points',
    );
  });

  it('reads a million rows in chunks, and the chunks give what one pass gives', async () => {
    const rows = ['x,y', ...Array.from({ length: 1_000_000 }, (_, i) => `${(i / 1e6).toFixed(6)},${i % 13}`)];
    const text = rows.join('\n');
    let pauses = 0;
    const chunked = await readPointsAsync(text, () => {
      pauses++;
      return Promise.resolve();
    });
    const whole = readPoints(text, 'csv');
    // A pause every chunk of rows, and one before the columns are assembled.
    expect(pauses).toBe(1_000_000 / ROWS_PER_CHUNK + 1);
    expect(chunked.ok && whole.ok && chunked.data.key === whole.data.key).toBe(true);
    if (chunked.ok) expect([chunked.data.x[999_999], chunked.data.y[999_999]]).toEqual([0.999999, 999_999 % 13]);
  });
});

describe('points in a link', () => {
  it('data=x,y;x,y sets the points and n, and the link writes them back as given', () => {
    const { params, notices } = parseParams('data=-3,-4.2;-1.5,-1.1;0,2.3&n=50');
    expect(notices).toEqual(['n=50 does not apply: your data has 3 points.']);
    expect(params.n).toBe(3);
    expect(Array.from(params.data!.y)).toEqual([-4.2, -1.1, 2.3]);
    expect(toQuery(params)).toBe('?n=3&data=-3%2C-4.2%3B-1.5%2C-1.1%3B0%2C2.3');
    expect(parseParams(toQuery(params)).params.data!.key).toBe(params.data!.key);
  });

  it('more than 500 points are refused, and the previous data stays', () => {
    const first = parseParams('data=0,1;1,2').params;
    const many = Array.from({ length: MAX_URL_POINTS + 1 }, (_, i) => `${i},1`).join(';');
    const { params, notices } = applyChange(first, { data: many });
    expect(notices).toEqual([
      'data: point 501: more than 500 points; a link carries at most 500 (paste or upload larger sets as a CSV); your previous points are kept.',
    ]);
    expect(params.data!.key).toBe(first.data!.key);
  });

  it('a set larger than a link can carry is left out of it (Copy link says so)', () => {
    const big = readPoints(Array.from({ length: 501 }, (_, i) => `${i},1`).join('\n'), 'csv');
    expect(big.ok).toBe(true);
    if (!big.ok) return;
    expect(writeLinkPoints(big.data)).toBeNull();
    expect(toQuery({ ...defaultParams(), data: big.data, n: 501 })).toBe('?n=501');
    expect(writeCsv(big.data).split('\n').slice(0, 3)).toEqual(['x,y', '0,1', '1,1']);
  });

  it('points handed over as an object are checked, and their key computed again', () => {
    const bad = { x: Float64Array.from([0, NaN]), y: Float64Array.from([1, 2]), key: 'forged' };
    expect(applyChange(defaultParams(), { data: bad }).notices).toEqual([
      'data: point 2: NaN is not a finite float32 number; the points given were ignored.',
    ]);
    const good = { x: Float64Array.from([0, 1]), y: Float64Array.from([1, 2]), key: 'forged' };
    const { params } = applyChange(defaultParams(), { data: good });
    expect(params.data!.key).toBe(parseParams('data=0,1;1,2').params.data!.key);
    expect(applyChange(defaultParams(), { data: { x: [0, 1], y: [1, 2], key: 'k' } }).notices).toEqual([
      'data: points must be two columns of numbers of one length; the points given were ignored.',
    ]);
  });

  it('a host page sets points as [[x, y], …], and null goes back to the post’s data and n', () => {
    const { params } = applyChange(defaultParams(), {
      data: [
        [1, 5],
        [2, 7],
      ],
    });
    expect(params.n).toBe(2);
    expect(Array.from(params.data!.x)).toEqual([1, 2]);
    const back = applyChange(params, { data: null }).params;
    expect([back.data, back.n]).toEqual([null, defaultParams().n]);
    expect(applyChange(params, { data: [[1, 'a']] }).notices).toEqual([
      'data: point 1: y: "a" is not a number; your previous points are kept.',
    ]);
  });
});

describe('the data key and the dataset', () => {
  it('changes exactly when a point or the seed does; noise does not apply to own points', () => {
    const p = parseParams('data=0,1;1,2').params;
    const same = parseParams('data=0,1;1,2&noise=1').params;
    const moved = parseParams('data=0,1;1,2.0000001').params;
    expect(dataKey(same)).toBe(dataKey(p));
    expect(dataKey(moved)).not.toBe(dataKey(p));
    expect(dataKey({ ...p, seed: 7 })).not.toBe(dataKey(p));
  });

  it.each(optimRuns().filter((r) => r.data))('$name: x, y and a_init are PyTorch’s', (run) => {
    const text = run.data!.map(([x, y]) => `${x},${y}`).join('\n');
    const read = readPoints(text, 'csv');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const d = makeData({ ...defaultParams(), seed: run.params.seed, data: read.data, n: read.data.x.length });
    expect(Array.from(d.x0)).toEqual(run.x0);
    expect(Array.from(d.y)).toEqual(run.y);
    expect(d.aInit).toEqual(run.a_init);
    // The program's first cells print x[:5] and y[:5] as PyTorch does.
    expect(formatXHead(d.x0)).toBe(run.x_head_str);
    expect(formatVector(d.y.subarray(0, 5))).toBe(run.y_head_str);
  });
});

describe('the scatter axes while points are edited', () => {
  const five = 'x,y\n-0.9,0.3\n-0.2,1.4\n0.1,2.2\n0.5,3.1\n0.8,3.9';
  const runOf = (text: string, previous?: DataRun) => {
    const read = readPoints(text, 'csv');
    if (!read.ok) throw new Error('unread');
    return deriveRun(applyChange(defaultParams(), { data: read.data }).params, previous);
  };

  it('keep a range only while it holds what must show and is at most twice as wide as the fresh one', () => {
    expect(keepsRange([0, 10], [1, 9], [0, 6])).toBe(true);
    expect(keepsRange([0, 10], [1, 11], [0, 12])).toBe(false);
    expect(keepsRange([0, 10], [1, 2], [1, 4])).toBe(false);
  });

  it('hold while they still hold the points, though a* (and with it the fit’s range) moves', () => {
    const first = runOf(five);
    const moved = runOf(five.replace('0.8,3.9', '0.8,5.5'), first);
    expect(moved.aStar).not.toEqual(first.aStar);
    // The fresh range, as a first run of these points would have it, differs: it is not what shows.
    expect(runOf(five.replace('0.8,3.9', '0.8,5.5')).yRange).not.toEqual(first.yRange);
    expect(moved.yRange).toBe(first.yRange);
    expect(moved.sample.xRange).toBe(first.sample.xRange);
  });

  it('the landscape keeps its window while it holds the disk a* moved in; a far move gets a new one', () => {
    const first = runOf(five);
    const nudged = runOf(five.replace('0.8,3.9', '0.8,3.95'), first);
    expect(nudged.aStar).not.toEqual(first.aStar);
    expect(runOf(five.replace('0.8,3.9', '0.8,3.95')).window).not.toEqual(first.window);
    expect(nudged.window).toBe(first.window);
    // Every converging path still stays inside it: the disk around a* through a_init.
    const [c, a0] = [nudged.aStar!, nudged.data.aInit];
    const r = Math.hypot(a0[0] - c[0], a0[1] - c[1]);
    expect(nudged.window.a1[0]).toBeLessThan(c[0] - r);
    expect(nudged.window.a2[1]).toBeGreaterThan(c[1] + r);
    const far = runOf(five.replace('0.8,3.9', '0.8,40'), first);
    expect(far.window).toEqual(runOf(five.replace('0.8,3.9', '0.8,40')).window);
    // The loss axes hold too (the fresh curve's range differs), and follow a curve that leaves them.
    expect(runOf(five.replace('0.8,3.9', '0.8,3.95')).figure.lossLogRange).not.toEqual(first.figure.lossLogRange);
    expect(nudged.figure.lossLogRange).toBe(first.figure.lossLogRange);
    expect(far.figure.lossLogRange).toEqual(runOf(five.replace('0.8,3.9', '0.8,40')).figure.lossLogRange);
    // The post's data has its own window, whatever points came before.
    expect(deriveRun(defaultParams(), first).window).toEqual(deriveRun(defaultParams()).window);
  });

  it('grow when a point leaves them, and shrink to a new data set far smaller', () => {
    const first = runOf(five);
    const out = runOf(five.replace('0.8,3.9', '0.8,40'), first);
    expect(out.yRange[1]).toBeGreaterThan(40);
    const tiny = runOf('x,y\n0,1\n0.01,1.01\n0.02,1.02', first);
    expect(tiny.yRange[1] - tiny.yRange[0]).toBeLessThan((first.yRange[1] - first.yRange[0]) / 2);
    expect(tiny.yRange).toEqual(runOf('x,y\n0,1\n0.01,1.01\n0.02,1.02').yRange);
  });
});
