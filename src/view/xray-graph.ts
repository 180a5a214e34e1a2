import type { StepXray } from '../core/xray-text';
import { pyFixed } from '../core/exact-decimal';
import { h, setText } from '../notebook/dom';

/** The nodes autograd records for mse(x @ a, y), from a to the loss. */
const NODES = ['a', 'x @ a', '− y', '²', 'mean'] as const;

const n4 = (v: number): string => pyFixed(v, 4);

/** Each node's forward value (for point i, or the batch) and the gradient that flows into it. */
function values(x: StepXray, i: number): { forward: string; grad: string }[] {
  const p = x.picked;
  const B = String(x.size);
  const at = `[${String(i)}]`;
  return [
    { forward: `a = [${n4(x.a[0])}, ${n4(x.a[1])}]`, grad: `a.grad = [${n4(x.grad[0])}, ${n4(x.grad[1])}]` },
    {
      forward: p ? `y_hat${at} = ${n4(p.yHat)}` : `y_hat: ${B} values`,
      grad: p ? `∂L/∂y_hat${at} = ${n4(p.dyHat)}` : '',
    },
    {
      forward: p ? `r${at} = ${n4(p.r)}` : `r: ${B} values`,
      grad: p ? `∂L/∂r${at} = 2·r${at}/${B} = ${n4(p.dyHat)}` : '',
    },
    { forward: p ? `r${at}² = ${n4(p.r * p.r)}` : `r²: ${B} values`, grad: `∂L/∂r² = 1/${B} = ${n4(1 / x.size)}` },
    { forward: `loss = ${n4(x.loss)}`, grad: '∂L/∂L = 1' },
  ];
}

/**
 * The computational graph, with a "backward, slowly" walk from the loss back to a, one node a
 * click. Where the walk is sits in the graph's data-walk attribute (5 = not walking).
 */
export function mountGraph(): { el: HTMLElement; show(x: StepXray, i: number): void } {
  const items = NODES.map((name) =>
    h(
      'li',
      { class: 'xray-node' },
      h('span', { class: 'xray-op' }, name),
      h('span', { class: 'xray-fwd' }),
      h('span', { class: 'xray-bwd' }),
    ),
  );
  const list = h('ol', { class: 'xray-graph', 'data-walk': String(NODES.length) }, ...items);
  const said = h('p', { class: 'xray-walk-said', 'aria-live': 'polite' });
  const walk = h(
    'button',
    { type: 'button', class: 'btn btn-small', 'data-action': 'backward-slowly' },
    'Backward, slowly',
  );
  let last: { x: StepXray; i: number } | null = null;
  const paint = (): void => {
    if (!last) return;
    const vals = values(last.x, last.i);
    const at = Number(list.dataset.walk);
    items.forEach((li, k) => {
      setText(li.children[1]!, vals[k]!.forward);
      // The gradients appear as the walk reaches them; without a walk, all of them.
      setText(li.children[2]!, at === NODES.length || k >= at ? vals[k]!.grad : '');
      li.classList.toggle('xray-node-current', k === at);
    });
    setText(said, at < NODES.length ? `At ${NODES[at]!}: ${vals[at]!.grad}` : '');
  };
  walk.addEventListener('click', () => {
    const at = Number(list.dataset.walk);
    // From "all shown" the walk starts at the loss; past a it starts over.
    list.dataset.walk = String(at === 0 ? NODES.length : at === NODES.length ? NODES.length - 1 : at - 1);
    paint();
  });
  return {
    el: h('div', { class: 'xray-graph-box' }, list, h('div', { class: 'xray-walk' }, walk, said)),
    show(x, i) {
      last = { x, i };
      paint();
    },
  };
}
