import type { Params } from './params';

/** Resolve theme=auto against the reader's colour scheme and set it on <html> for the CSS. */
export function applyTheme(params: Pick<Params, 'theme' | 'bg'>): void {
  const root = document.documentElement;
  const media = matchMedia('(prefers-color-scheme: dark)');
  const resolve = (): void => {
    root.dataset.theme = params.theme === 'auto' ? (media.matches ? 'dark' : 'light') : params.theme;
  };
  resolve();
  if (params.theme === 'auto') media.addEventListener('change', resolve);
  root.dataset.bg = params.bg;
}

/** The current theme's colours, for Plotly (which cannot read CSS variables itself). */
export function plotColors(): { fg: string; grid: string; muted: string } {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return { fg: v('--fg', '#1d1f23'), grid: v('--grid', '#e5e7eb'), muted: v('--muted', '#5b6270') };
}
