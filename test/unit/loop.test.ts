import { describe, expect, it, vi } from 'vitest';
import {
  BATCH_BUDGET_MS,
  Loop,
  MAX_STEPS_PER_FRAME,
  powerOfTwoAtMost,
  type Clock,
  type Snapshot,
  type StepSource,
} from '../../src/train/loop';
import type { StepBatch } from '../../src/train/trainer';

/** A clock the test advances by hand, one animation frame at a time. */
class FakeClock implements Clock {
  private next = 1;
  private cbs = new Map<number, (t: number) => void>();
  t = 0;
  requestFrame(cb: (t: number) => void): number {
    const id = this.next++;
    this.cbs.set(id, cb);
    return id;
  }
  cancelFrame(id: number): void {
    this.cbs.delete(id);
  }
  get pending(): number {
    return this.cbs.size;
  }
  /** Run one frame `ms` after the last, then let the readbacks it started resolve. */
  async frame(ms = 1000 / 60): Promise<void> {
    this.t += ms;
    const cbs = [...this.cbs.values()];
    this.cbs.clear();
    cbs.forEach((cb) => cb(this.t));
    for (let i = 0; i < 5; i++) await Promise.resolve();
  }
}

/** A source whose loss is 1/(k+1) and whose a is (k, -k) after step k; it counts its calls. */
class CountingSource implements StepSource {
  done = 0;
  batches: number[] = [];
  run(k: number): Promise<StepBatch> {
    this.batches.push(k);
    const losses = new Float32Array(k);
    const aAfter = new Float32Array(2 * k);
    for (let i = 0; i < k; i++) {
      losses[i] = 1 / (this.done + 1);
      this.done++;
      aAfter[2 * i] = this.done;
      aAfter[2 * i + 1] = -this.done;
    }
    return Promise.resolve({ losses, aAfter });
  }
}

function setup(steps: number, speed: number) {
  const clock = new FakeClock();
  const source = new CountingSource();
  const snaps: Snapshot[] = [];
  const loop = new Loop(source, steps, [0, 0], speed, (s) => snaps.push(s), clock);
  return { clock, source, snaps, loop };
}

describe('Loop', () => {
  it('runs the steps the speed asks for, one batch (one readback) per frame', async () => {
    const { clock, source, loop } = setup(1000, 600); // 10 steps per 60 Hz frame
    loop.play();
    for (let f = 0; f < 20; f++) await clock.frame();
    expect(source.batches.length).toBeLessThanOrEqual(20);
    // Powers of two: 8 a frame, with the remainder carried until it makes a 16.
    expect(Math.max(...source.batches)).toBeLessThanOrEqual(16);
    // About 600 steps/s over 20 frames at 60 Hz: 200 steps, give or take the first frame.
    expect(source.done).toBeGreaterThan(170);
    expect(source.done).toBeLessThan(215);
  });

  it('never queues more than MAX_STEPS_PER_FRAME, and never past the last step', async () => {
    const { clock, source, loop, snaps } = setup(1000, 1e6);
    loop.play();
    for (let f = 0; f < 10; f++) await clock.frame();
    expect(Math.max(...source.batches)).toBeLessThanOrEqual(MAX_STEPS_PER_FRAME);
    expect(source.done).toBe(1000);
    expect(snaps.at(-1)!.status).toBe('done');
    expect(clock.pending).toBe(0);
  });

  it('pauses, steps exactly once, and resets to a fresh run', async () => {
    const { clock, source, loop, snaps } = setup(100, 60);
    loop.play();
    for (let f = 0; f < 10; f++) await clock.frame();
    loop.pause();
    await loop.idle();
    const at = source.done;
    for (let f = 0; f < 10; f++) await clock.frame();
    expect(source.done).toBe(at);
    await loop.stepOnce();
    expect(source.done).toBe(at + 1);
    expect(snaps.at(-1)!.step).toBe(at + 1);
    expect(snaps.at(-1)!.status).toBe('paused');
    expect(snaps.at(-1)!.history.aAt(at + 1)).toEqual([at + 1, -(at + 1)]);
    loop.reset(new CountingSource(), 50, [1, 2]);
    expect(snaps.at(-1)!.step).toBe(0);
    expect(snaps.at(-1)!.status).toBe('ready');
    expect(snaps.at(-1)!.history.aAt(0)).toEqual([1, 2]);
  });

  it('drops a batch that lands after a reset', async () => {
    const clock = new FakeClock();
    let release: (b: StepBatch) => void = () => undefined;
    const slow: StepSource = { run: () => new Promise<StepBatch>((r) => (release = r)) };
    const snaps: Snapshot[] = [];
    const loop = new Loop(slow, 10, [0, 0], 60, (s) => snaps.push(s), clock);
    loop.play();
    await clock.frame();
    loop.reset(new CountingSource(), 10, [5, 5]);
    release({ losses: new Float32Array([9]), aAfter: new Float32Array([9, 9]) });
    await Promise.resolve();
    expect(snaps.at(-1)!.step).toBe(0);
    expect(snaps.at(-1)!.history.aAt(0)).toEqual([5, 5]);
  });

  it('stops and says why when the backend fails', async () => {
    const clock = new FakeClock();
    const failing: StepSource = { run: () => Promise.reject(new Error('context lost')) };
    const snaps: Snapshot[] = [];
    const loop = new Loop(failing, 10, [0, 0], 60, (s) => snaps.push(s), clock);
    loop.play();
    await clock.frame();
    await loop.idle();
    expect(snaps.at(-1)!.status).toBe('paused');
    expect(snaps.at(-1)!.error).toContain('context lost');
  });

  it('moves to the recovery source at the step it failed, with the same a, dropping the failed batch', async () => {
    const { clock, source, snaps, loop } = setup(100, 600);
    const seen: { a: [number, number]; step: number }[] = [];
    /** The counting source until step 30; then every batch fails, as a lost context does. */
    const flaky: StepSource = {
      run: (k) => (source.done >= 30 ? Promise.reject(new Error('context lost')) : source.run(k)),
    };
    loop.reset(flaky, 100, [0, 0]);
    // The rescue continues the counting from where the history stands, so any skip or repeat shows.
    const rescue = new CountingSource();
    loop.setRecovery((a, step) => {
      seen.push({ a, step });
      rescue.done = step;
      return Promise.resolve(rescue);
    });
    loop.play();
    while (snaps.at(-1)!.status === 'running' || snaps.at(-1)!.status === 'ready') await clock.frame();
    const last = snaps.at(-1)!;
    expect(last.status).toBe('done');
    expect(last.error).toBe('');
    // Recovered once, from the a the history held at the failing step.
    expect(seen).toHaveLength(1);
    expect(seen[0]!.step).toBeGreaterThanOrEqual(30);
    expect(seen[0]!.a).toEqual([seen[0]!.step, -seen[0]!.step]);
    // Every step exactly once, in order: step k's loss is 1/(k+1) and a after it is (k+1, -k-1).
    for (let k = 0; k < 100; k++) expect(last.history.losses[k]).toBeCloseTo(1 / (k + 1), 6);
    expect(last.history.aAt(100)).toEqual([100, -100]);
  });

  it('a single step that fails on the old source is taken on the recovered one', async () => {
    const { snaps, loop } = setup(10, 60);
    const rescue = new CountingSource();
    loop.reset({ run: () => Promise.reject(new Error('lost')) }, 10, [0, 0]);
    loop.setRecovery(() => Promise.resolve(rescue));
    await loop.stepOnce();
    expect(snaps.at(-1)!.step).toBe(1);
    expect(snaps.at(-1)!.status).toBe('paused');
    expect(rescue.batches).toEqual([1]);
  });

  it('jump runs to the end with no animation frame, and a pause stops it where it is', async () => {
    const { clock, source, snaps, loop } = setup(1000, 1);
    await loop.jump();
    expect(clock.pending).toBe(0);
    expect(snaps.at(-1)!.status).toBe('done');
    expect(snaps.at(-1)!.step).toBe(1000);
    expect(source.batches.every((k) => k <= MAX_STEPS_PER_FRAME)).toBe(true);
    // No snapshot showed a half-finished run in between (the jump is quick: no progress tick).
    expect(snaps.filter((s) => s.step > 0 && s.step < 1000)).toEqual([]);

    const second = setup(1000, 1);
    const jumping = second.loop.jump();
    second.loop.pause();
    await jumping;
    expect(second.snaps.at(-1)!.status).toBe('paused');
    expect(second.snaps.at(-1)!.step).toBeLessThan(1000);
  });

  it('sizes batches to BATCH_BUDGET_MS at the measured pace, so a slow backend never queues a long batch', async () => {
    let now = 0;
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => now);
    try {
      const { clock, source, loop } = setup(10_000, 2000); // asks for ~33 steps a frame
      const slow: StepSource = {
        run: (k) => {
          now += 20 * k; // 20 ms per step
          return source.run(k);
        },
      };
      loop.reset(slow, 10_000, [0, 0]);
      loop.play();
      for (let i = 0; i < 40; i++) await clock.frame();
      const late = source.batches.slice(10);
      expect(late.length).toBeGreaterThan(0);
      expect(Math.max(...late) * 20).toBeLessThanOrEqual(BATCH_BUDGET_MS);
      // The largest power of two within the budget: 4 steps of 20 ms.
      expect(Math.min(...late)).toBe(powerOfTwoAtMost(Math.floor(BATCH_BUDGET_MS / 20)));
    } finally {
      spy.mockRestore();
    }
  });

  it('takes batches in power-of-two sizes only, so WebGL compiles its packing program for few sizes', async () => {
    expect([0, 1, 2, 3, 5, 8, 399, 400].map(powerOfTwoAtMost)).toEqual([0, 1, 2, 2, 4, 8, 256, 256]);
    const { clock, source, loop } = setup(1000, 600);
    loop.play();
    for (let i = 0; i < 30; i++) await clock.frame(10 + (i % 7) * 3); // uneven frames ask for uneven steps
    expect(source.batches.length).toBeGreaterThan(10);
    for (const k of source.batches) expect(Math.log2(k) % 1).toBe(0);
  });
});
