import { RunHistory, type StepBatch } from '../core/history';
import type { OptConfig } from '../core/optim';
import type { Loop, StepSource } from '../train/loop';
import { trainSpecOf, type Run } from './run';

type Session = typeof import('../train/session');
type RaceTrainerT = InstanceType<Session['RaceTrainer']>;

export const RACERS = ['gd', 'momentum', 'adam'] as const;
export type Racer = (typeof RACERS)[number];

/** The race's optimizers for a run: its lr for all three; the reader's β (0.9 if none); Adam's betas. */
export function raceConfigs(run: Run): Record<Racer, OptConfig> {
  const o = trainSpecOf(run.params).opt;
  const plain: OptConfig = { ...o, opt: 'sgd', momentum: 0, nesterov: false };
  return {
    gd: plain,
    momentum: { ...plain, momentum: o.momentum > 0 ? o.momentum : 0.9, nesterov: o.nesterov },
    adam: { ...o, opt: 'adam' },
  };
}

/** The state of a race: each racer's run so far. */
export interface RaceState {
  readonly histories: Record<Racer, RunHistory>;
  readonly configs: Record<Racer, OptConfig>;
  /** Which run of the race this is (a new race starts over). */
  readonly run: number;
}

/**
 * The three racers as one StepSource for a Loop: every batch is one readback for all of them
 * (RaceTrainer). The loop's own history is plain GD's; momentum's and Adam's are kept here, in step.
 */
export class RaceSource implements StepSource {
  readonly histories: Record<Racer, RunHistory>;

  constructor(
    private readonly trainer: RaceTrainerT,
    run: Run,
  ) {
    const { steps } = run.params;
    const a = run.data.aInit;
    this.histories = {
      gd: new RunHistory(steps, a),
      momentum: new RunHistory(steps, a),
      adam: new RunHistory(steps, a),
    };
  }

  get maxBatch(): number {
    return this.trainer.maxBatch;
  }

  async run(k: number, deadline?: number): Promise<StepBatch> {
    const [gd, momentum, adam] = await this.trainer.run(k, deadline);
    this.histories.momentum.append(momentum!);
    this.histories.adam.append(adam!);
    return gd!;
  }

  /** The loop keeps GD's history (its own); the others are read from here. */
  bind(loop: Loop): void {
    this.histories.gd = loop.snapshot().history;
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
