/**
 * How many picture pixels the views draw per CSS pixel. On screen the WebGL views draw one (a
 * software renderer pays for every pixel on every frame) and the 2D charts the screen's own
 * ratio; a picture exported at 2× asks every view for two while it is taken, then gives the
 * screen its ratio back. Views read it with `usePictureScale` and redraw when it changes.
 */
import { useSyncExternalStore } from "react";

let scale = 1;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The picture scale asked for now: 1 on screen, 2 while a 2× picture is taken. */
export function pictureScale(): number {
  return scale;
}

/** Sets the picture scale; every view redraws at it. */
export function setPictureScale(next: number): void {
  if (next === scale) return;
  scale = next;
  for (const listener of listeners) listener();
}

/** The picture scale, re-rendering the component when it changes. */
export function usePictureScale(): number {
  return useSyncExternalStore(subscribe, pictureScale, () => 1);
}

/** Pixels per CSS pixel of a 2D chart's canvas: the screen's (at most 2), or the picture's. */
export function chartPixelRatio(): number {
  const screen = Math.min(2, globalThis.devicePixelRatio || 1);
  return Math.max(screen, scale);
}
