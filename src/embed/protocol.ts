/**
 * The messages between a host page's embed.js and the embed frame, both ways. Dependency-free: the
 * loader bundles it. Every message is checked on arrival (origin, source window, then shape here);
 * anything else is ignored without an error.
 */

/** The attributes an element takes: the parameters of the page (a unit test holds them equal to its table). */
export const ATTRS = [
  'lr',
  'noise',
  'n',
  'steps',
  'seed',
  'data',
  'speed',
  'backend',
  'grad',
  'opt',
  'momentum',
  'nesterov',
  'beta1',
  'beta2',
  'batch',
  'theme',
  'bg',
  'hide',
  'view',
];

/** The query parameter through which the loader tells the frame its host page's origin. */
export const HOST_PARAM = 'host';

export const MSG_SIZE = 'simplest-nn:size';
export const MSG_VISIBLE = 'simplest-nn:visible';
export const MSG_CALL = 'simplest-nn:call';
export const MSG_EVENT = 'simplest-nn:event';

/** What a host page may ask of an embed. */
export const METHODS = ['set', 'play', 'pause', 'step', 'reset', 'seek', 'preset'] as const;
export type Method = (typeof METHODS)[number];

/** What an embed tells its host page, dispatched as events of these names on the element. */
export const EVENTS = ['ready', 'step', 'done', 'diverged', 'change'] as const;
export type EventName = (typeof EVENTS)[number];

export interface StepDetail {
  step: number;
  loss: number | null;
  a: [number, number];
}

export interface CallMessage {
  type: typeof MSG_CALL;
  method: Method;
  args: unknown[];
}

export interface EventMessage {
  type: typeof MSG_EVENT;
  name: EventName;
  /** One detail each; `step` may carry several steps of one frame, in order. */
  details: unknown[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A call message from a host page, or null if `data` is anything else. */
export function readCall(data: unknown): CallMessage | null {
  if (!isRecord(data) || data.type !== MSG_CALL) return null;
  const { method, args } = data;
  if (typeof method !== 'string' || !(METHODS as readonly string[]).includes(method)) return null;
  if (!Array.isArray(args) || args.length > 1) return null;
  return { type: MSG_CALL, method: method as Method, args };
}

/** An event message from an embed, or null if `data` is anything else. */
export function readEvent(data: unknown): EventMessage | null {
  if (!isRecord(data) || data.type !== MSG_EVENT) return null;
  const { name, details } = data;
  if (typeof name !== 'string' || !(EVENTS as readonly string[]).includes(name)) return null;
  if (!Array.isArray(details) || details.length === 0 || details.length > 1000) return null;
  return { type: MSG_EVENT, name: name as EventName, details };
}

/** A size message's height, or null: a number of px in a sane range. */
export function readSize(data: unknown): number | null {
  if (!isRecord(data) || data.type !== MSG_SIZE) return null;
  const h = data.height;
  return typeof h === 'number' && h >= 20 && h <= 20000 ? Math.ceil(h) : null;
}

/** A visibility message's flag, or null. */
export function readVisible(data: unknown): boolean | null {
  if (!isRecord(data) || data.type !== MSG_VISIBLE || typeof data.visible !== 'boolean') return null;
  return data.visible;
}
