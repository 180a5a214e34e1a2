import { lrAbove, lrJustBelow, type Stability } from './core/analysis';
import { optimalMomentum } from './core/momentum';
import { quantize } from './params/scale';
import { FULL_BATCH, type Params } from './params/table';

export interface Preset {
  id: string;
  label: string;
  /** One sentence a reader sees beside the button. */
  explain: string;
  /** Which chapter's list it belongs to. */
  chapter: 'post' | 'optim';
  /** The controls it sets, computed from the current data's stability where it needs to. */
  apply(s: Stability): Partial<Params>;
}

/** Plain gradient descent on every point: the post's optimizer, which every preset starts from. */
const PLAIN: Partial<Params> = { opt: 'sgd', momentum: 0, nesterov: '0', beta1: 0.9, beta2: 0.999, batch: FULL_BATCH };

const preset = (p: Omit<Preset, 'apply'> & { set: (s: Stability) => Partial<Params> }): Preset => ({
  id: p.id,
  label: p.label,
  explain: p.explain,
  chapter: p.chapter,
  apply: (s) => ({ ...PLAIN, ...p.set(s) }),
});

export const PRESETS: readonly Preset[] = [
  preset({
    id: 'post',
    label: 'As in the post',
    chapter: 'post',
    explain:
      'The post\u2019s run: learning rate 0.1, no noise, 100 steps; the loss falls about 4\u00D7 every 10 steps.',
    set: () => ({ lr: 0.1, noise: 0, steps: 100, n: 100, seed: 42 }),
  }),
  preset({
    id: 'cautious',
    label: 'Too cautious',
    chapter: 'post',
    explain: 'With lr 0.01 every step is safe but tiny: after 100 steps a is still far from (3, 2).',
    set: () => ({ lr: 0.01, noise: 0, steps: 100 }),
  }),
  preset({
    id: 'edge',
    label: 'On the edge',
    chapter: 'post',
    explain:
      'Just under 2/\u03BBmax: the steepest direction overshoots every step and zig-zags, yet each swing is a little smaller.',
    set: (s) => ({ lr: lrJustBelow(s.lrBound), steps: 100 }),
  }),
  preset({
    id: 'diverges',
    label: 'Diverges',
    chapter: 'post',
    explain: 'Above 2/\u03BBmax each overshoot is larger than the last, so the loss explodes and training stops.',
    set: (s) => ({ lr: lrAbove(s.lrBound), steps: 100 }),
  }),
  preset({
    id: 'noisy',
    label: 'Noisy data',
    chapter: 'post',
    explain:
      'With noise 1 the best fit a* moves off (3, 2), and the loss levels off above 0: no line passes through every point.',
    set: () => ({ lr: 0.1, noise: 1, steps: 100 }),
  }),
  preset({
    id: 'momentum',
    label: 'Momentum fixes the zig-zag',
    chapter: 'optim',
    explain:
      'The on-the-edge rate with momentum \u03B2 = 0.9: the swings across the bowl cancel, the steps along it add up.',
    set: (s) => ({ lr: lrJustBelow(s.lrBound), momentum: 0.9, steps: 100 }),
  }),
  preset({
    id: 'optimal',
    label: 'The optimal momentum',
    chapter: 'optim',
    explain: 'Heavy ball at \u03B7* and \u03B2*, the fastest worst-case rate this bowl allows.',
    set: (s) => {
      const best = optimalMomentum(s);
      return { lr: quantize('lr', best.eta), momentum: quantize('momentum', best.beta), steps: 100 };
    },
  }),
  preset({
    id: 'adam',
    label: 'Adam',
    chapter: 'optim',
    explain: 'torch.optim.Adam at lr 0.1: each coordinate gets its own step size, from its gradient\u2019s history.',
    set: () => ({ opt: 'adam', lr: 0.1, steps: 100 }),
  }),
  preset({
    id: 'minibatch',
    label: 'Mini-batches: noisy but cheap',
    chapter: 'optim',
    explain:
      'Batches of 10 points from torch.randperm: each step costs a tenth, and the loss it prints jumps from batch to batch.',
    set: () => ({ batch: 10, lr: 0.1, steps: 100 }),
  }),
];
