import { beforeAll, describe, expect, it } from 'vitest';
import { makeLine } from '../../src/core/dataset';
import { RunHistory } from '../../src/core/history';
import { chooseBackend } from '../../src/train/backend';
import { RaceTrainer } from '../../src/train/race-trainer';
import { readbackCount } from '../../src/train/trainer';
import { tf } from '../../src/train/tf';
import { configOf, num, optimRuns } from './fixtures';

beforeAll(async () => {
  expect((await chooseBackend('cpu')).name).toBe('cpu');
});

describe('the race: plain GD, momentum and Adam in one computation', () => {
  // Three fixtures on the same data (seed 42, n = 100, noise 0) with the same lr: the race's racers.
  const runs = optimRuns();
  const racers = ['momentum', 'adam'].map((name) => runs.find((r) => r.name === name)!);

  it('each racer is PyTorch’s run of its optimizer, with one readback per batch for all of them', async () => {
    const p = racers[0]!.params;
    const data = makeLine({ seed: p.seed, n: p.n, noise: p.noise });
    const before = tf.memory().numTensors;
    const race = new RaceTrainer(data, racers.map(configOf));
    const histories = racers.map((r) => new RunHistory(r.params.steps, data.aInit));
    const reads = readbackCount();
    let batches = 0;
    for (const k of [1, 9, 30, 60]) {
      const got = await race.run(k);
      batches++;
      got.forEach((b, i) => histories[i]!.append(b));
    }
    expect(readbackCount() - reads).toBe(batches);
    race.dispose();
    expect(tf.memory().numTensors).toBe(before);
    racers.forEach((run, i) => {
      const h = histories[i]!;
      expect(h.length).toBe(100);
      run.steps.forEach((step, t) => {
        const want = num(step.loss);
        expect(Math.abs(h.losses[t]! - want), `${run.name} loss at ${String(t)}`).toBeLessThanOrEqual(
          1e-5 * want + 1e-7,
        );
        expect(h.aAt(t + 1)[0]).toBeCloseTo(num(step.a[0]), 5);
      });
    });
  });
});
