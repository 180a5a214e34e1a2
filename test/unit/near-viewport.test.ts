import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NearViewport } from '../../src/plots/near-viewport';

/** Stands in for the browser's IntersectionObserver: the test reports entries by hand. */
class FakeObserver {
  static last: FakeObserver | null = null;
  readonly observed: Element[] = [];
  constructor(
    readonly report: (entries: { target: Element; isIntersecting: boolean }[]) => void,
    readonly options: { rootMargin?: string },
  ) {
    FakeObserver.last = this;
  }
  observe(el: Element): void {
    this.observed.push(el);
  }
}

describe('NearViewport', () => {
  const a = { id: 'a' } as unknown as Element;
  const b = { id: 'b' } as unknown as Element;
  let cameNear: number;

  beforeEach(() => {
    cameNear = 0;
    vi.stubGlobal('IntersectionObserver', FakeObserver);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('watches every element within a screen of the viewport, each near until its first report', () => {
    const near = new NearViewport([a, b], () => cameNear++);
    const observer = FakeObserver.last!;
    expect(observer.observed).toEqual([a, b]);
    expect(observer.options.rootMargin).toBe('100% 0px');
    expect(near.isNear(a)).toBe(true);
    expect(near.isNear(b)).toBe(true);
  });

  it('tells when a far element comes near, and only then', () => {
    const near = new NearViewport([a, b], () => cameNear++);
    const report = FakeObserver.last!.report;
    // The first report: a is near (no news), b is far.
    report([
      { target: a, isIntersecting: true },
      { target: b, isIntersecting: false },
    ]);
    expect([near.isNear(a), near.isNear(b), cameNear]).toEqual([true, false, 0]);
    // b comes near: one call, however many come near in the same report.
    report([{ target: b, isIntersecting: true }]);
    expect([near.isNear(b), cameNear]).toEqual([true, 1]);
    report([
      { target: a, isIntersecting: false },
      { target: b, isIntersecting: false },
    ]);
    expect([near.isNear(a), near.isNear(b), cameNear]).toEqual([false, false, 1]);
    report([
      { target: a, isIntersecting: true },
      { target: b, isIntersecting: true },
    ]);
    expect(cameNear).toBe(2);
  });

  it('counts everything as near where there is no IntersectionObserver', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const near = new NearViewport([a], () => cameNear++);
    expect(near.isNear(a)).toBe(true);
  });
});
