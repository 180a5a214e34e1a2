import { MAX_LITERAL_POINTS, type OwnData } from '../core/own-data.ts';
import type { LiveCell } from './cells.ts';
import { pyFloat } from './python.ts';

/**
 * The program's first cells for the reader's own points: the same x with its column of ones and
 * the same draw of a_init after the seed, but x₁ and y given instead of drawn. Up to
 * MAX_LITERAL_POINTS they are literals; beyond, they are read from the CSV the export writes
 * beside the notebook (DATA_CSV).
 */

export const DATA_CSV = 'simplest-nn-data.csv';

const PER_LINE = 8;

/**
 * A list literal, PER_LINE values to a line: Python floats (`pyFloat`; torch.tensor rounds each to
 * float32) or JavaScript numbers (`String`: shortest round-trip digits, as the link writes them).
 */
function listOf(values: Float64Array, indent: string, literal: (v: number) => string): string {
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += PER_LINE)
    lines.push(Array.from(values.subarray(i, i + PER_LINE), literal).join(', '));
  return lines.length === 1 ? `[${lines[0]!}]` : `[${lines.join(`,\n${indent} `)}]`;
}
const pyList = (values: Float64Array, indent: string): string => listOf(values, indent, pyFloat);
const jsList = (values: Float64Array, indent: string): string => listOf(values, indent, String);

export const inline = (d: OwnData): boolean => d.x.length <= MAX_LITERAL_POINTS;

export function pytorchOwnX(d: OwnData, seed: number): string {
  const x0 = inline(d)
    ? [`x[:, 0] = torch.tensor(${pyList(d.x, '                   ')})`]
    : [
        `data = np.loadtxt('${DATA_CSV}', delimiter=',', skiprows=1, ndmin=2)  # written beside this notebook`,
        'x[:, 0] = torch.tensor(data[:, 0])',
      ];
  return [
    'import torch',
    'from torch import nn',
    'import matplotlib.pyplot as plt',
    ...(inline(d) ? [] : ['import numpy as np']),
    '',
    `torch.manual_seed(${seed})`,
    `n = ${d.x.length}`,
    'x = torch.ones(n, 2)',
    ...x0,
    'x[:5]',
  ].join('\n');
}

export function pytorchOwnY(d: OwnData): string {
  const y = inline(d)
    ? `y = torch.tensor(${pyList(d.y, '                 ')})`
    : 'y = torch.tensor(data[:, 1], dtype=torch.float32)';
  return [y, 'y[:5]'].join('\n');
}

export function tfjsOwnX(d: OwnData, seed: number): string {
  const x0 = inline(d) ? jsList(d.x, '               ') : `readCsv('${DATA_CSV}').x`;
  return [
    `// Our MT19937 reproduces torch.manual_seed(${seed}): it draws a_init below.`,
    `const gen = new TorchGenerator(${seed});`,
    `const n = ${d.x.length};`,
    `const x0 = ${x0};`,
    'const x = tf.stack([tf.tensor1d(x0), tf.ones([n])], 1);',
  ].join('\n');
}

export function tfjsOwnY(d: OwnData): string {
  return `const y = tf.tensor1d(${inline(d) ? jsList(d.y, '                      ') : `readCsv('${DATA_CSV}').y`});`;
}

/** The cell after the data plot where the reader brings their own points (view/own-data-view.ts). */
export const OWN_DATA_CELL: LiveCell = {
  kind: 'live',
  output: 'own-data',
  label: 'Your own data',
  caption: [
    'The model stays ',
    { tex: 'y = a_1 x + a_2' },
    ' (x keeps its column of ones), and the seed still draws ',
    { tex: 'a' },
    '\u2019s start. Everything below, from ',
    { tex: 'a^*' },
    ' and the stability bound to the landscape, the optimizers and the exported notebook, is computed from the points you give.',
  ],
};
