/**
 * Whether a newer version of the page is ready (its service worker installed and waiting), and
 * how to switch to it. Set by the service worker's registration (src/main.tsx), read by
 * `UpdateNote`; empty where there is no service worker (the dev server, tests in jsdom).
 */
import { useSyncExternalStore } from "react";

let reload: (() => void) | null = null;
const listeners = new Set<() => void>();

/** A newer version is waiting; `apply` reloads the page into it. */
export function setUpdateReady(apply: () => void): void {
  reload = apply;
  for (const listener of listeners) listener();
}

/** Forgets the waiting version (the note was dismissed). */
export function dismissUpdate(): void {
  reload = null;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The reload into the newer version, or null when there is none waiting. */
export function useUpdateReady(): (() => void) | null {
  return useSyncExternalStore(subscribe, () => reload);
}
