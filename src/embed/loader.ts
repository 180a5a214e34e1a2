/**
 * embed.js: one script tag turns every <simplest-nn lr="0.1" ...> into a sandboxed, lazily loaded
 * iframe of embed.html. The element reserves the frame's height before it loads (the same numbers
 * the frame reports: layout.ts), then follows the frame's own reports. A host page drives it with
 * methods (set, play, pause, step, reset, seek, preset) and attributes, and hears events (ready,
 * step, done, diverged, change). Messages go only to and from the frame's origin, and only from the
 * frame's own window. No dependencies; MIT, like the rest of the project.
 */
import { embedHeight, frontPanels, readPanels } from './layout';
import { ATTRS, HOST_PARAM, MSG_CALL, MSG_VISIBLE, readEvent, readSize, type Method } from './protocol';
import type { SimplestNNMethods } from './simplest-nn';

const DEFAULT_STEPS = 100;

const script = document.currentScript as HTMLScriptElement | null;
const base = new URL('.', script?.src ?? location.href);
const appOrigin = base.origin;
const byWindow = new Map<MessageEventSource, SimplestNN>();

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (e.origin !== appOrigin || !e.source) return;
  byWindow.get(e.source)?.receive(e.data);
});

const elements = new WeakMap<Element, SimplestNN>();
const visibility = new IntersectionObserver((entries) => {
  for (const entry of entries) elements.get(entry.target)?.setOnScreen(entry.isIntersecting);
});

export class SimplestNN extends HTMLElement implements SimplestNNMethods {
  static readonly observedAttributes = ATTRS;
  private frame: HTMLIFrameElement | null = null;
  private ready = false;
  private loaded = false;
  private onScreen = true;
  /** Calls made before the frame is ready, carried out in order once it is. */
  private queue: [Method, unknown[]][] = [];
  /** The frame has reported its height: its reports rule from then on. */
  private sized = false;
  private readonly resize = new ResizeObserver(() => this.reserve());

  connectedCallback(): void {
    if (this.frame) return;
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
    frame.style.cssText = 'display:block;width:100%;border:0;color-scheme:normal';
    this.style.display = 'block';
    this.append(frame);
    this.frame = frame;
    this.reserve();
    frame.addEventListener('load', () => {
      this.loaded = true;
      this.tellVisibility();
    });
    if (frame.contentWindow) byWindow.set(frame.contentWindow, this);
    elements.set(this, this);
    visibility.observe(this);
    this.resize.observe(this);
  }

  disconnectedCallback(): void {
    visibility.unobserve(this);
    this.resize.disconnect();
    if (this.frame?.contentWindow) byWindow.delete(this.frame.contentWindow);
    this.frame?.remove();
    this.frame = null;
    this.ready = false;
    this.loaded = false;
    this.sized = false;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (!this.frame || old === value) return;
    // null (an attribute removed) sets the parameter back to its default.
    this.call('set', [{ [name]: value }]);
    if (name === 'view' || name === 'hide' || name === 'steps') this.reserve();
  }

  set(params: Record<string, unknown>): void {
    this.call('set', [params]);
  }
  play(): void {
    this.call('play', []);
  }
  pause(): void {
    this.call('pause', []);
  }
  step(): void {
    this.call('step', []);
  }
  reset(): void {
    this.call('reset', []);
  }
  seek(step: number | null): void {
    this.call('seek', [step]);
  }
  preset(id: string): void {
    this.call('preset', [id]);
  }

  /** A message from this element's frame (origin and window already checked). */
  receive(data: unknown): void {
    const height = readSize(data);
    if (height !== null && this.frame) {
      this.sized = true;
      this.frame.style.height = `${String(height)}px`;
      return;
    }
    const event = readEvent(data);
    if (!event) return;
    if (event.name === 'ready') this.flush();
    for (const detail of event.details) this.dispatchEvent(new CustomEvent(event.name, { detail }));
  }

  setOnScreen(onScreen: boolean): void {
    this.onScreen = onScreen;
    this.tellVisibility();
  }

  private call(method: Method, args: unknown[]): void {
    if (!this.ready) this.queue.push([method, args]);
    else this.post({ type: MSG_CALL, method, args });
  }

  private flush(): void {
    this.ready = true;
    for (const [method, args] of this.queue.splice(0)) this.post({ type: MSG_CALL, method, args });
  }

  private post(message: object): void {
    // Before its page has loaded the frame holds about:blank, which must not be messaged.
    if (this.loaded) this.frame?.contentWindow?.postMessage(message, appOrigin);
  }

  private tellVisibility(): void {
    this.post({ type: MSG_VISIBLE, visible: this.onScreen });
  }

  /** Until the frame reports, its height as layout.ts computes it for these attributes and this width. */
  private reserve(): void {
    if (this.sized || !this.frame) return;
    const front = frontPanels(readPanels(this.getAttribute('view')), readPanels(this.getAttribute('hide')));
    // As the frame's parser reads it: out of range is clamped, not a number is the default.
    const raw = this.getAttribute('steps')?.trim();
    const v = raw ? Number(raw) : NaN;
    const steps = Number.isFinite(v) ? Math.min(10000, Math.max(1, Math.round(v))) : DEFAULT_STEPS;
    this.frame.style.height = `${String(embedHeight(front, this.clientWidth, steps))}px`;
  }
}

if (!customElements.get('simplest-nn')) customElements.define('simplest-nn', SimplestNN);
