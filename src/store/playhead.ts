/**
 * Values that change every animation frame live here, outside React state:
 * the playback position and the iterate hovered on the loss curve.
 * Views read them in frame callbacks; DOM labels subscribe and write textContent.
 */

export interface HoverIterate {
  runId: string;
  step: number;
}

export interface Playhead {
  /** Current step shown by every view (integer, 0 = the start point). */
  step: number;
  /** Iterate highlighted by hovering the loss curve, or null. */
  hover: HoverIterate | null;
}

type Listener = (playhead: Readonly<Playhead>) => void;

const state: Playhead = { step: 0, hover: null };
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener(state);
}

/** The live playhead; read it in frame callbacks, never copy it into React state per frame. */
export function getPlayhead(): Readonly<Playhead> {
  return state;
}

/** Moves the playhead to step k (clamped at 0) and tells subscribers. */
export function setPlayheadStep(step: number): void {
  const next = Math.max(0, Math.round(step));
  if (next === state.step) return;
  state.step = next;
  notify();
}

/** Sets or clears the hovered iterate and tells subscribers. */
export function setHoverIterate(hover: HoverIterate | null): void {
  if (hover === state.hover) return;
  if (hover && state.hover && hover.runId === state.hover.runId && hover.step === state.hover.step)
    return;
  state.hover = hover;
  notify();
}

/** Subscribes to playhead changes; returns the unsubscribe function. */
export function subscribePlayhead(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Back to the start, for tests and for loading a new scenario. */
export function resetPlayhead(): void {
  state.step = 0;
  state.hover = null;
  notify();
}
