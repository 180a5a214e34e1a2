import { describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/train/clock';
import { Loop, type Snapshot, type StepSource } from '../../src/train/loop';
import { BATCH_BUDGET_MS, MAIN_THREAD_BUDGET_MS, MAX_STEPS_PER_FRAME } from '../../src/train/pace';
import type { StepBatch } from '../../src/core/history';
import { batchOf } from './fixtures';

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
  private tasks: (() => void)[] = [];
  soon(cb: () => void): void {
    this.tasks.push(cb);
  }
  get pending(): number {
    return this.cbs.size;
  }
  /** Run one frame's callbacks `ms` after the last, but none of the tasks they queued. */
  frameOnly(ms = 1000 / 60): void {
    this.t += ms;
    const cbs = [...this.cbs.values()];
    this.cbs.clear();
    cbs.forEach((cb) => cb(this.t));
  }
  /** Run one frame, then the tasks it queued, then let the readbacks they started resolve. */
  async frame(ms = 1000 / 60): Promise<void> {
    this.frameOnly(ms);
    const tasks = this.tasks;
    this.tasks = [];
    tasks.forEach((cb) => cb());
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
    return Promise.resolve(batchOf(losses, aAfter));
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
    // 10 a frame, give or take a frame's rounding.
    expect(Math.max(...source.batches)).toBeLessThanOrEqual(11);
    // About 600 steps/s over 20 frames at 60 Hz: 200 steps, give or take the first frame.
    expect(source.done).toBeGreaterThan(170);
    expect(source.done).toBeLessThan(215);
  });

  it('never queues more than MAX_STEPS_PER_FRAME, and never past the last step', async () => {
    const { clock, source, loop, snaps } = setup(1000, 1e6);
    loop.play();
    // Frames until done (10 or so; more when a stalled machine makes the measured pace slow).
    for (let f = 0; f < 500 && snaps.at(-1)!.status !== 'done'; f++) await clock.frame();
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
    release(batchOf(new Float32Array([9]), new Float32Array([9, 9])));
    await Promise.resolve();
    expect(snaps.at(-1)!.step).toBe(0);
    expect(snaps.at(-1)!.history.aAt(0)).toEqual([5, 5]);
  });

  it('a Step clicked in the same task as a new run never touches that run: it plays from 0 to the end', async () => {
    // The page's race: Step, then an lr move before the step's task resumes. The step's promise
    // used to go on with the new run (one step on its source, then "paused" at step 2).
    const { clock, loop, snaps } = setup(100, 600);
    const stepping = loop.stepOnce();
    const fresh = new CountingSource();
    loop.reset(fresh, 100, [0, 0]);
    loop.play();
    await stepping;
    while (snaps.at(-1)!.status === 'running') await clock.frame();
    const last = snaps.at(-1)!;
    expect(last.status).toBe('done');
    expect(last.step).toBe(100);
    // Every step of the new run exactly once, in order, all of them on its own source.
    expect(fresh.done).toBe(100);
    for (let k = 0; k < 100; k++) expect(last.history.losses[k]).toBeCloseTo(1 / (k + 1), 6);
  });

  it('Run pressed while a single step is in flight keeps running after that step lands', async () => {
    const { clock, loop, snaps, source } = setup(50, 600);
    const stepping = loop.stepOnce();
    loop.play();
    await stepping;
    while (snaps.at(-1)!.status === 'running') await clock.frame();
    expect(snaps.at(-1)!.status).toBe('done');
    expect(source.done).toBe(50);
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
    loop.setRecovery((history, step) => {
      seen.push({ a: history.aAt(step), step });
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

  it('hands a playing run over to another source at a batch boundary: no batch runs meanwhile, none is lost', async () => {
    const { clock, source, snaps, loop } = setup(100, 600);
    loop.play();
    for (let f = 0; f < 3; f++) await clock.frame();
    // The new source counts on from where the history stands, so any skip or repeat shows.
    const next = new CountingSource();
    let made: (s: StepSource) => void = () => undefined;
    let askedAt = -1;
    const handing = loop.handOver((history, step) => {
      askedAt = step;
      expect(history.aAt(step)).toEqual([step, -step]);
      next.done = step;
      return new Promise<StepSource>((resolve) => (made = resolve));
    });
    // Frames go on while the new source is made (a backend compiling): no batch on either source.
    for (let f = 0; f < 5; f++) await clock.frame();
    const before = source.done;
    expect(askedAt).toBe(before);
    for (let f = 0; f < 10; f++) await clock.frame();
    expect(source.done).toBe(before);
    expect(next.batches).toEqual([]);
    expect(snaps.at(-1)!.status).toBe('running');
    made(next);
    await handing;
    while (snaps.at(-1)!.status === 'running') await clock.frame();
    const last = snaps.at(-1)!;
    expect(last.status).toBe('done');
    expect(source.done).toBe(before);
    for (let k = 0; k < 100; k++) expect(last.history.losses[k]).toBeCloseTo(1 / (k + 1), 6);
    expect(last.history.aAt(100)).toEqual([100, -100]);
  });

  it('a hand-over that declines, or that a reset overtakes, leaves the source as it is', async () => {
    const { clock, source, snaps, loop } = setup(20, 60);
    await loop.handOver(() => Promise.resolve(null));
    await loop.stepOnce();
    expect(source.done).toBe(1);
    // A reset while the new source is made: the new run keeps its own source, and waits for the
    // hand-over to settle before its first batch (the backend may be half switched).
    const fresh = new CountingSource();
    const late = new CountingSource();
    let made: (s: StepSource) => void = () => undefined;
    const handing = loop.handOver(() => new Promise<StepSource>((resolve) => (made = resolve)));
    await Promise.resolve();
    loop.reset(fresh, 20, [0, 0]);
    const stepped = loop.stepOnce();
    loop.play();
    for (let f = 0; f < 5; f++) await clock.frame();
    expect(fresh.done).toBe(0);
    made(late);
    await handing;
    await stepped;
    while (snaps.at(-1)!.status === 'running') await clock.frame();
    expect(fresh.done).toBe(20);
    expect(late.batches).toEqual([]);
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

  /** Runs `setup` with performance.now() under the test's control; `now.ms` is the clock. */
  async function withFakeNow(body: (now: { ms: number }) => Promise<void>): Promise<void> {
    const now = { ms: 0 };
    const spy = vi.spyOn(performance, 'now').mockImplementation(() => now.ms);
    try {
      await body(now);
    } finally {
      spy.mockRestore();
    }
  }

  it('sizes batches to BATCH_BUDGET_MS at the measured pace, so a slow backend never queues a long batch', () =>
    withFakeNow(async (now) => {
      const { clock, source, loop } = setup(10_000, 2000); // asks for ~33 steps a frame
      // 20 ms a step, all of it waiting for the backend (as WebGL at large n): the main thread is free.
      const slow: StepSource = {
        run: (k) =>
          Promise.resolve().then(() => {
            now.ms += 20 * k;
            return source.run(k);
          }),
      };
      loop.reset(slow, 10_000, [0, 0]);
      loop.play();
      for (let i = 0; i < 40; i++) await clock.frame();
      const late = source.batches.slice(10);
      expect(late.length).toBeGreaterThan(0);
      expect(Math.max(...late) * 20).toBeLessThanOrEqual(BATCH_BUDGET_MS);
      expect(Math.min(...late)).toBe(Math.floor(BATCH_BUDGET_MS / 20));
    }));

  it('keeps the synchronous part of a batch within MAIN_THREAD_BUDGET_MS, so playing makes no long tasks', () =>
    withFakeNow(async (now) => {
      const { clock, source, loop } = setup(10_000, 2000);
      // 4 ms a step, all on the main thread (as the cpu backend): the wall budget alone would allow 25.
      const busy: StepSource = {
        run: (k) => {
          now.ms += 4 * k;
          return source.run(k);
        },
      };
      loop.reset(busy, 10_000, [0, 0]);
      loop.play();
      for (let i = 0; i < 40; i++) await clock.frame();
      const late = source.batches.slice(10);
      expect(late.length).toBeGreaterThan(0);
      expect(Math.max(...late) * 4).toBeLessThanOrEqual(MAIN_THREAD_BUDGET_MS);
      expect(Math.min(...late)).toBe(Math.floor(MAIN_THREAD_BUDGET_MS / 4));
    }));

  it('when the main thread slows down, the very next batch fits the budget at the slower pace', () =>
    withFakeNow(async (now) => {
      const { clock, source, loop } = setup(10_000, 2000);
      // 1 ms a step on the main thread, then 3 ms from step 300 on (a GC, a busy core).
      const costs: number[] = [];
      const changing: StepSource = {
        run: (k) => {
          const perStep = source.done >= 300 ? 3 : 1;
          costs.push(perStep);
          now.ms += perStep * k;
          return source.run(k);
        },
      };
      loop.reset(changing, 10_000, [0, 0]);
      loop.play();
      for (let i = 0; i < 80; i++) await clock.frame();
      const firstSlow = costs.indexOf(3);
      expect(firstSlow).toBeGreaterThan(0);
      const after = source.batches.slice(firstSlow + 1);
      expect(after.length).toBeGreaterThan(5);
      for (const k of after) expect(k * 3).toBeLessThanOrEqual(MAIN_THREAD_BUDGET_MS);
    }));

  it('gives each batch a deadline MAIN_THREAD_BUDGET_MS away; steps a source leaves out are taken later, each once', () =>
    withFakeNow(async (now) => {
      const { clock, source, snaps, loop } = setup(2000, 2000);
      const asked: number[] = [];
      // 1 ms a step, except that every third batch hits 7 ms a step (a GC): only the deadline holds it.
      let calls = 0;
      const jumpy: StepSource = {
        run: (k, deadline = Infinity) => {
          asked.push(k);
          const perStep = ++calls % 3 === 0 ? 7 : 1;
          const start = now.ms;
          let taken = 0;
          while (taken === 0 || (taken < k && now.ms < deadline)) {
            now.ms += perStep;
            taken++;
          }
          expect(deadline).toBe(start + MAIN_THREAD_BUDGET_MS);
          return source.run(taken);
        },
      };
      loop.reset(jumpy, 2000, [0, 0]);
      loop.play();
      while (snaps.at(-1)!.status !== 'done') await clock.frame();
      // Some batches were cut short, and none ran past the deadline by more than its last step.
      expect(source.batches.some((taken, i) => taken < asked[i]!)).toBe(true);
      expect(Math.max(...source.batches.map((t, i) => (i % 3 === 2 ? 7 : 1) * t))).toBeLessThanOrEqual(
        MAIN_THREAD_BUDGET_MS + 7,
      );
      // Every step exactly once, in order.
      const h = snaps.at(-1)!.history;
      expect(h.length).toBe(2000);
      for (let k = 0; k < 2000; k += 97) expect(h.losses[k]).toBeCloseTo(1 / (k + 1), 6);
      expect(h.aAt(2000)).toEqual([2000, -2000]);
    }));

  it('never asks a source for more steps than its maxBatch', async () => {
    const { clock, source, loop } = setup(1000, 1e6);
    const capped: StepSource = { maxBatch: 7, run: (k) => source.run(k) };
    loop.reset(capped, 1000, [0, 0]);
    loop.play();
    for (let i = 0; i < 30; i++) await clock.frame();
    expect(source.done).toBeGreaterThan(100);
    expect(Math.max(...source.batches)).toBe(7);
    const jumper = setup(100, 60);
    const cappedJump: StepSource = { maxBatch: 3, run: (k) => jumper.source.run(k) };
    jumper.loop.reset(cappedJump, 100, [0, 0]);
    await jumper.loop.jump();
    expect(jumper.source.done).toBe(100);
    expect(Math.max(...jumper.source.batches)).toBe(3);
  });

  it('starts batches in a task of their own, never inside the frame that draws', async () => {
    const { clock, source, loop } = setup(1000, 600);
    loop.play();
    await loop.idle();
    await clock.frame();
    const before = source.batches.length;
    clock.frameOnly();
    expect(source.batches.length).toBe(before);
    await clock.frame(0);
    expect(source.batches.length).toBe(before + 1);
    // A pause before the task runs: the batch is not started.
    clock.frameOnly();
    loop.pause();
    await clock.frame(0);
    expect(source.batches.length).toBe(before + 1);
  });

  it('takes the first step when play is pressed, before any animation frame', async () => {
    const { source, loop, snaps } = setup(100, 60);
    loop.play();
    expect(source.batches).toEqual([1]);
    await loop.idle();
    await Promise.resolve();
    expect(snaps.at(-1)!.step).toBe(1);
    // A play while the previous batch is still in flight waits for it: never two batches at once.
    const slowClock = new FakeClock();
    let release: (b: StepBatch) => void = () => undefined;
    let calls = 0;
    const slow: StepSource = {
      run: () => {
        calls++;
        return new Promise<StepBatch>((r) => (release = r));
      },
    };
    const second = new Loop(slow, 10, [0, 0], 60, () => undefined, slowClock);
    second.play();
    second.pause();
    second.play();
    expect(calls).toBe(1);
    release(batchOf(new Float32Array([1]), new Float32Array([1, 1])));
    await second.idle();
    // The step the second play asked for is taken at the next frame, once the first has landed.
    await slowClock.frame();
    expect(calls).toBe(2);
  });
});
