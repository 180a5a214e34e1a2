/**
 * Which elements are within a screen of the viewport. A live figure further away is not redrawn
 * each frame (three Plotly passes of 3–8 ms each for nothing a reader sees); it is drawn when it
 * comes this near, a screen before it can scroll into view.
 */
export class NearViewport {
  private readonly far = new Set<Element>();

  /** `onNear` runs when an element that was far comes near. */
  constructor(els: Element[], onNear: () => void) {
    // No IntersectionObserver: everything counts as near, as it did before there was one.
    if (typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        let cameNear = false;
        for (const entry of entries) {
          if (entry.isIntersecting) cameNear = this.far.delete(entry.target) || cameNear;
          else this.far.add(entry.target);
        }
        if (cameNear) onNear();
      },
      { rootMargin: '100% 0px' },
    );
    // Until its first report an element counts as near, so nothing waits on the observer to be drawn.
    for (const el of els) observer.observe(el);
  }

  isNear(el: Element): boolean {
    return !this.far.has(el);
  }
}
