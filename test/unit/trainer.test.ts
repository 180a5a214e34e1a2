import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeLine } from '../../src/core/dataset';
import { RunHistory } from '../../src/core/history';
import { GRADIENTS, type Gradient } from '../../src/params/table';
import { chooseBackend } from '../../src/train/backend';
import { tf } from '../../src/train/tf';
import { plainSpec, Trainer, readbackCount } from '../../src/train/trainer';
import { isStable, num, torchRuns } from './fixtures';

beforeAll(async () => {
  const choice = await chooseBackend('cpu');
  expect(choice.name).toBe('cpu');
  expect(tf.getBackend()).toBe('cpu');
});

/** Train a fixture's run in batches of uneven size, the way the loop does. */
async function train(run: ReturnType<typeof torchRuns>[number], gradient: Gradient): Promise<RunHistory> {
  const data = makeLine(run.params);
  const trainer = new Trainer(data, plainSpec(run.params.lr, gradient));
  const history = new RunHistory(run.params.steps, data.aInit);
  const batches = [1, 7, 3, 40, 13];
  for (let i = 0; !history.isDone(); i++) {
    const k = Math.min(batches[i % batches.length]!, history.remaining());
    const b = await trainer.run(k);
    history.append(b);
  }
  trainer.dispose();
  return history;
}

const runs = torchRuns();
const stable = runs.filter(isStable).flatMap((r) => GRADIENTS.map((gradient) => ({ ...r, gradient })));
const diverging = runs.filter((r) => !isStable(r)).flatMap((r) => GRADIENTS.map((gradient) => ({ ...r, gradient })));

describe.each(stable)('stable fixture $name on cpu, $gradient gradient', (run) => {
  it('every loss is within 1e-5 relative of PyTorch, and so is every a', async () => {
    const h = await train(run, run.gradient);
    expect(h.length).toBe(run.params.steps);
    expect(h.divergedStep).toBe(-1);
    // ŷ is only known to one float32 ulp of |y|, and two summation orders may differ by that much.
    // Once the loss nears that floor, the residuals r ≈ √L carry an absolute error of about one
    // ulp, so L carries 2·√L·ulp. Above the floor this bound is far below 1e-5 relative.
    const yUlp = 2 ** (Math.floor(Math.log2(Math.max(...run.y.map(Math.abs)))) - 23);
    let tight = 0;
    for (let t = 0; t < run.params.steps; t++) {
      const want = num(run.losses[t]!);
      const floor = 2 * Math.sqrt(want) * yUlp;
      const err = Math.abs(h.losses[t]! - want);
      expect(err).toBeLessThanOrEqual(1e-5 * want + floor);
      if (err <= 1e-5 * want) tight++;
    }
    // The floor term must not do all the work: most steps meet plain 1e-5 relative.
    expect(tight).toBeGreaterThan(run.params.steps / 2);
    for (let k = 0; k <= run.params.steps; k++) {
      const [a1, a2] = h.aAt(k);
      expect(a1).toBeCloseTo(num(run.a_path[k]![0]), 5);
      expect(a2).toBeCloseTo(num(run.a_path[k]![1]), 5);
    }
  });
});

describe.each(diverging)('diverging fixture $name on cpu, $gradient gradient', (run) => {
  it('diverges, and the record stops at the step that shows it', async () => {
    const torchLosses = run.losses.map(num);
    const h = await train(run, run.gradient);
    expect(h.divergedStep).toBeGreaterThan(0);
    expect(h.length).toBe(h.divergedStep + 1);
    // PyTorch agrees that the loss had exploded by then.
    const t = h.divergedStep;
    expect(!Number.isFinite(torchLosses[t]!) || torchLosses[t]! > 1e6 * torchLosses[0]!).toBe(true);
    for (let s = 0; s < t; s++) {
      expect(Math.abs(h.losses[s]! - torchLosses[s]!)).toBeLessThanOrEqual(1e-5 * torchLosses[s]!);
    }
  });
});

describe.each(GRADIENTS)('Trainer resources, %s gradient', (gradient) => {
  it('keeps the tensor count flat over 1,000 steps and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const data = makeLine({ seed: 1, n: 100, noise: 0.5 });
    const trainer = new Trainer(data, plainSpec(0.1, gradient));
    await trainer.run(5);
    const warm = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) await trainer.run(10);
    expect(tf.memory().numTensors).toBe(warm);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops queueing at the deadline, never before the first step, and the steps it took are right', async () => {
    const data = makeLine({ seed: 3, n: 10, noise: 0 });
    const full = new Trainer(data, plainSpec(0.1, gradient));
    const cut = new Trainer(data, plainSpec(0.1, gradient));
    const all = await full.run(20);
    const first = await cut.run(20, performance.now()); // already passed: one step
    expect(first.losses).toHaveLength(1);
    const rest = await cut.run(19);
    expect([...first.losses, ...rest.losses]).toEqual([...all.losses]);
    expect([...first.aAfter, ...rest.aAfter]).toEqual([...all.aAfter]);
    full.dispose();
    cut.dispose();
  });

  it('stops queueing when the reader\u2019s input waits (isInputPending), after the first step', async () => {
    const data = makeLine({ seed: 3, n: 10, noise: 0 });
    const trainer = new Trainer(data, plainSpec(0.1, gradient));
    const pending = { now: false };
    vi.stubGlobal('navigator', { scheduling: { isInputPending: () => pending.now } });
    try {
      expect((await trainer.run(20)).losses).toHaveLength(20);
      pending.now = true;
      expect((await trainer.run(20)).losses).toHaveLength(1);
    } finally {
      vi.unstubAllGlobals();
      trainer.dispose();
    }
  });

  it('reads back once per batch, whatever the batch size', async () => {
    const data = makeLine({ seed: 3, n: 10, noise: 0 });
    const trainer = new Trainer(data, plainSpec(0.1, gradient));
    const start = readbackCount();
    await trainer.run(1);
    await trainer.run(50);
    await trainer.run(400);
    expect(readbackCount() - start).toBe(3);
    trainer.dispose();
  });
});
