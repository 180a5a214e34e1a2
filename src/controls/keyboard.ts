import { h } from '../notebook/dom';
import type { Action } from './controls';

/** Which action a key stands for, or null. */
function actionFor(e: KeyboardEvent, running: boolean): Action | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.key === ' ') return running ? 'pause' : 'run';
  if (e.key === 'ArrowRight') return 'step';
  if (e.key === 'r' || e.key === 'R') return 'reset';
  return null;
}

/** Elements that own these keys themselves: typing, sliders, menus, buttons (Space presses them). */
function ownsKeys(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    !!target.closest('input, textarea, select, button, summary, [role="tab"], [contenteditable]')
  );
}

/**
 * Space play/pause, → one step, R reset. The listener is on this document only, so inside an
 * embed the keys work when the frame has focus and never reach (or steal from) the host blog.
 */
export function bindShortcuts(isRunning: () => boolean, act: (a: Action) => void): void {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || ownsKeys(e.target)) return;
    const action = actionFor(e, isRunning());
    if (!action) return;
    e.preventDefault();
    act(action);
  });
}

/** The list of shortcuts, for the help popover. */
export function shortcutHelp(): HTMLElement {
  const row = (key: string, what: string): HTMLElement => h('li', {}, h('kbd', {}, key), ` ${what}`);
  return h(
    'details',
    { class: 'shortcuts' },
    h('summary', {}, 'Keyboard shortcuts'),
    h('ul', {}, row('Space', 'run / pause'), row('\u2192', 'one step'), row('R', 'reset')),
    h('p', { class: 'hint' }, 'They work while this page has the focus, never inside a text field or slider.'),
  );
}

/**
 * A polite live region that reads out the loss every 10 steps, like the post's printout, at most
 * once every `minGapMs` so a fast run does not flood a screen reader.
 */
export class LossAnnouncer {
  readonly el = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'loss-announcer' });
  private lastAt = -Infinity;
  private lastStep = -1;

  constructor(private readonly minGapMs = 2000) {}

  /** `final`: the run ended, so its last printed loss is read out whatever the throttle says. */
  announce(step: number, loss: number, final = false, now = performance.now()): void {
    if (step === this.lastStep || (!final && now - this.lastAt < this.minGapMs)) return;
    this.lastAt = now;
    this.lastStep = step;
    this.el.textContent = `Step ${step}: loss ${loss.toPrecision(4)}`;
  }

  reset(): void {
    this.lastAt = -Infinity;
    this.lastStep = -1;
    this.el.textContent = '';
  }
}
