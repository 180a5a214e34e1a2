import { pyExp, pyFixed } from './exact-decimal';

/**
 * PyTorch 1.13's tensor printing (torch/_tensor_str.py) for float32 tensors with the default
 * print options: precision 4, linewidth 80. The rules decide one format for all elements.
 */
const PRECISION = 4;
const LINEWIDTH = 80;

interface Formatter {
  width: number;
  format(value: number): string;
}

function nonFinite(v: number): string {
  return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

function makeFormatter(values: readonly number[]): Formatter {
  const finite = values.filter((v) => Number.isFinite(v) && v !== 0);
  let intMode = true;
  let sciMode = false;
  let width = 1;
  if (finite.length > 0) {
    const abs = finite.map(Math.abs);
    const max = Math.max(...abs);
    const min = Math.min(...abs);
    intMode = finite.every((v) => v === Math.ceil(v));
    const wide = max / min > 1000 || max > 1e8;
    sciMode = intMode ? wide : wide || min < 1e-4;
    for (const v of finite) {
      const s = sciMode ? pyExp(v, PRECISION) : intMode ? pyFixed(v, 0) + '.' : pyFixed(v, PRECISION);
      width = Math.max(width, s.length);
    }
  }
  const format = (v: number): string => {
    let s: string;
    if (!Number.isFinite(v)) s = nonFinite(v);
    else if (sciMode) s = pyExp(v, PRECISION);
    else if (intMode) s = pyFixed(v, 0) + '.';
    else s = pyFixed(v, PRECISION);
    return s.padStart(width);
  };
  return { width, format };
}

function vectorBody(values: readonly number[], f: Formatter, indent: number): string {
  const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / (f.width + 2)));
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perLine) {
    lines.push(
      values
        .slice(i, i + perLine)
        .map((v) => f.format(v))
        .join(', '),
    );
  }
  return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
}

function withSuffixes(body: string, suffixes: readonly string[], indent: number): string {
  let out = body;
  let lastLineLen = body.length - body.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLen + suffix.length + 2 > LINEWIDTH) {
      out += ',\n' + ' '.repeat(indent) + suffix;
      lastLineLen = indent + suffix.length;
    } else {
      out += ', ' + suffix;
      lastLineLen += suffix.length + 2;
    }
  }
  return out + ')';
}

const PREFIX = 'tensor(';

/** `str(torch.tensor(values))` for a 1-D float32 tensor. */
export function formatVector(values: ArrayLike<number>, suffixes: readonly string[] = []): string {
  const v = Array.from(values);
  return withSuffixes(PREFIX + vectorBody(v, makeFormatter(v), PREFIX.length), suffixes, PREFIX.length);
}

/** `str(t)` for a 2-D float32 tensor given row-major values. */
export function formatMatrix(values: ArrayLike<number>, rows: number, cols: number): string {
  const v = Array.from(values);
  const f = makeFormatter(v);
  const indent = PREFIX.length;
  const rowStrs: string[] = [];
  for (let r = 0; r < rows; r++) rowStrs.push(vectorBody(v.slice(r * cols, (r + 1) * cols), f, indent + 1));
  return withSuffixes(PREFIX + '[' + rowStrs.join(',\n' + ' '.repeat(indent + 1)) + ']', [], indent);
}

/** `str(t)` for a 0-d float32 tensor: `tensor(1.2201)`. */
export function formatScalar(value: number): string {
  return withSuffixes(PREFIX + makeFormatter([value]).format(value), [], PREFIX.length);
}

/** `str(loss)` for the scalar MSE with its autograd node, as the post prints it. */
export function formatLoss(value: number): string {
  return withSuffixes(PREFIX + makeFormatter([value]).format(value), ['grad_fn=<MeanBackward0>'], PREFIX.length);
}

/** `str(nn.Parameter(...))` for a 1-D parameter. */
export function formatParameter(values: ArrayLike<number>): string {
  return 'Parameter containing:\n' + formatVector(values, ['requires_grad=True']);
}

/** The first rows of x = [x0, 1], as `x[:rows]` prints. */
export function formatXHead(x0: ArrayLike<number>, rows = 5): string {
  const k = Math.min(rows, x0.length);
  const flat: number[] = [];
  for (let i = 0; i < k; i++) flat.push(x0[i]!, 1);
  return formatMatrix(flat, k, 2);
}
