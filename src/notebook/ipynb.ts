import type { Params } from '../params/table';
import { CELLS } from './cells';

/**
 * The page's PyTorch cells as a Jupyter notebook (nbformat 4) with the current values. Run in
 * PyTorch it is this exact run: tools/verify_export.py checks that against the page's JSON export.
 */
export function toIpynb(params: Params, pageUrl: string): string {
  const lines = (text: string): string[] => text.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l));
  const cells: object[] = [
    {
      cell_type: 'markdown',
      metadata: {},
      source: lines(
        `# The simplest neural network\n\nExported from simplest-nn (${pageUrl}).\n` +
          `Seed ${params.seed}, n = ${params.n}, noise = ${params.noise}, lr = ${params.lr}, ${params.steps} steps.`,
      ),
    },
  ];
  for (const cell of CELLS) {
    if (cell.kind !== 'code') continue;
    cells.push({
      cell_type: 'code',
      execution_count: null,
      metadata: {},
      outputs: [],
      source: lines(cell.pytorch(params)),
    });
  }
  const nb = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return JSON.stringify(nb, null, 1) + '\n';
}
