import { beforeAll, describe, expect, it } from 'vitest';
import { CHUNK, makeLine, makeLineAsync } from '../../src/core/dataset';
import { MAX_PLOT_POINTS, plotSample, subsampleIndices } from '../../src/core/subsample';
import { chooseBackend } from '../../src/train/backend';
import { tf } from '../../src/train/tf';
import { plainSpec, Trainer } from '../../src/train/trainer';

beforeAll(async () => {
  await chooseBackend('cpu');
});

describe('large n', () => {
  it('chunked generation yields between chunks and gives exactly the same data', async () => {
    const params = { seed: 5, n: 3 * CHUNK + 123, noise: 0.5 };
    let pauses = 0;
    const chunked = await makeLineAsync(params, () => {
      pauses++;
      return Promise.resolve();
    });
    const whole = makeLine(params);
    expect(pauses).toBeGreaterThanOrEqual(8);
    expect(chunked.x0).toEqual(whole.x0);
    expect(chunked.y).toEqual(whole.y);
    expect(chunked.aInit).toEqual(whole.aInit);
  });

  it('figures get at most MAX_PLOT_POINTS points, spread over all the data, and say so', () => {
    const data = makeLine({ seed: 1, n: 1_000_000, noise: 0 });
    const s = plotSample(data.x0, data.y);
    expect(s.x0.length).toBe(MAX_PLOT_POINTS);
    expect(s.note).toBe('2,000 of 1,000,000 points shown');
    const idx = subsampleIndices(1_000_000);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBeGreaterThan(999_000);
    expect(new Set(idx).size).toBe(idx.length);
    const small = plotSample(data.x0.subarray(0, 100), data.y.subarray(0, 100));
    expect(small.x0.length).toBe(100);
    expect(small.note).toBe('');
  });

  it('keeps the tensor count flat over 10,000 steps', async () => {
    const trainer = new Trainer(makeLine({ seed: 2, n: 64, noise: 0.5 }), plainSpec(0.05));
    await trainer.run(10);
    const after10 = tf.memory().numTensors;
    for (let i = 0; i < 100; i++) await trainer.run(100);
    expect(tf.memory().numTensors).toBe(after10);
    trainer.dispose();
  });
});
