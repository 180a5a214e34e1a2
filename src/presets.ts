import { lrAbove, lrJustBelow, type Stability } from './core/analysis';
import type { Params } from './params/table';

export interface Preset {
  id: string;
  label: string;
  /** One sentence a reader sees beside the button. */
  explain: string;
  /** The controls it sets, computed from the current data's stability where it needs to. */
  apply(s: Stability): Partial<Params>;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'post',
    label: 'As in the post',
    explain:
      'The post\u2019s run: learning rate 0.1, no noise, 100 steps; the loss falls about 4\u00D7 every 10 steps.',
    apply: () => ({ lr: 0.1, noise: 0, steps: 100, n: 100, seed: 42 }),
  },
  {
    id: 'cautious',
    label: 'Too cautious',
    explain: 'With lr 0.01 every step is safe but tiny: after 100 steps a is still far from (3, 2).',
    apply: () => ({ lr: 0.01, noise: 0, steps: 100 }),
  },
  {
    id: 'edge',
    label: 'On the edge',
    explain:
      'Just under 2/\u03BBmax: the steepest direction overshoots every step and zig-zags, yet each swing is a little smaller.',
    apply: (s) => ({ lr: lrJustBelow(s.lrBound), steps: 100 }),
  },
  {
    id: 'diverges',
    label: 'Diverges',
    explain: 'Above 2/\u03BBmax each overshoot is larger than the last, so the loss explodes and training stops.',
    apply: (s) => ({ lr: lrAbove(s.lrBound), steps: 100 }),
  },
  {
    id: 'noisy',
    label: 'Noisy data',
    explain:
      'With noise 1 the best fit a* moves off (3, 2), and the loss levels off above 0: no line passes through every point.',
    apply: () => ({ lr: 0.1, noise: 1, steps: 100 }),
  },
];
