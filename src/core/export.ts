import type { RunHistory } from './history';

/**
 * The run as data. Row k is the state before the k-th update: a_k and the loss measured there,
 * exactly the loss the post prints. The last row is the final a, where no loss was measured.
 */
export interface RunRow {
  step: number;
  loss: number | null;
  a1: number;
  a2: number;
}

export function runRows(history: RunHistory): RunRow[] {
  const rows: RunRow[] = [];
  const n = history.length;
  for (let k = 0; k < n; k++) {
    const [a1, a2] = history.aAt(k);
    const loss = history.losses[k]!;
    rows.push({ step: k, loss: Number.isFinite(loss) ? loss : null, a1, a2 });
  }
  if (history.divergedStep < 0) {
    const [a1, a2] = history.aAt(n);
    rows.push({ step: n, loss: null, a1, a2 });
  }
  return rows;
}

export function runCsv(history: RunHistory): string {
  const lines = ['step,loss,a1,a2'];
  for (const r of runRows(history)) lines.push(`${r.step},${r.loss ?? ''},${r.a1},${r.a2}`);
  return lines.join('\n') + '\n';
}

export function runJson(params: object, history: RunHistory, backend: string): string {
  return (
    JSON.stringify(
      {
        generator: 'simplest-nn',
        params,
        backend,
        diverged_at: history.divergedStep >= 0 ? history.divergedStep : null,
        rows: runRows(history),
      },
      null,
      1,
    ) + '\n'
  );
}
