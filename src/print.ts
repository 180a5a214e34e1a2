/**
 * Paper is light and about 680 px wide. On beforeprint the page takes the print layout
 * (html.printing) and `onPrint(true)` makes the theme light and redraws the figures for it
 * synchronously (the print layout is taken right after the handlers return); afterprint puts
 * the screen back.
 */
export function preparePrinting(onPrint: (printing: boolean) => void, root = document.documentElement): void {
  let printing = false;
  addEventListener('beforeprint', () => {
    if (printing) return; // already laid out for paper
    printing = true;
    root.classList.add('printing');
    onPrint(true);
  });
  addEventListener('afterprint', () => {
    if (!printing) return;
    printing = false;
    root.classList.remove('printing');
    onPrint(false);
  });
}
