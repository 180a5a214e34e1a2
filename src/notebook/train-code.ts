import type { Params } from '../params/table';
import { pyFloat } from './python.ts';

/** The post's own run: plain gradient descent on every point. Its cells stay the post's. */
export function isPostRun(p: Params): boolean {
  return p.opt === 'sgd' && p.momentum === 0 && p.batch >= p.n;
}

/** The post's training cell: update() with a.sub_(lr * a.grad), or the gradient written out. */
function postTraining(p: Params): string[] {
  return [
    'losses = []',
    'def update():',
    '    y_hat = x @ a',
    '    loss = mse(y_hat, y)',
    '    losses.append(loss.item())',
    '    if t % 10 == 0: print(loss)',
    ...(p.grad === 'closed'
      ? [
          '    with torch.no_grad():',
          '        grad = 2 / n * x.T @ (y_hat - y)  # \u2207L written out: what loss.backward() finds',
          '        a.sub_(lr * grad)',
        ]
      : ['    loss.backward()', '    with torch.no_grad():', '        a.sub_(lr * a.grad)', '        a.grad.zero_()']),
    '',
    `lr = ${pyFloat(p.lr)}`,
    `for t in range(${String(p.steps)}): update()`,
  ];
}

/** torch.optim's constructor for these Params. */
export function optimizerLine(p: Params): string {
  if (p.opt === 'adam')
    return `opt = torch.optim.Adam([a], lr=${pyFloat(p.lr)}, betas=(${pyFloat(p.beta1)}, ${pyFloat(p.beta2)}))`;
  const nesterov = p.nesterov === '1' ? 'True' : 'False';
  return `opt = torch.optim.SGD([a], lr=${pyFloat(p.lr)}, momentum=${pyFloat(p.momentum)}, nesterov=${nesterov})`;
}

/** The batch as the program writes it: n itself for the full batch. */
export function batchOf(p: Params): number {
  return Math.min(p.batch, p.n);
}

/** The optimizer chapter's program: torch.optim, and mini-batches from torch.randperm. */
function optimTraining(p: Params): string[] {
  const gradLines =
    p.grad === 'closed'
      ? [
          '    opt.zero_grad()',
          '    a.grad = 2 / len(yb) * xb.T @ (xb @ a - yb).detach()  # \u2207L written out',
          '    opt.step()',
        ]
      : ['    opt.zero_grad(); loss.backward(); opt.step()'];
  return [
    'import math',
    '',
    optimizerLine(p),
    `batch = ${String(batchOf(p))}${p.batch >= p.n ? '  # = n: the full batch' : ''}`,
    'per_epoch = math.ceil(n / batch)',
    'losses = []',
    `for t in range(${String(p.steps)}):`,
    '    if batch < n:',
    '        if t % per_epoch == 0: perm = torch.randperm(n)',
    '        idx = perm[(t % per_epoch) * batch:(t % per_epoch + 1) * batch]',
    '        xb, yb = x[idx], y[idx]',
    '    else:',
    '        xb, yb = x, y',
    '    loss = mse(xb @ a, yb)  # the batch\u2019s loss: what prints',
    '    losses.append(loss.item())',
    '    if t % 10 == 0: print(loss)',
    ...gradLines,
  ];
}

export function pytorchTraining(p: Params): string {
  return (isPostRun(p) ? postTraining(p) : optimTraining(p)).join('\n');
}

export function tfjsTraining(p: Params): string {
  const post = isPostRun(p);
  const update = post
    ? ['  a.assign(tf.sub(a, tf.mul(lr, grads[a.name])));           // a.sub_(lr * a.grad)']
    : [
        `  a.assign(${p.opt === 'adam' ? 'adam' : 'sgd'}.step(a, grads[a.name]));  // opt.step(), torch.optim's arithmetic`,
      ];
  const batch =
    p.batch < p.n ? ['  const [xb, yb] = batchOf(t);  // this epoch\u2019s torch.randperm, as PyTorch draws it'] : [];
  if (post && p.grad === 'closed')
    return [
      `const lr = tf.scalar(${String(p.lr)});`,
      `for (let t = 0; t < ${String(p.steps)}; t++) {`,
      '  // One fused WebGL pass over the points sums r\u00B7x\u2081, r and r\u00B2 (r = x\u00B7a \u2212 y);',
      '  // a second adds the sums up: a \u2212= lr\u00B7(2/n)\u00B7X\u1D40r, and the loss is \u03A3r\u00B2/n.',
      '  state = fusedStep(points, state, lr);  // [a\u2081, a\u2082, loss, g\u2081, g\u2082]',
      '  history.push(state);  // stays on the GPU: read back once per animation frame',
      '}',
    ].join('\n');
  return [
    `const lr = tf.scalar(${String(p.lr)});`,
    `for (let t = 0; t < ${String(p.steps)}; t++) {`,
    ...batch,
    `  const { value: loss, grads } = tf.variableGrads(mse${p.batch < p.n ? '(xb, yb)' : ''}, [a]);  // loss.backward()`,
    ...update,
    '  losses.push(loss);  // stays on the GPU: read back once per animation frame',
    '}',
  ].join('\n');
}
