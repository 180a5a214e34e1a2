/**
 * The sizes of n at which the page changes how it works, in one place. Each was measured on the
 * reference machine (2 cores, WebGL on SwiftShader; docs/ARCHITECTURE.md).
 */

/**
 * Up to this n the page times webgl against cpu once tfjs has loaded, before any Run, and says
 * which is faster here: the probe's steps stay under ~100 ms in all. Beyond it the reader asks.
 */
export const COMPARE_AT_START_MAX_N = 20_000;

/** From this n the data is made in chunks between frames (≈ 30 ms a million points otherwise). */
export const ASYNC_DATA_N = 50_000;

/**
 * From this n autodiff's dozen passes over the data dominate a WebGL step, so the page suggests
 * the fused closed form; and a backend comparison times single steps (a cpu step here is tens of ms).
 */
export const LARGE_N = 100_000;
