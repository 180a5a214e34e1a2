import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PALETTES } from '../../src/theme';

const css = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'styles', 'theme.css'), 'utf8');

/** The custom properties declared in the first block whose selector is exactly `selector`. */
function vars(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block in theme.css`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

describe('the figures draw in the colours the CSS uses', () => {
  it.each([
    ['light', ':root'],
    ['dark', ":root[data-theme='dark']"],
  ] as const)('%s: --bg, --fg, --grid and --muted equal the palette', (theme, selector) => {
    const v = vars(selector);
    const p = PALETTES[theme];
    expect({ bg: v.bg, fg: v.fg, grid: v.grid, muted: v.muted }).toEqual({
      bg: p.bg,
      fg: p.fg,
      grid: p.grid,
      muted: p.muted,
    });
  });
});
