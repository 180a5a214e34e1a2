import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueryWriter } from '../../src/url';

describe('QueryWriter', () => {
  let frames: (() => void)[];
  let writes: string[];
  let hidden: boolean;

  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    writes = [];
    hidden = false;
    const location = { pathname: '/nn/', search: '?lr=0.1', hash: '#loss' };
    vi.stubGlobal('location', location);
    vi.stubGlobal('document', {
      get hidden() {
        return hidden;
      },
    });
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
    vi.stubGlobal('history', {
      replaceState: (_state: unknown, _title: string, url: string) => {
        writes.push(url);
        location.search = url.slice(location.pathname.length, url.indexOf('#'));
      },
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  const nextFrame = (): void => {
    const due = frames;
    frames = [];
    for (const fn of due) fn();
  };

  it('writes the newest query once, after the next frame, keeping path and hash', () => {
    const w = new QueryWriter();
    w.write('?lr=0.2');
    w.write('?lr=0.3');
    w.write('?lr=0.4');
    expect(writes).toEqual([]);
    nextFrame();
    // Still not inside the frame: in the task after it.
    expect(writes).toEqual([]);
    vi.runAllTimers();
    expect(writes).toEqual(['/nn/?lr=0.4#loss']);
    expect(frames).toEqual([]);
  });

  it('writes again for a later change, and not at all when the query is already there', () => {
    const w = new QueryWriter();
    w.write('?lr=0.2');
    nextFrame();
    vi.runAllTimers();
    w.write('?lr=0.2');
    nextFrame();
    vi.runAllTimers();
    w.write('?lr=0.5');
    nextFrame();
    vi.runAllTimers();
    expect(writes).toEqual(['/nn/?lr=0.2#loss', '/nn/?lr=0.5#loss']);
  });

  it('writes at once on a hidden page, which gets no frames', () => {
    hidden = true;
    new QueryWriter().write('?lr=0.7');
    expect(writes).toEqual(['/nn/?lr=0.7#loss']);
  });
});
