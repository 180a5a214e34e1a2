/** Animation frames and soon-tasks for the training loop; a test passes a clock it advances by hand. */
export interface Clock {
  requestFrame(cb: (t: number) => void): number;
  cancelFrame(id: number): void;
  /** Run cb soon, in a task of its own. */
  soon(cb: () => void): void;
}

/** Frames every 16 ms from timers: where there is no requestAnimationFrame (Node, a worker). */
const timerClock: Clock = {
  requestFrame: (cb) => Number(setTimeout(() => cb(performance.now()), 16)),
  cancelFrame: (id) => clearTimeout(id),
  soon: (cb) => setTimeout(cb, 0),
};

export const defaultClock: Clock =
  typeof requestAnimationFrame === 'function'
    ? {
        requestFrame: (cb) => requestAnimationFrame(cb),
        cancelFrame: (id) => cancelAnimationFrame(id),
        soon: (cb) => setTimeout(cb, 0),
      }
    : timerClock;
