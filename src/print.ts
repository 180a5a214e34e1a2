/**
 * Paper is light and about 680 px wide. On beforeprint the page takes the print layout
 * (html.printing) and the light theme, and `refit` redraws the figures for it synchronously (the
 * print layout is taken right after the handlers return); afterprint puts the screen back.
 */
export function preparePrinting(refit: (follow: boolean) => void): void {
  const root = document.documentElement;
  let screenTheme = root.dataset.theme;
  addEventListener('beforeprint', () => {
    if (root.classList.contains('printing')) return; // already laid out for paper
    screenTheme = root.dataset.theme;
    root.classList.add('printing');
    root.dataset.theme = 'light';
    refit(false);
  });
  addEventListener('afterprint', () => {
    if (!root.classList.contains('printing')) return;
    root.classList.remove('printing');
    root.dataset.theme = screenTheme;
    refit(true);
  });
}
