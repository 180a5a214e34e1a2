/**
 * Types for embed.js, the <simplest-nn> element (shipped beside it as embed.d.ts). Reference it
 * from a host page's TypeScript and `document.querySelector('simplest-nn')` is typed:
 *   /// <reference path="./embed.d.ts" />
 */

export type SimplestNNPanel = 'controls' | 'data' | 'fit' | 'loss' | 'landscape' | 'log';

/** The parameters, as the page's URL and the element's attributes name them. */
export interface SimplestNNParams {
  lr: number;
  noise: number;
  n: number;
  steps: number;
  seed: number;
  /** The reader's own points, [[x, y], …] (2 to 500; the attribute writes x,y;x,y), or null for the post's line. */
  data: [number, number][] | null;
  speed: number;
  backend: 'webgl' | 'wasm' | 'cpu';
  grad: 'autodiff' | 'closed';
  opt: 'sgd' | 'adam';
  momentum: number;
  nesterov: '0' | '1';
  beta1: number;
  beta2: number;
  /** 1 to n; n or more is the full batch. */
  batch: number;
  theme: 'auto' | 'light' | 'dark';
  bg: 'page' | 'transparent';
  hide: SimplestNNPanel[];
  view: SimplestNNPanel[];
}

/** A step of the run: `loss` is what the update printed (null at step 0), `a` is a after it. */
export interface SimplestNNStep {
  step: number;
  loss: number | null;
  a: [number, number];
}

export type SimplestNNPreset =
  'post' | 'cautious' | 'edge' | 'diverges' | 'noisy' | 'momentum' | 'optimal' | 'adam' | 'minibatch';

export interface SimplestNNEventMap extends HTMLElementEventMap {
  /** The frame has loaded and trained nothing yet; detail: its parameters. */
  ready: CustomEvent<SimplestNNParams>;
  /** At most once an animation frame, and for every step whose counter is a multiple of 10. */
  step: CustomEvent<SimplestNNStep>;
  done: CustomEvent<SimplestNNStep>;
  diverged: CustomEvent<SimplestNNStep>;
  change: CustomEvent<SimplestNNParams>;
}

/** What a host page may call. Calls made before the frame is ready are queued, not lost. */
export interface SimplestNNMethods {
  /** Bad values are corrected in the frame, with a notice; null sets a parameter back to its default. */
  set(params: { [K in keyof SimplestNNParams]?: SimplestNNParams[K] | string | null }): void;
  play(): void;
  pause(): void;
  step(): void;
  reset(): void;
  /** Show step `step` in every view; null follows the run again. */
  seek(step: number | null): void;
  preset(id: SimplestNNPreset): void;
}

export interface SimplestNNElement extends HTMLElement, SimplestNNMethods {
  addEventListener<K extends keyof SimplestNNEventMap>(
    type: K,
    listener: (this: SimplestNNElement, ev: SimplestNNEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof SimplestNNEventMap>(
    type: K,
    listener: (this: SimplestNNElement, ev: SimplestNNEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'simplest-nn': SimplestNNElement;
  }
}
