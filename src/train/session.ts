import type { Dataset } from '../core/dataset';
import type { BackendName } from '../params';
import { chooseBackend, type BackendChoice } from './backend';
import { tf } from './tf';
import { Trainer } from './trainer';

/** Everything the page needs from the tfjs side, behind one dynamic import. */
export { chooseBackend, Trainer };
export type { BackendChoice };

/**
 * Compile the backend's programs for this n with one throwaway step, so the reader's first
 * Run does not pay for shader compilation (280–600 ms on WebGL, DESIGN.md §4).
 */
export async function warmUp(data: Dataset): Promise<void> {
  const t = new Trainer(data, 0);
  try {
    await t.run(1);
  } finally {
    t.dispose();
  }
}

export function tensorCount(): number {
  return tf.memory().numTensors;
}

export function activeBackend(): BackendName {
  return tf.getBackend() as BackendName;
}
