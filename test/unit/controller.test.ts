import { afterEach, describe, expect, it } from 'vitest';
import { RunController, type StepEvent } from '../../src/controller/controller';
import { defaultParams, type Params } from '../../src/params/table';
import { tf } from '../../src/train/tf';
import { num, optimRuns, torchRuns } from './fixtures';

const live: RunController[] = [];
afterEach(() => {
  for (const c of live.splice(0)) c.dispose();
});

/** A started controller on the cpu backend at full speed, with every event it emits recorded. */
async function started(over: Partial<Params> = {}) {
  const ctl = RunController.createNow({ ...defaultParams(), backend: 'cpu', speed: 2000, ...over });
  live.push(ctl);
  const log: { type: string; payload: unknown }[] = [];
  for (const type of ['change', 'run', 'step', 'seek', 'done', 'diverged', 'backend', 'notice', 'ready'] as const) {
    ctl.on(type, (payload: unknown) => log.push({ type, payload }));
  }
  await ctl.start();
  return { ctl, log, of: (type: string) => log.filter((e) => e.type === type).map((e) => e.payload) };
}

/** Resolves at the next event of `type`. */
const next = (ctl: RunController, type: 'done' | 'diverged' | 'run'): Promise<unknown> =>
  new Promise((resolve) => {
    const off = ctl.on(type, (p) => {
      off();
      resolve(p);
    });
  });

/** Waits until the controller's state satisfies `ok`, polling every 5 ms. */
async function until(ctl: RunController, ok: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out in state ${JSON.stringify(ctl.state.status)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('RunController (Node, cpu backend, no DOM)', () => {
  it('set → play → a step event for every step, in order, then done: the PyTorch run', async () => {
    const fixture = torchRuns().find((r) => r.name === 'noisy-small')!;
    const p = fixture.params;
    const { ctl, of } = await started({ seed: p.seed, n: p.n, noise: p.noise, steps: p.steps });
    expect(of('backend')).toEqual(['cpu']);
    expect(ctl.state.backend).toBe('cpu');
    expect(of('ready')).toHaveLength(1);
    const ran = next(ctl, 'run');
    ctl.set({ lr: p.lr });
    expect(((await ran) as { params: Params }).params.lr).toBe(p.lr);
    expect(of('change')).toEqual([expect.objectContaining({ lr: p.lr })]);
    const done = next(ctl, 'done');
    ctl.play();
    const end = (await done) as StepEvent;
    const steps = of('step') as StepEvent[];
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: p.steps }, (_, i) => i + 1));
    // Each step carries the loss PyTorch printed at it and a after it.
    steps.forEach((s, i) => {
      const want = num(fixture.losses[i]!);
      expect(Math.abs(s.loss! - want) / want, `step ${s.step}`).toBeLessThan(1e-5);
      const [a1, a2] = fixture.a_path[i + 1]!.map(num);
      expect(s.a[0]).toBeCloseTo(a1!, 4);
      expect(s.a[1]).toBeCloseTo(a2!, 4);
    });
    expect(end).toEqual(steps.at(-1));
    expect(of('done')).toHaveLength(1);
    expect(ctl.state.status).toBe('done');
  });

  it('startOnCpu: a WebGL run is ready on cpu at once; the move to WebGL comes later, and here (no WebGL in Node) falls back with a notice', async () => {
    const fixture = torchRuns().find((r) => r.name === 'noisy-small')!;
    const p = fixture.params;
    const ctl = RunController.createNow(
      {
        ...defaultParams(),
        backend: 'webgl',
        speed: 2000,
        seed: p.seed,
        n: p.n,
        noise: p.noise,
        steps: p.steps,
        lr: p.lr,
      },
      { startOnCpu: true },
    );
    live.push(ctl);
    const backends: string[] = [];
    ctl.on('backend', (b) => backends.push(b));
    await ctl.start();
    // Ready, on cpu, and WebGL not tried yet: nothing has fallen back.
    expect(ctl.state.backend).toBe('cpu');
    expect(ctl.state.notices.filter((n) => /WebGL/.test(n))).toEqual([]);
    const done = next(ctl, 'done');
    ctl.play();
    await done;
    const losses = ctl.state.snapshot!.history.losses;
    fixture.losses.forEach((l, i) => expect(Math.abs(losses[i]! - num(l)) / num(l)).toBeLessThan(1e-5));
    // Quiet now: WebGL is tried, cannot start in Node, and says so; training stays on cpu.
    await until(ctl, () => ctl.state.notices.some((n) => /WebGL/.test(n) && /CPU backend/.test(n)));
    expect(ctl.state.backend).toBe('cpu');
    expect(backends).toEqual(['cpu']);
    const again = next(ctl, 'done');
    ctl.reset();
    ctl.play();
    await again;
    expect(ctl.state.snapshot!.history.losses[p.steps - 1]).toBeCloseTo(num(fixture.losses[p.steps - 1]!), 5);
  });

  it('startOnCpu: Run pressed as the move to WebGL starts is carried out after it, and the controls stay live meanwhile', async () => {
    // Frames by hand: the move starts at the 24th quiet frame, and Run is pressed right then.
    let frames: ((t: number) => void)[] = [];
    const clock = {
      requestFrame: (cb: (t: number) => void) => frames.push(cb),
      cancelFrame: () => undefined,
      soon: (cb: () => void) => void setTimeout(cb, 0),
    };
    const tick = async (): Promise<void> => {
      const due = frames;
      frames = [];
      for (const cb of due) cb(performance.now());
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };
    const ctl = RunController.createNow(
      { ...defaultParams(), backend: 'webgl', speed: 2000 },
      { startOnCpu: true, clock },
    );
    live.push(ctl);
    await ctl.start();
    for (let i = 0; i < 24; i++) await tick();
    // The move holds commands now (a backend is starting), without greying out the controls.
    expect(ctl.state.busy).toBe(false);
    ctl.play();
    expect(ctl.state.status).toBe('ready');
    const done = next(ctl, 'done');
    const end = { ended: false };
    void done.then(() => (end.ended = true));
    for (let i = 0; i < 2000 && !end.ended; i++) {
      await tick();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(end.ended).toBe(true);
    expect(ctl.state.snapshot!.step).toBe(ctl.state.params.steps);
  });

  it('the race: step, then an lr move in the same task; the new run plays from 0 to its end', async () => {
    const { ctl, of } = await started({ steps: 100 });
    void ctl.step();
    ctl.set({ lr: 0.2 });
    // The broken loop stopped the new run at "step 2 / 100, paused": it never got to done.
    await until(ctl, () => ctl.state.status === 'done', 10_000);
    expect(ctl.state.run.params.lr).toBe(0.2);
    expect(ctl.state.snapshot!.step).toBe(100);
    expect(ctl.state.status).toBe('done');
    // The new run's steps, each once: the old run's single step may come first, never after.
    const steps = (of('step') as StepEvent[]).map((s) => s.step);
    expect(steps.slice(-100)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('a diverging run emits diverged once, stops at that step, and takes no more steps', async () => {
    const { ctl, of } = await started({ lr: 3, steps: 500 });
    const diverged = next(ctl, 'diverged');
    ctl.play();
    const at = (await diverged) as StepEvent;
    expect(at.step).toBeLessThan(500);
    expect(ctl.state.status).toBe('diverged');
    // The a it reports is the last finite one, never NaN.
    expect(at.a.every(Number.isFinite)).toBe(true);
    ctl.play();
    await ctl.step();
    await new Promise((r) => setTimeout(r, 100));
    expect(of('diverged')).toHaveLength(1);
    expect(of('done')).toHaveLength(0);
    expect(Math.max(...(of('step') as StepEvent[]).map((s) => s.step))).toBe(at.step);
  });

  it('seek emits the state at that step, and every view reads it as the cursor', async () => {
    const { ctl, of } = await started({ steps: 40 });
    ctl.play();
    await next(ctl, 'done');
    const h = ctl.state.snapshot!.history;
    ctl.seek(12);
    expect(of('seek').at(-1)).toEqual({ step: 12, loss: h.losses[11], a: h.aAt(12) });
    expect(ctl.state.cursor).toBe(12);
    ctl.seek(0);
    expect(of('seek').at(-1)).toEqual({ step: 0, loss: null, a: h.aAt(0) });
    // Seeking to the newest step (or null) follows the run again.
    ctl.seek(40);
    expect(ctl.state.cursor).toBe(40);
    ctl.seek(-5);
    expect(ctl.state.cursor).toBe(0);
    ctl.seek(null);
    expect(ctl.state.cursor).toBe(40);
  });

  it('a burst of 100 set calls ends in the state of the last one, with a flat tensor count', async () => {
    const { ctl } = await started({ steps: 20 });
    ctl.play();
    await next(ctl, 'done');
    const before = tf.memory().numTensors;
    const lrs = Array.from({ length: 100 }, (_, i) => Number((0.01 + i * 0.002).toPrecision(3)));
    for (let i = 0; i < lrs.length; i++) {
      ctl.set({ lr: lrs[i], noise: i % 3 === 0 ? 0.5 : 0 });
      // Some in the same task, some a task apart (each of those starts a run that the next replaces).
      if (i % 4 === 0) await new Promise((r) => setTimeout(r, 0));
      if (i % 10 === 0) ctl.play();
    }
    const last = { lr: lrs.at(-1)!, noise: 0.5 }; // i = 99 is a multiple of 3
    await until(ctl, () => ctl.state.run.params.lr === last.lr && ctl.state.status === 'done');
    expect(ctl.state.params).toMatchObject(last);
    expect(ctl.state.run.params).toMatchObject(last);
    expect(ctl.state.run.data.params.noise).toBe(last.noise);
    expect(ctl.state.snapshot!.step).toBe(20);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('checks values as the URL parser does: bad ones are corrected with a notice, unknown names ignored', async () => {
    const { ctl, of } = await started();
    ctl.set({ lr: 'abc', n: 1e9, bogus: 1 } as unknown as Partial<Params>);
    await next(ctl, 'run');
    expect(ctl.state.params.lr).toBe(0.1);
    expect(ctl.state.params.n).toBe(1_000_000);
    expect(of('notice')).toEqual([
      'lr="abc" is not a number; using the default 0.1.',
      'n="1000000000" is outside 2–1000000; using 1000000.',
      'Unknown parameter "bogus" was ignored.',
    ]);
    // null, as a host page's removed attribute sends it: back to the default.
    ctl.set({ noise: 0.5, lr: 0.3 });
    await next(ctl, 'run');
    ctl.set({ noise: null, lr: 0.2 });
    await next(ctl, 'run');
    expect(ctl.state.params).toMatchObject({ noise: 0, lr: 0.2 });
  });

  it('a speed change keeps the run; a data change makes new data; reset goes back to step 0', async () => {
    const { ctl, of } = await started({ steps: 30 });
    ctl.play();
    await next(ctl, 'done');
    const run = ctl.state.run;
    ctl.set({ speed: 10 });
    await Promise.resolve();
    expect(ctl.state.snapshot!.step).toBe(30);
    expect(ctl.state.run.data).toBe(run.data);
    expect(of('run')).toHaveLength(0);
    ctl.set({ seed: 7 });
    await next(ctl, 'run');
    expect(ctl.state.run.data).not.toBe(run.data);
    ctl.pause();
    ctl.reset();
    expect(ctl.state.snapshot!.step).toBe(0);
    expect(ctl.state.status).toBe('ready');
  });

  it('holdPlay: runs made while a point is held wait at step 0; on release the newest plays to its end', async () => {
    const { ctl, of } = await started({ steps: 30 });
    ctl.holdPlay(true);
    for (const seed of [3, 4, 5]) {
      ctl.set({ seed });
      await next(ctl, 'run');
      // Not a step of it taken while held: the next move throws it away.
      await new Promise((r) => setTimeout(r, 30));
      expect(ctl.state.status).toBe('ready');
      expect(ctl.state.snapshot!.step).toBe(0);
    }
    expect(of('step')).toHaveLength(0);
    ctl.holdPlay(false);
    await next(ctl, 'done');
    expect(ctl.state.run.params.seed).toBe(5);
    expect((of('step') as StepEvent[]).map((s) => s.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('holdPlay: a release while the last move’s run is still on its way lets that run play, once', async () => {
    const { ctl, of } = await started({ steps: 30 });
    ctl.holdPlay(true);
    ctl.set({ seed: 3 });
    await next(ctl, 'run');
    ctl.set({ seed: 4 });
    ctl.holdPlay(false);
    await next(ctl, 'done');
    expect(ctl.state.run.params.seed).toBe(4);
    expect(of('run')).toHaveLength(2);
    expect((of('step') as StepEvent[]).map((s) => s.step)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Without a hold, a change plays at once, as before.
    ctl.set({ seed: 6 });
    await next(ctl, 'done');
    expect(ctl.state.run.params.seed).toBe(6);
  });

  // Replay and the divergence guard hold for every optimizer, as the controller drives them.
  const paramsOf = (name: string): Partial<Params> => {
    const p = optimRuns().find((r) => r.name === name)!.params;
    return { ...p, nesterov: p.nesterov === 1 ? '1' : '0' };
  };

  it.each(['nesterov', 'adam-betas', 'minibatch-momentum'])(
    'torch.optim run %s: seek gives PyTorch’s a and printed loss at each step',
    async (name) => {
      const fixture = optimRuns().find((r) => r.name === name)!;
      const { ctl, of } = await started(paramsOf(name));
      ctl.play();
      await next(ctl, 'done');
      for (const k of [1, 7, fixture.params.steps]) {
        ctl.seek(k);
        const at = of('seek').at(-1) as StepEvent;
        const want = fixture.steps[k - 1]!;
        expect(at.step).toBe(k);
        expect(Math.abs(at.loss! - num(want.loss)) / num(want.loss), `loss at ${k}`).toBeLessThan(1e-5);
        expect(at.a[0]).toBeCloseTo(num(want.a[0]), 4);
        expect(at.a[1]).toBeCloseTo(num(want.a[1]), 4);
      }
    },
  );

  it.each([
    ['momentum', { momentum: 0.9, lr: 2 }],
    ['Nesterov on mini-batches', { momentum: 0.9, nesterov: '1', batch: 10, lr: 1.5 }],
    ['Adam', { opt: 'adam', lr: 1e5 }],
  ] as [string, Partial<Params>][])('%s diverging: diverged once, and no step after it', async (_, over) => {
    const { ctl, of } = await started({ steps: 400, ...over });
    const diverged = next(ctl, 'diverged');
    ctl.play();
    const at = (await diverged) as StepEvent;
    expect(ctl.state.status).toBe('diverged');
    expect(at.a.every(Number.isFinite)).toBe(true);
    await ctl.step();
    await new Promise((r) => setTimeout(r, 50));
    expect(of('diverged')).toHaveLength(1);
    expect(of('done')).toHaveLength(0);
    expect(Math.max(...(of('step') as StepEvent[]).map((s) => s.step))).toBe(at.step);
  });
});
