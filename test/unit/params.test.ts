import { describe, expect, it } from 'vitest';
import { runCsv, runJson, runRows } from '../../src/core/export';
import { RunHistory } from '../../src/core/history';
import { toIpynb } from '../../src/notebook/ipynb';
import { parseParams, toQuery } from '../../src/params/query';
import { fromSlider, toSlider } from '../../src/params/scale';
import { defaultParams, NUMERIC_PARAMS, PARAM_SPECS, specOf, type Params } from '../../src/params/table';
import { embedHeight } from '../../src/embed/layout';
import { embedSnippets } from '../../src/share/snippets';
import { batchOf } from './fixtures';

describe('parseParams', () => {
  it('reads every parameter under its exact name', () => {
    const { params, notices } = parseParams(
      '?lr=0.5&noise=1&n=37&steps=200&seed=7&speed=50&backend=cpu&grad=closed&opt=adam&momentum=0.5&nesterov=1&beta1=0.8&beta2=0.99&batch=10&theme=dark&bg=transparent&hide=log,data&view=loss,fit,loss',
    );
    expect(notices).toEqual([]);
    expect(params).toEqual({
      lr: 0.5,
      noise: 1,
      n: 37,
      steps: 200,
      seed: 7,
      data: null,
      speed: 50,
      backend: 'cpu',
      grad: 'closed',
      opt: 'adam',
      momentum: 0.5,
      nesterov: '1',
      beta1: 0.8,
      beta2: 0.99,
      batch: 10,
      theme: 'dark',
      bg: 'transparent',
      hide: ['data', 'log'],
      // A list keeps its order (and drops the repeat); a set is sorted.
      view: ['loss', 'fit'],
    });
  });

  it('corrects bad values with one readable notice each', () => {
    const { params, notices } = parseParams(
      '?lr=abc&n=-5&steps=2.5&seed=1e20&theme=neon&hide=log,bogus&x=1&lr=2&grad=numeric',
    );
    expect(params.lr).toBe(0.1);
    expect(params.n).toBe(2);
    expect(params.steps).toBe(3);
    expect(params.seed).toBe(PARAM_SPECS.seed.max);
    expect(params.theme).toBe('auto');
    expect(params.grad).toBe('autodiff');
    expect(params.hide).toEqual(['log']);
    expect(notices).toHaveLength(9);
    expect(notices.join('\n')).toContain('grad="numeric" is not one of autodiff, closed; using autodiff.');
    expect(notices.join('\n')).toContain('lr="abc" is not a number');
    expect(notices.join('\n')).toContain('n="-5" is outside 2–1000000; using 2');
    expect(notices.join('\n')).toContain('steps="2.5" must be a whole number; using 3');
    expect(notices.join('\n')).toContain('Unknown parameter "x"');
    expect(notices.join('\n')).toContain('given more than once');
  });

  it('takes plain decimal numbers only, never hex, binary or octal', () => {
    for (const raw of ['0x10', '0b11', '0o7', '1_000', '1e', '.', '+']) {
      const { params, notices } = parseParams(`?n=${encodeURIComponent(raw)}`);
      expect(params.n, raw).toBe(100);
      expect(notices, raw).toEqual([`n=${JSON.stringify(raw)} is not a number; using the default 100.`]);
    }
    expect(parseParams('?n=1e3&lr=.5&noise=+0.25').params).toMatchObject({ n: 1000, lr: 0.5, noise: 0.25 });
  });

  it('keeps a long hostile value short and quoted in its notice', () => {
    const evil = '<img src=x onerror=alert(1)>'.repeat(5);
    const { notices } = parseParams(`?lr=${encodeURIComponent(evil)}`);
    expect(notices[0]!.length).toBeLessThan(100);
    expect(notices[0]).toContain('"<img src=x onerror=alert…"');
  });

  it('round-trips through the query string', () => {
    const p: Params = {
      ...defaultParams(),
      lr: 0.0215,
      noise: 1.35,
      n: 37,
      steps: 250,
      seed: 123456,
      speed: 7.5,
      backend: 'cpu',
      grad: 'closed',
      theme: 'light',
      bg: 'transparent',
      hide: ['fit', 'controls'],
    };
    const q = toQuery(p);
    expect(q).toBe(
      '?lr=0.0215&noise=1.35&n=37&steps=250&seed=123456&speed=7.5&backend=cpu&grad=closed&theme=light&bg=transparent&hide=fit%2Ccontrols',
    );
    expect(parseParams(q)).toEqual({ params: p, notices: [] });
    expect(toQuery(defaultParams())).toBe('');
  });

  it('maps every slider position to a valid value that the slider shows at a stable position', () => {
    for (const name of NUMERIC_PARAMS) {
      if (specOf(name).control !== 'slider') continue;
      for (let pos = 0; pos <= 1000; pos += 7) {
        const v = fromSlider(name, pos);
        expect(parseParams(`?${name}=${v}`).notices).toEqual([]);
        // Syncing the slider to the value must not change the value: no drift, no jumps.
        expect(fromSlider(name, toSlider(name, v))).toBe(v);
      }
    }
  });
});

describe('exports', () => {
  const h = new RunHistory(3, [0.5, 0.25]);
  h.append(batchOf(Float32Array.from([4, 2, 1]), Float32Array.from([1, 1, 2, 1.5, 2.5, 1.75])));

  it('CSV and JSON rows are a_k with the loss measured there, then the final a', () => {
    expect(runCsv(h)).toBe('step,loss,a1,a2\n0,4,0.5,0.25\n1,2,1,1\n2,1,2,1.5\n3,,2.5,1.75\n');
    const json = JSON.parse(runJson(defaultParams(), h, 'cpu')) as { rows: unknown[]; backend: string };
    expect(json.rows).toEqual(runRows(h));
    expect(json.backend).toBe('cpu');
  });

  it('the notebook holds the PyTorch cells with these values', () => {
    const nb = JSON.parse(toIpynb({ ...defaultParams(), seed: 9, lr: 0.25, noise: 0.5, steps: 30 }, 'http://x/')) as {
      nbformat: number;
      cells: { cell_type: string; source: string[] }[];
    };
    expect(nb.nbformat).toBe(4);
    const code = nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join(''));
    expect(code[0]).toContain('torch.manual_seed(9)');
    expect(code.join('\n')).toContain('lr = 0.25');
    expect(code.join('\n')).toContain('noise = 0.5');
    expect(code.join('\n')).toContain('for t in range(30): update()');
  });

  it('embed snippets carry the parameters as attributes and as a query, escaped', () => {
    const s = embedSnippets({ ...defaultParams(), lr: 0.5, hide: ['log'] }, 'https://example.org/nn/');
    const code = Object.fromEntries(s.map((x) => [x.id, x.code]));
    expect(code.html).toBe(
      '<script src="https://example.org/nn/embed.js" async></script>\n<simplest-nn lr="0.5" hide="log"></simplest-nn>',
    );
    expect(code.iframe).toContain('src="https://example.org/nn/embed.html?lr=0.5&amp;hide=log"');
    // The plain iframe's height is the embed's own at 720 px: the default panels, nothing guessed.
    expect(code.iframe).toContain(`height="${String(embedHeight(['controls', 'fit', 'loss'], 720, 100))}"`);
    expect(code.jekyll).toContain('{% include simplest-nn.html lr="0.5" hide="log" %}');
    expect(code.hugo).toContain('{{< simplest-nn lr="0.5" hide="log" >}}');
    expect(code.astro).toContain('<SimplestNN lr="0.5" hide="log" />');
  });
});
