import type { StepEvent } from '../controller/controller';
import { PRESETS } from '../presets';
import { plainParams } from '../params/plain';
import type { App } from '../view/app';
import { MSG_EVENT, MSG_SIZE, readCall, readVisible, type CallMessage, type EventName } from './protocol';

/** The host's origin: what the browser reports, else what the loader said if it is a real origin. */
function hostOrigin(claimed: string | null): string | null {
  // Firefox has no ancestorOrigins, whatever the DOM typings say.
  const origins = location.ancestorOrigins as DOMStringList | undefined;
  const reported = origins?.[0];
  if (reported) return reported;
  if (!claimed) return null;
  try {
    const u = new URL(claimed);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === claimed ? claimed : null;
  } catch {
    return null;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Carry out a host page's call; arguments of the wrong shape are ignored, values are checked by the controller. */
function carryOut(app: App, call: CallMessage): void {
  const { ctl } = app;
  const arg = call.args[0];
  if (call.method === 'set') {
    if (isPlainObject(arg)) ctl.set(arg);
  } else if (call.method === 'seek') {
    if (arg === null || (typeof arg === 'number' && Number.isFinite(arg))) ctl.seek(arg);
  } else if (call.method === 'preset') {
    const preset = PRESETS.find((p) => p.id === arg);
    if (preset) ctl.set(preset.apply(ctl.state.run.stability));
  } else if (call.method === 'step') void ctl.step();
  else ctl[call.method]();
}

/**
 * The events a host page hears: every step whose counter is a multiple of 10 and the newest step,
 * at most once an animation frame; change, done and diverged as they happen (after the steps
 * before them).
 */
function forwardEvents(app: App, post: (name: EventName, details: unknown[]) => void): void {
  const { ctl } = app;
  let queued: StepEvent[] = [];
  let newest: StepEvent | null = null;
  let frame = 0;
  const flush = (): void => {
    cancelAnimationFrame(frame);
    frame = 0;
    if (newest && queued.at(-1) !== newest) queued.push(newest);
    if (queued.length) post('step', queued);
    queued = [];
    newest = null;
  };
  ctl.on('step', (e) => {
    if (e.step % 10 === 0) queued.push(e);
    newest = e;
    frame ||= requestAnimationFrame(flush);
  });
  ctl.on('run', () => {
    queued = [];
    newest = null;
  });
  ctl.on('change', (p) => post('change', [plainParams(p)]));
  for (const end of ['done', 'diverged'] as const) {
    ctl.on(end, (e) => {
      flush();
      post(end, [e]);
    });
  }
  void app.ready.then(() => post('ready', [plainParams(ctl.state.params)]));
}

/**
 * Inside an iframe: report the content height to the host page (only to its origin), pause while
 * the host says the frame is off-screen or the tab is hidden, carry out the host's calls and tell
 * it what happens. Listening starts at once, before the app has started: nothing is lost.
 */
export function connectToHost(started: Promise<App>, claimedHost: string | null, laidOut: Promise<unknown>): void {
  let onScreen = true;
  const update = (): void =>
    void started.then((app) => {
      app.ctl.setVisible(onScreen && !document.hidden);
      app.renderer.renderNow();
    });
  document.addEventListener('visibilitychange', update);
  if (window.parent === window) return;
  const host = hostOrigin(claimedHost);
  if (!host) return;
  const post = (message: object): void => window.parent.postMessage(message, host);

  let last = -1;
  const report = (): void => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    post({ type: MSG_SIZE, height });
  };
  // Not before the panels have their heights: the host reserved the laid-out height, and a report
  // of the half-built page would make it shift.
  void laidOut.then(() => {
    new ResizeObserver(report).observe(document.body);
    report();
  });

  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.origin !== host || e.source !== window.parent) return;
    const visible = readVisible(e.data);
    if (visible !== null) {
      onScreen = visible;
      // Visible in the DOM, for the reader's tools and the tests: what the host last said.
      document.documentElement.dataset.onScreen = String(onScreen);
      update();
      return;
    }
    const call = readCall(e.data);
    if (call) void started.then((app) => carryOut(app, call));
  });
  void started.then((app) => forwardEvents(app, (name, details) => post({ type: MSG_EVENT, name, details })));
}
