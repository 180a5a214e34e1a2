import type { BackendName } from '../params';
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
    // setBackend reports failure by returning false, not by throwing.
    if (await tf.setBackend('webgl')) return '';
    return 'WebGL could not start in this browser';
  } catch (e) {
    return `WebGL failed to start (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Start the requested backend, falling back to cpu with a reason the page can show. */
export async function chooseBackend(requested: BackendName): Promise<BackendChoice> {
  if (requested === 'webgl') {
    const failure = await tryWebgl();
    if (!failure) return { name: 'webgl', fallbackReason: '' };
    await tf.setBackend('cpu');
    return { name: 'cpu', fallbackReason: `${failure}; training runs on the CPU backend instead.` };
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { name: 'cpu', fallbackReason: '' };
}
