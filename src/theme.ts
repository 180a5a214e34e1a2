import type { Background, Theme } from './params/table';

export type ResolvedTheme = 'light' | 'dark';

/** The colours the figures draw with; Plotly cannot read CSS variables itself. */
export interface Palette {
  readonly theme: ResolvedTheme;
  /** The page background (a PNG export's backdrop). */
  readonly bg: string;
  readonly fg: string;
  readonly grid: string;
  readonly muted: string;
}

/** The same values as style.css's --bg, --fg, --grid and --muted (a unit test holds them equal). */
export const PALETTES: Record<ResolvedTheme, Palette> = {
  light: { theme: 'light', bg: '#fbfbfa', fg: '#1d1f23', grid: '#e5e7eb', muted: '#5b6270' },
  dark: { theme: 'dark', bg: '#15171b', fg: '#e6e8eb', grid: '#30353d', muted: '#a3aab6' },
};

/**
 * The page's theme as state: the `theme` parameter resolved against the reader's colour scheme,
 * and light while printing. It writes data-theme and data-bg on <html> for the CSS and tells the
 * figures the palette; nothing reads the theme back from the DOM.
 */
export class ThemeState {
  private theme: Theme;
  private printing = false;
  /** What data-theme says now. */
  private shown: ResolvedTheme = 'light';
  private readonly media = matchMedia('(prefers-color-scheme: dark)');
  private readonly listeners = new Set<(p: Palette) => void>();

  constructor(
    params: { theme: Theme; bg: Background },
    private readonly root: HTMLElement = document.documentElement,
  ) {
    this.theme = params.theme;
    root.dataset.bg = params.bg;
    this.write();
    this.media.addEventListener('change', () => {
      if (this.theme === 'auto') this.changed();
    });
  }

  get resolved(): ResolvedTheme {
    if (this.printing) return 'light';
    if (this.theme === 'auto') return this.media.matches ? 'dark' : 'light';
    return this.theme;
  }

  get palette(): Palette {
    return PALETTES[this.resolved];
  }

  /** Follow new Params (a host page may change theme and bg live). */
  set(params: { theme: Theme; bg: Background }): void {
    this.root.dataset.bg = params.bg;
    if (params.theme === this.theme) return;
    this.theme = params.theme;
    this.changed();
  }

  /**
   * Paper is light, whatever the screen shows. The listeners are not called: printing needs its
   * redraw done synchronously (the figures' refit), not a new drawing a frame later.
   */
  setPrinting(printing: boolean): void {
    this.printing = printing;
    this.write();
  }

  onChange(listener: (p: Palette) => void): void {
    this.listeners.add(listener);
  }

  private write(): void {
    this.shown = this.resolved;
    this.root.dataset.theme = this.shown;
  }

  private changed(): void {
    if (this.shown === this.resolved) return;
    this.write();
    for (const l of this.listeners) l(this.palette);
  }
}
