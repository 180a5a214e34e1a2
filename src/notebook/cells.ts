import type { Params } from '../params/table';
import { OWN_DATA_CELL, pytorchOwnX, pytorchOwnY, tfjsOwnX, tfjsOwnY } from './own-data-code.ts';
import { pyFloat } from './python.ts';
import { pytorchTraining, tfjsTraining } from './train-code.ts';

/**
 * The notebook's content as data, in the post's order. Prose is a list of parts (text, inline
 * math, display math) so that rendering never needs innerHTML. Code is a function of Params:
 * the PyTorch tab always holds the program that reproduces the run on the page.
 */
export type Part = string | { tex: string } | { code: string } | DataPart;
/** Words that differ for the post's generated data and the reader's own points (one shows at a time). */
export interface DataPart {
  post: Part[];
  own: Part[];
}

export type OutputKind =
  | 'x-head'
  | 'a-true'
  | 'data-plot'
  | 'a-init'
  | 'train-log'
  | 'a-final'
  | 'fit-plot'
  | 'loss-plot'
  | 'landscape'
  | 'bound'
  | 'optim'
  | 'xray'
  | 'own-data'
  | 'presets';

export interface ProseCell {
  kind: 'prose';
  heading?: string;
  paragraphs: Part[][];
  /** Display equations, one per line. */
  equations?: string[];
}

export interface CodeCell {
  kind: 'code';
  output: OutputKind;
  pytorch: (p: Params) => string;
  tfjs: (p: Params) => string;
}

/** Content the app fills from the current run: a figure, the bound explained, the presets. */
export interface LiveCell {
  kind: 'live';
  output: Extract<OutputKind, 'landscape' | 'bound' | 'optim' | 'xray' | 'own-data' | 'presets'>;
  label: string;
  caption?: Part[];
}

export type Cell = ProseCell | CodeCell | LiveCell;

export const CELLS: readonly Cell[] = [
  {
    kind: 'prose',
    heading: 'A line is a neural network',
    paragraphs: [
      [
        'The simplest neural network is a single linear layer. It fits a line ',
        { tex: 'y = ax + b' },
        '. Rename the weights, then treat the constant as a second input that is always 1, and the line becomes a dot product:',
      ],
    ],
    equations: [
      'y = ax + b',
      'y = a_1 x + a_2',
      'y = a_1 x_1 + a_2 x_2',
      'y_i = a_1 x_{1i} + a_2 x_{2i}',
      '\\bar{y} = X \\bar{a}',
    ],
  },
  {
    kind: 'prose',
    paragraphs: [
      [
        'So we make ',
        { tex: 'n' },
        ' rows of ',
        { tex: 'X' },
        {
          post: [': a random ', { tex: 'x_1' }, ' in ', { tex: '[-1, 1)' }, ' and a column of ones.'],
          own: [': the x of each of your points as ', { tex: 'x_1' }, ', and a column of ones.'],
        },
        ' The cells below are the post\u2019s PyTorch code with this page\u2019s values filled in; run them and you get these exact numbers. The TensorFlow.js tab shows what runs in your browser.',
      ],
    ],
  },
  {
    kind: 'code',
    output: 'x-head',
    pytorch: (p) =>
      p.data
        ? pytorchOwnX(p.data, p.seed)
        : [
            'import torch',
            'from torch import nn',
            'import matplotlib.pyplot as plt',
            '',
            `torch.manual_seed(${p.seed})`,
            `n = ${p.n}`,
            'x = torch.ones(n, 2)',
            'x[:, 0].uniform_(-1., 1)',
            'x[:5]',
          ].join('\n'),
    tfjs: (p) =>
      p.data
        ? tfjsOwnX(p.data, p.seed)
        : [
            `// Our MT19937 reproduces torch.manual_seed(${p.seed}) bit for bit.`,
            `const gen = new TorchGenerator(${p.seed});`,
            `const n = ${p.n};`,
            'const x0 = gen.uniform(n, -1, 1);                 // x[:, 0].uniform_(-1., 1)',
            'const x = tf.stack([tf.tensor1d(x0), tf.ones([n])], 1);',
          ].join('\n'),
  },
  {
    kind: 'code',
    output: 'a-true',
    // Own data: y is given, and there is no true a; the cell prints y[:5] instead.
    pytorch: (p) =>
      p.data ? pytorchOwnY(p.data) : ['a = torch.tensor([3., 2])  # fastai: tensor(3., 2)', 'a'].join('\n'),
    tfjs: (p) => (p.data ? tfjsOwnY(p.data) : 'const aTrue = tf.tensor1d([3, 2]);'),
  },
  {
    kind: 'prose',
    paragraphs: [
      [
        'The targets are ',
        { tex: 'y = X a' },
        ' with ',
        { tex: 'a = (3, 2)' },
        ', plus uniform noise scaled by the noise slider. The post commented the noise out; at noise 0 we do the same, but the random numbers are still drawn, so the seed gives the same ',
        { tex: 'a' },
        ' either way.',
      ],
    ],
  },
  {
    kind: 'code',
    output: 'data-plot',
    pytorch: (p) =>
      p.data
        ? 'plt.scatter(x[:, 0], y)'
        : [
            `noise = ${pyFloat(p.noise)}`,
            'y = x @ a + noise * torch.rand(n)  # the post: y = x@a #+ torch.rand(n)',
            'plt.scatter(x[:, 0], y)',
          ].join('\n'),
    tfjs: (p) =>
      p.data
        ? '// Your y is given above: nothing is drawn for it.'
        : [
            `const noise = ${p.noise};`,
            'const y = tf.add(tf.reshape(tf.matMul(x, tf.reshape(aTrue, [2, 1])), [n]),',
            '                 tf.mul(noise, tf.tensor1d(gen.rand(n))));',
          ].join('\n'),
  },
  OWN_DATA_CELL,
  {
    kind: 'prose',
    heading: 'Gradient descent',
    paragraphs: [
      [
        'We start from a random guess for ',
        { tex: 'a' },
        ' and measure how wrong it is with the mean squared error. Its gradient points uphill, so each step moves ',
        { tex: 'a' },
        ' a little the other way, scaled by the learning rate ',
        { tex: '\\eta' },
        ':',
      ],
    ],
    equations: [
      'L(a) = \\frac{1}{n} \\sum_{i=1}^{n} \\left(x_i \\cdot a - y_i\\right)^2',
      '\\nabla L(a) = \\frac{2}{n} X^\\top (X a - y)',
      'a \\leftarrow a - \\eta \\, \\nabla L(a)',
    ],
  },
  {
    kind: 'code',
    output: 'a-init',
    pytorch: () =>
      ['def mse(y_hat, y): return ((y_hat - y)**2).mean()', '', 'a = nn.Parameter(torch.rand(2))', 'a'].join('\n'),
    tfjs: () =>
      [
        '// x @ a, row by row: after a change of n, tfjs\u2019s WebGL matMul reuses a program compiled for',
        '// another texture layout and returns wrong numbers (tensorflow/tfjs#6478).',
        'const mse = () => tf.mean(tf.square(tf.sub(tf.sum(tf.mul(x, a), 1), y)));',
        'const a = tf.variable(tf.tensor1d(gen.rand(2)));   // nn.Parameter(torch.rand(2))',
      ].join('\n'),
  },
  {
    kind: 'code',
    output: 'train-log',
    pytorch: pytorchTraining,
    tfjs: tfjsTraining,
  },
  {
    kind: 'code',
    output: 'a-final',
    pytorch: () => 'a',
    tfjs: () => 'a.print();',
  },
  {
    kind: 'code',
    output: 'fit-plot',
    pytorch: () =>
      [
        'fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))',
        "ax1.scatter(x[:, 0], y, c='blue'); ax1.set_title('Original')",
        "ax2.scatter(x[:, 0], (x @ a).detach(), c='red'); ax2.set_title('Calculated')",
      ].join('\n'),
    tfjs: () => '// Calculated: x @ a for the a of the newest frame, drawn as it trains',
  },
  {
    kind: 'code',
    output: 'loss-plot',
    pytorch: () => ["plt.semilogy(losses); plt.xlabel('step'); plt.ylabel('loss')"].join('\n'),
    tfjs: () => '// losses: every step\u2019s loss, from the one packed readback per frame',
  },
  {
    kind: 'prose',
    heading: 'Why it works: the loss landscape',
    paragraphs: [
      [
        'The loss depends on the two numbers ',
        { tex: 'a_1' },
        ' and ',
        { tex: 'a_2' },
        ' only, so we can draw all of it. It is a bowl whose lowest point is the least-squares fit ',
        { tex: 'a^* = (X^\\top X)^{-1} X^\\top y' },
        '. Gradient descent walks downhill from the initial guess; the red path is the run on this page, drawn as it trains, and the dashed line is the same descent computed exactly in float64. They lie on top of each other.',
      ],
    ],
  },
  {
    kind: 'live',
    output: 'landscape',
    label: 'Loss landscape with the gradient descent path',
    caption: [
      '\u2605 true a = (3, 2)   \u2716 least-squares optimum a*   \u25CF initial a   red: the tfjs run   dashed: float64 prediction   \u2192 the step after the cursor (thin dashed: \u2212lr\u00B7\u2207L where the step differs)',
    ],
  },
  {
    kind: 'prose',
    heading: 'One step, slowly',
    paragraphs: [
      [
        'The lesson of the post is ',
        { code: 'loss.backward()' },
        ': the gradient appears, and ',
        { code: 'a' },
        ' moves. Here is the step that comes after the one the counter shows (the red path\u2019s next step on the landscape above), with its numbers: one point forward, its residual, its share of the gradient, the sum of all shares that is ',
        { code: 'a.grad' },
        ', and the update. Step, or drag the timeline, and it follows.',
      ],
    ],
  },
  { kind: 'live', output: 'xray', label: 'One step, slowly' },
  {
    kind: 'prose',
    heading: 'How large can the step be?',
    paragraphs: [],
  },
  { kind: 'live', output: 'bound', label: 'The stability bound for this data' },
  {
    kind: 'prose',
    heading: 'Beyond plain gradient descent',
    paragraphs: [
      [
        'Plain gradient descent has to keep ',
        { tex: '\\eta' },
        ' below ',
        { tex: '2/\\lambda_{\\max}' },
        ', and then crawls along the flattest direction of the bowl. The next question every course asks is what momentum, Adam and mini-batches change. Here they run as ',
        { code: 'torch.optim' },
        ' runs them, on this data: set them below (or in the controls’ More), and the code cells above show the program, with the same printed numbers as PyTorch.',
      ],
    ],
  },
  { kind: 'live', output: 'optim', label: 'Optimizers on this data' },
  {
    kind: 'prose',
    heading: 'Try these',
    paragraphs: [
      [
        'Each button sets the controls it names and re-runs. The timeline in the controls replays any run step by step.',
      ],
    ],
  },
  { kind: 'live', output: 'presets', label: 'Presets' },
];
