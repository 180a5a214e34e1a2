/**
 * embed.js: one script tag turns every <simplest-nn lr="0.1" ...> into a sandboxed, lazily loaded
 * iframe of embed.html that sizes its own height. No dependencies; MIT, like the rest of the project.
 * Messages go only to and from the frame's origin, and only from the frame's own window.
 */
import { MSG_SIZE, MSG_VISIBLE, HOST_PARAM } from './frame';

const ATTRS = ['lr', 'noise', 'n', 'steps', 'seed', 'speed', 'backend', 'grad', 'theme', 'bg', 'hide'];
const INITIAL_HEIGHT = 640;

const script = document.currentScript as HTMLScriptElement | null;
const base = new URL('.', script?.src ?? location.href);
const appOrigin = base.origin;
const frames = new Set<HTMLIFrameElement>();

function frameFor(source: MessageEventSource | null): HTMLIFrameElement | undefined {
  for (const f of frames) if (f.contentWindow === source) return f;
  return undefined;
}

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (e.origin !== appOrigin) return;
  const frame = frameFor(e.source);
  const data = e.data as { type?: unknown; height?: unknown } | null;
  if (!frame || data?.type !== MSG_SIZE || typeof data.height !== 'number') return;
  if (!(data.height >= 50 && data.height <= 20000)) return;
  frame.style.height = `${Math.ceil(data.height)}px`;
});

const onScreen = new WeakMap<HTMLIFrameElement, boolean>();
const loaded = new WeakSet<HTMLIFrameElement>();

function tellVisibility(frame: HTMLIFrameElement): void {
  // Before its page has loaded the frame holds about:blank, which must not be messaged.
  if (!loaded.has(frame)) return;
  frame.contentWindow?.postMessage({ type: MSG_VISIBLE, visible: onScreen.get(frame) ?? true }, appOrigin);
}

const visibility = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    const frame = entry.target as HTMLIFrameElement;
    onScreen.set(frame, entry.isIntersecting);
    tellVisibility(frame);
  }
});

class SimplestNN extends HTMLElement {
  connectedCallback(): void {
    if (this.querySelector('iframe')) return;
    const url = new URL('embed.html', base);
    for (const name of ATTRS) {
      const value = this.getAttribute(name);
      if (value !== null) url.searchParams.set(name, value);
    }
    url.searchParams.set(HOST_PARAM, location.origin);
    const frame = document.createElement('iframe');
    frame.src = url.href;
    frame.loading = 'lazy';
    frame.title = this.getAttribute('title') ?? 'The simplest neural network, trained live by gradient descent';
    // Scripts run in the frame's own origin (not the blog's); popups only for "open the full notebook".
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox');
    frame.style.cssText = `display:block;width:100%;border:0;height:${INITIAL_HEIGHT}px;color-scheme:normal`;
    this.style.display = 'block';
    this.append(frame);
    frame.addEventListener('load', () => {
      loaded.add(frame);
      tellVisibility(frame);
    });
    frames.add(frame);
    visibility.observe(frame);
  }

  disconnectedCallback(): void {
    for (const f of frames) {
      if (!this.contains(f)) {
        frames.delete(f);
        visibility.unobserve(f);
      }
    }
  }
}

if (!customElements.get('simplest-nn')) customElements.define('simplest-nn', SimplestNN);
