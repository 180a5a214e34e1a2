/**
 * PyTorch's CPU generator: a textbook MT19937 with PyTorch's seeding and its float32 mapping
 * for `uniform_`. Reproducing it bit for bit is what makes this page the *same run* as the
 * PyTorch notebook (docs/ARCHITECTURE.md, "Same seed, same numbers"); the fixtures in test/fixtures/torch pin it.
 */
const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class TorchGenerator {
  private readonly state = new Uint32Array(N);
  private index = N;

  constructor(seed: number) {
    // torch.manual_seed keeps the low 32 bits of the seed.
    this.state[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = this.state[i - 1]! ^ (this.state[i - 1]! >>> 30);
      // Math.imul keeps the 32-bit product exact, where a float multiply would lose bits.
      this.state[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  /** The next raw 32-bit output. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `tensor.uniform_(from, to)` on `count` float32 elements, in element order. */
  uniform(count: number, from: number, to: number): Float32Array {
    const out = new Float32Array(count);
    this.uniformInto(out, 0, count, from, to);
    return out;
  }

  /** The same draws into out[start..end), so long fills can be split across frames. */
  uniformInto(out: Float32Array, start: number, end: number, from: number, to: number): void {
    const range = Math.fround(to - from);
    const low = Math.fround(from);
    for (let i = start; i < end; i++) {
      // 24 random bits, exactly as PyTorch maps a draw to float32 in [0, 1).
      const v = (this.nextUint32() & 0xffffff) * 2 ** -24;
      out[i] = Math.fround(Math.fround(v * range) + low);
    }
  }

  /** `torch.rand(count)`. */
  rand(count: number): Float32Array {
    return this.uniform(count, 0, 1);
  }

  /**
   * `torch.randperm(n)` on CPU: from [0, …, n−1], for i = 0 … n−2 swap r[i] with r[i + z], where
   * z = next32() mod (n − i): one 32-bit draw per swap from the same stream as `uniform_`.
   */
  randperm(n: number): Int32Array {
    const r = new Int32Array(n);
    for (let i = 0; i < n; i++) r[i] = i;
    for (let i = 0; i < n - 1; i++) {
      const j = i + (this.nextUint32() % (n - i));
      const t = r[i]!;
      r[i] = r[j]!;
      r[j] = t;
    }
    return r;
  }

  /** An independent generator in the same state: a run draws its permutations from its own copy. */
  clone(): TorchGenerator {
    const c = new TorchGenerator(0);
    c.state.set(this.state);
    c.index = this.index;
    return c;
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < N; i++) {
      const y = (s[i]! & UPPER_MASK) | (s[(i + 1) % N]! & LOWER_MASK);
      s[i] = (s[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)) >>> 0;
    }
    this.index = 0;
  }
}
