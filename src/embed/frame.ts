import type { App } from '../view/app';

/** The query parameter through which the loader tells the frame its host page's origin. */
export const HOST_PARAM = 'host';

export const MSG_SIZE = 'simplest-nn:size';
export const MSG_VISIBLE = 'simplest-nn:visible';

/** The host's origin: what the browser reports, else what the loader said if it is a real origin. */
function hostOrigin(claimed: string | null): string | null {
  // Firefox has no ancestorOrigins, whatever the DOM typings say.
  const origins = location.ancestorOrigins as DOMStringList | undefined;
  const reported = origins?.[0];
  if (reported) return reported;
  if (!claimed) return null;
  try {
    const u = new URL(claimed);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === claimed ? claimed : null;
  } catch {
    return null;
  }
}

/**
 * Inside an iframe: report the content height to the host page (only to its origin) and pause
 * while the host says the frame is off-screen or the tab is hidden.
 */
export function connectToHost(started: Promise<App>, claimedHost: string | null): void {
  let onScreen = true;
  // Listening starts at once: the host may say "off-screen" before the app has started.
  const update = (): void =>
    void started.then((app) => {
      app.ctl.setVisible(onScreen && !document.hidden);
      app.renderer.renderNow();
    });
  document.addEventListener('visibilitychange', update);
  if (window.parent === window) return;
  const host = hostOrigin(claimedHost);
  if (!host) return;

  let last = -1;
  const report = (): void => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: MSG_SIZE, height }, host);
  };
  new ResizeObserver(report).observe(document.body);
  report();

  window.addEventListener('message', (e: MessageEvent<unknown>) => {
    if (e.origin !== host || e.source !== window.parent) return;
    const data = e.data as { type?: unknown; visible?: unknown } | null;
    if (data?.type !== MSG_VISIBLE || typeof data.visible !== 'boolean') return;
    onScreen = data.visible;
    // Visible in the DOM, for the reader's tools and the tests: what the host last said.
    document.documentElement.dataset.onScreen = String(onScreen);
    update();
  });
}
