import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  embedHeight,
  frontPanels,
  GAP,
  MORE,
  PAD,
  panelHeight,
  readPanels,
  type EmbedPanel,
} from '../../src/embed/layout';
import { ATTRS, MSG_CALL, MSG_EVENT, MSG_SIZE, readCall, readEvent, readSize } from '../../src/embed/protocol';
import type { SimplestNNParams } from '../../src/embed/simplest-nn';
import { parseParams } from '../../src/params/query';
import { PANELS, PARAM_NAMES, type Params } from '../../src/params/table';
import { PRESETS } from '../../src/presets';

// The element's types must name exactly the page's parameters (this fails to compile otherwise).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameNames: Same<keyof SimplestNNParams, keyof Params> = true;
const sameValues: Same<SimplestNNParams['backend'], Params['backend']> = true;

describe('the embed loader and the frame agree', () => {
  it('the element takes exactly the parameters of the table, typed alike', () => {
    expect([...ATTRS].sort()).toEqual([...PARAM_NAMES].sort());
    expect([sameNames, sameValues]).toEqual([true, true]);
  });

  it('the presets the types name are the page\u2019s', () => {
    const dts = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'embed', 'simplest-nn.d.ts'), 'utf8');
    const union = /type SimplestNNPreset =([^;]+);/.exec(dts)![1]!;
    expect([...union.matchAll(/'(\w+)'/g)].map((m) => m[1])).toEqual(PRESETS.map((p) => p.id));
  });

  it('reads panel lists as the URL parser does: order kept, repeats and unknown names dropped', () => {
    const cases = [
      '',
      'fit',
      'loss,fit',
      'fit, loss ,fit',
      'bogus,landscape',
      ',,log,',
      'controls,fit,data,log,loss,landscape',
    ];
    for (const raw of cases) {
      expect(readPanels(raw), raw).toEqual(parseParams([['view', raw]]).params.view);
      expect([...readPanels(raw)].sort(), raw).toEqual([...parseParams([['hide', raw]]).params.hide].sort());
    }
    expect([...PANELS].sort()).toEqual(['controls', 'data', 'fit', 'landscape', 'log', 'loss']);
  });

  it('computes the height from the panels up front: default view, view, hide', () => {
    const at = (front: EmbedPanel[], width: number, steps = 100): number => embedHeight(front, width, steps);
    expect(frontPanels([], [])).toEqual(DEFAULT_VIEW);
    expect(frontPanels(['loss', 'fit'], ['fit'])).toEqual(['loss']);
    const sum = (ps: EmbedPanel[], w: number): number => ps.reduce((s, p) => s + panelHeight(p, w, 100) + GAP, 0);
    expect(at(['controls', 'fit', 'loss'], 720)).toBe(2 * PAD + sum(['controls', 'fit', 'loss'], 720) + MORE);
    // The budgets: the default embed in a 720 px column, and a single figure.
    expect(at(DEFAULT_VIEW.slice(), 720)).toBeLessThanOrEqual(800);
    for (const single of ['fit', 'loss', 'landscape', 'data'] as const) {
      for (const w of [480, 720, 1000]) expect(at([single], w), `${single} at ${w}`).toBeLessThanOrEqual(420);
    }
    // The log's height follows the lines steps prints, up to 10.
    expect(panelHeight('log', 720, 30)).toBeLessThan(panelHeight('log', 720, 100));
    expect(panelHeight('log', 720, 100)).toBe(panelHeight('log', 720, 5000));
  });
});

describe('messages that are not the protocol are ignored', () => {
  it('accepts well-formed messages', () => {
    expect(readCall({ type: MSG_CALL, method: 'set', args: [{ lr: 1 }] })).not.toBeNull();
    expect(readEvent({ type: MSG_EVENT, name: 'step', details: [{ step: 1 }] })).not.toBeNull();
    expect(readSize({ type: MSG_SIZE, height: 694.2 })).toBe(695);
  });

  it('refuses everything else without throwing', () => {
    const junk: unknown[] = [
      null,
      undefined,
      42,
      'simplest-nn:call',
      [],
      { type: MSG_CALL },
      { type: MSG_CALL, method: 'eval', args: [] },
      { type: MSG_CALL, method: 'set', args: 'x' },
      { type: MSG_CALL, method: 'set', args: [1, 2] },
      { type: MSG_CALL, method: 'constructor', args: [] },
      { type: MSG_CALL, method: 'toString', args: [] },
      { type: MSG_EVENT, name: 'step', details: [] },
      { type: MSG_EVENT, name: 'click', details: [1] },
      { type: MSG_SIZE, height: 1e9 },
      { type: MSG_SIZE, height: '500' },
      { type: MSG_SIZE, height: NaN },
    ];
    for (const j of junk) {
      expect(readCall(j)).toBeNull();
      expect(readEvent(j)).toBeNull();
      expect(readSize(j)).toBeNull();
    }
  });
});
