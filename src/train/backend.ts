import type { BackendName } from '../params/table';
import { tf } from './tf';

export interface BackendChoice {
  /** The backend that actually runs. */
  name: BackendName;
  /** Why it differs from the requested one, for a visible notice; empty when it does not. */
  fallbackReason: string;
}

async function tryWebgl(): Promise<string> {
  try {
    await import('@tensorflow/tfjs-backend-webgl');
    // Shapes as uniforms: a change of n reuses the compiled shaders instead of compiling ~17 new ones.
    tf.env().set('WEBGL_USE_SHAPES_UNIFORMS', true);
    // Free textures at once, so that shrinking n really releases GPU memory.
    tf.env().set('WEBGL_DELETE_TEXTURE_THRESHOLD', 0);
    // Built-in ops unpacked (one float a texel): this page's tensors are thin ([n, 2], [n], [2]), so
    // packing saves little work but costs pack/unpack passes between ops. An autodiff step at n = 100
    // dispatches 18 programs instead of 26 and runs ~1.4× faster; at 1e4 and 1e6 it is faster too.
    // Set before the backend starts: the per-op packing flags take their defaults from this one.
    tf.env().set('WEBGL_PACK', false);
    // ...and so would lazy unpacking, which must stay on: the fused kernel's programs are packed, and
    // eager unpacking would unpack their outputs only to pack them again for the next step (the
    // million points included: 41 ms a step instead of 18).
    tf.env().set('WEBGL_LAZILY_UNPACK', true);
    // setBackend reports failure by returning false, not by throwing.
    if (!(await tf.setBackend('webgl'))) return 'WebGL could not start in this browser';
    // Without float32 render targets (some phones) tfjs computes in half floats: about 3 significant
    // digits, and a sum over 1e5 squared residuals overflows at 65,504. The log would not be the
    // post's numbers, and a large n would look like a divergence.
    if (!tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED'))
      return 'WebGL on this device computes in 16-bit floats, too coarse for these numbers';
    return '';
  } catch (e) {
    return `WebGL failed to start (${e instanceof Error ? e.message : String(e)})`;
  }
}

async function tryWasm(): Promise<string> {
  // A page policy that forbids compiling WebAssembly is the usual reason: say so, not just "failed".
  const policy = { refused: false };
  const onViolation = (e: SecurityPolicyViolationEvent): void => {
    if (e.blockedURI === 'wasm-eval') policy.refused = true;
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  try {
    const [wasm, plain, simd, threaded] = await Promise.all([
      import('@tensorflow/tfjs-backend-wasm'),
      // The binaries are served from our own build, never from a CDN.
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'),
      import('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'),
    ]);
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': new URL(plain.default, location.href).href,
      'tfjs-backend-wasm-simd.wasm': new URL(simd.default, location.href).href,
      'tfjs-backend-wasm-threaded-simd.wasm': new URL(threaded.default, location.href).href,
    });
    if (await tf.setBackend('wasm')) return '';
    // The violation event is queued as a task: let it arrive before reading the flag.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return policy.refused
      ? "WebAssembly is not allowed by this page's Content-Security-Policy (it needs 'wasm-unsafe-eval')"
      : 'WebAssembly could not start in this browser';
  } catch (e) {
    return `WebAssembly failed to start (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
}

/** Start the requested backend, falling back to cpu with a reason the page can show. */
export async function chooseBackend(requested: BackendName): Promise<BackendChoice> {
  if (requested === 'webgl' || requested === 'wasm') {
    const failure = requested === 'webgl' ? await tryWebgl() : await tryWasm();
    if (!failure) return { name: requested, fallbackReason: '' };
    await tf.setBackend('cpu');
    return { name: 'cpu', fallbackReason: `${failure}; training runs on the CPU backend instead.` };
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', fallbackReason: '' };
}

/** Thrown by a step batch whose WebGL context went away: its numbers, if any, are not to be trusted. */
export class ContextLostError extends Error {
  constructor() {
    super('the browser took back the WebGL context');
    this.name = 'ContextLostError';
  }
}

/** Knows whether the WebGL context of the running backend was lost, and says so when it happens. */
export interface ContextWatch {
  isLost(): boolean;
  /** Rejects with ContextLostError when the context is lost; never settles otherwise. */
  readonly lost: Promise<never>;
}

/** The part of tfjs's MathBackendWebGL the watch reads (typed by shape: no import of the webgl chunk). */
interface WebGLBackendShape {
  gpgpu: { gl: WebGLRenderingContext };
}

/**
 * A watch on the active WebGL backend's context, or null on other backends. Needed because a
 * readback pending when the context is lost never settles: without the watch, training would hang.
 */
export function watchContext(): ContextWatch | null {
  if (tf.getBackend() !== 'webgl') return null;
  const gl = (tf.backend() as unknown as WebGLBackendShape).gpgpu.gl;
  // One watch per context, however many Trainers ask.
  if (watched?.gl !== gl) watched = { gl, watch: newWatch(gl) };
  return watched.watch;
}

let watched: { gl: WebGLRenderingContext; watch: ContextWatch } | null = null;

function newWatch(gl: WebGLRenderingContext): ContextWatch {
  const canvas = gl.canvas as EventTarget;
  let lost = gl.isContextLost();
  const lostPromise = new Promise<never>((_resolve, reject) => {
    if (lost) reject(new ContextLostError());
    canvas.addEventListener(
      'webglcontextlost',
      () => {
        lost = true;
        reject(new ContextLostError());
      },
      { once: true },
    );
  });
  // Nobody may be waiting when it happens: that is not an unhandled rejection.
  lostPromise.catch(() => undefined);
  return { isLost: () => lost || gl.isContextLost(), lost: lostPromise };
}
