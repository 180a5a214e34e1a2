/**
 * The reader's own points: read from a CSV (pasted or uploaded), from a link's `data=x,y;x,y`, or
 * edited on the page. Bad input is refused whole, with the line and the reason, so the data the
 * page shows is never a silently partial or corrected copy of what the reader gave.
 */

/** Fewer points leave a* undefined; the model has two weights. */
export const MIN_POINTS = 2;
/** The largest n the page trains (the n slider's own maximum). */
export const MAX_ROWS = 1_000_000;
/** A link carries at most this many points; more would make an address of many kilobytes. */
export const MAX_URL_POINTS = 500;
/** Up to this many points the program shows them as literals; beyond, it reads a CSV. */
export const MAX_LITERAL_POINTS = 200;
/** Rows read between two yields of readPointsAsync: a few ms of work. */
export const ROWS_PER_CHUNK = 50_000;
/** float32's largest finite value: torch.tensor turns anything larger into inf. */
const FLOAT32_MAX = 3.4028234663852886e38;

export interface OwnData {
  /** The values as given (float64), so the program and the link write back what the reader wrote. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Equal exactly when the points are: what the page compares instead of a million numbers. */
  readonly key: string;
}

export interface DataProblem {
  /** 1-based line (CSV) or point (link) the reason is about; null when it is about the whole input. */
  readonly line: number | null;
  readonly reason: string;
}

export type ReadResult = { ok: true; data: OwnData } | { ok: false; problem: DataProblem };

export type PointsFormat = 'csv' | 'link';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** A cell as a number, or the reason it is none. */
export function readCell(raw: string): number | string {
  const s = raw.trim();
  if (s === '') return 'an empty cell';
  if (NOT_FINITE.test(s)) return `${quote(s)} is not a finite number`;
  if (!DECIMAL.test(s)) return `${quote(s)} is not a number`;
  const v = Number(s);
  if (!Number.isFinite(v) || Math.abs(v) > FLOAT32_MAX) return `${quote(s)} overflows float32 (largest 3.4e38)`;
  return v;
}

function quote(s: string): string {
  return JSON.stringify(s.length > 24 ? s.slice(0, 24) + '…' : s);
}

/** FNV-1a over the float64 bits of both columns, and n: a key that changes when any point does. */
export function keyOf(x: Float64Array, y: Float64Array): string {
  let h = 0x811c9dc5;
  for (const col of [x, y]) {
    const words = new Uint32Array(col.buffer, col.byteOffset, col.length * 2);
    for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  }
  return `${x.length}:${(h >>> 0).toString(36)}`;
}

export function ownData(x: ArrayLike<number>, y: ArrayLike<number>): OwnData {
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  return { x: xs, y: ys, key: keyOf(xs, ys) };
}

/**
 * The reader: rows split by newline (CSV) or ';' (link), cells by ',' (or a tab, as spreadsheets
 * paste). A CSV's first row may be a header when neither of its cells is a number. Yields every
 * ROWS_PER_CHUNK rows, so a million rows never hold the page for long.
 */
function* readSteps(text: string, format: PointsFormat, out: { result?: ReadResult }): Generator<void> {
  const rowSep = format === 'csv' ? '\n' : ';';
  const unit = format === 'csv' ? 'line' : 'point';
  const limit = format === 'csv' ? MAX_ROWS : MAX_URL_POINTS;
  // Typed columns that double as they fill: a million plain numbers and a copy cost a long task.
  let xs: Float64Array = new Float64Array(1024);
  let ys: Float64Array = new Float64Array(1024);
  let count = 0;
  const fail = (line: number | null, reason: string): void => {
    out.result = { ok: false, problem: { line, reason } };
  };
  let pos = 0;
  let line = 0;
  let sinceYield = 0;
  let first = true;
  while (pos <= text.length) {
    let end = text.indexOf(rowSep, pos);
    if (end < 0) end = text.length;
    let row = text.slice(pos, end);
    pos = end + 1;
    line++;
    if (row.endsWith('\r')) row = row.slice(0, -1);
    if (row.trim() === '') continue;
    const cells = row.split(format === 'csv' && !row.includes(',') ? '\t' : ',');
    if (cells.length !== 2) {
      fail(line, `${cells.length} ${cells.length === 1 ? 'column' : 'columns'}; each ${unit} needs 2: x,y`);
      return;
    }
    const x = readCell(cells[0]!);
    const y = readCell(cells[1]!);
    if (typeof x === 'string' || typeof y === 'string') {
      if (format === 'csv' && first && cells.every(isWord)) {
        first = false;
        continue;
      }
      fail(line, typeof x === 'string' ? `x: ${x}` : `y: ${String(y)}`);
      return;
    }
    first = false;
    if (count === limit) {
      fail(
        line,
        format === 'csv'
          ? `more than ${limit.toLocaleString('en-US')} rows; the page trains at most ${limit.toLocaleString('en-US')} points`
          : `more than ${limit} points; a link carries at most ${limit} (paste or upload larger sets as a CSV)`,
      );
      return;
    }
    if (count === xs.length) [xs, ys] = [grow(xs), grow(ys)];
    xs[count] = x;
    ys[count++] = y;
    if (++sinceYield === ROWS_PER_CHUNK) {
      sinceYield = 0;
      yield;
    }
  }
  if (count < MIN_POINTS) {
    fail(null, `${count === 0 ? 'no points' : 'only 1 point'}: a line needs at least ${MIN_POINTS}`);
    return;
  }
  yield;
  const x = xs.slice(0, count);
  const y = ys.slice(0, count);
  out.result = { ok: true, data: { x, y, key: keyOf(x, y) } };
}

function grow(col: Float64Array): Float64Array {
  const out = new Float64Array(col.length * 2);
  out.set(col);
  return out;
}

/** A header cell: not a number of any kind, and not empty ("x", "height (cm)"). */
function isWord(cell: string): boolean {
  const s = cell.trim();
  return s !== '' && !DECIMAL.test(s) && !NOT_FINITE.test(s);
}

export function readPoints(text: string, format: PointsFormat): ReadResult {
  const out: { result?: ReadResult } = {};
  const steps = readSteps(text, format, out);
  while (!steps.next().done);
  return out.result!;
}

/** The same reading, awaiting `pause` between chunks of rows. */
export async function readPointsAsync(text: string, pause: () => Promise<void>): Promise<ReadResult> {
  const out: { result?: ReadResult } = {};
  const steps = readSteps(text, 'csv', out);
  while (!steps.next().done) await pause();
  return out.result!;
}

/** The problem in words, naming its line: what the page's notice says. */
export function describeProblem(p: DataProblem, format: PointsFormat): string {
  const where = p.line === null ? '' : format === 'csv' ? `line ${p.line}: ` : `point ${p.line}: `;
  return `${where}${p.reason}`;
}

/** The link's form, `x,y;x,y`, with each value's shortest round-trip digits; null past MAX_URL_POINTS. */
export function writeLinkPoints(d: OwnData): string | null {
  if (d.x.length > MAX_URL_POINTS) return null;
  const rows: string[] = [];
  for (let i = 0; i < d.x.length; i++) rows.push(`${d.x[i]!},${d.y[i]!}`);
  return rows.join(';');
}

/** The CSV the export writes beside the notebook: a header, then one x,y row per point. */
export function writeCsv(d: OwnData): string {
  const rows = ['x,y'];
  for (let i = 0; i < d.x.length; i++) rows.push(`${d.x[i]!},${d.y[i]!}`);
  return rows.join('\n') + '\n';
}

/**
 * Points handed over as an object (the page's own views, or a host page's structured clone): taken
 * only when both columns are float64 arrays of one length within the limits, every value finite in
 * float32; the key is computed again, never trusted.
 */
export function checkPoints(v: { x?: unknown; y?: unknown }): OwnData | string {
  const { x, y } = v;
  if (!(x instanceof Float64Array) || !(y instanceof Float64Array) || x.length !== y.length)
    return 'points must be two columns of numbers of one length';
  if (x.length < MIN_POINTS || x.length > MAX_ROWS)
    return `${x.length.toLocaleString('en-US')} points: the page takes ${MIN_POINTS} to ${MAX_ROWS.toLocaleString('en-US')}`;
  for (const col of [x, y])
    for (let i = 0; i < col.length; i++)
      if (!(Math.abs(col[i]!) <= FLOAT32_MAX)) return `point ${i + 1}: ${col[i]!} is not a finite float32 number`;
  return { x, y, key: keyOf(x, y) };
}

/** The points with point i moved to (x, y); i = n appends a point. */
export function withPoint(d: OwnData, i: number, x: number, y: number): OwnData {
  const n = d.x.length;
  const xs = new Float64Array(Math.max(n, i + 1));
  const ys = new Float64Array(xs.length);
  xs.set(d.x);
  ys.set(d.y);
  xs[i] = x;
  ys[i] = y;
  return { x: xs, y: ys, key: keyOf(xs, ys) };
}

/** The points without point i; null when that would leave fewer than MIN_POINTS. */
export function withoutPoint(d: OwnData, i: number): OwnData | null {
  if (d.x.length <= MIN_POINTS) return null;
  const keep = (col: Float64Array): Float64Array => {
    const out = new Float64Array(col.length - 1);
    out.set(col.subarray(0, i));
    out.set(col.subarray(i + 1), i);
    return out;
  };
  const xs = keep(d.x);
  const ys = keep(d.y);
  return { x: xs, y: ys, key: keyOf(xs, ys) };
}
