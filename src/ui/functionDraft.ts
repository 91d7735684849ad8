/**
 * The function text typed but not yet applied. A valid text that changes the number of variables
 * waits for a pause in typing (see FunctionEditor), so the partial `x^2` on the way to
 * `x^2 + y^2` never swaps every view for the one-variable curve and back. The editor shows the
 * draft; the page's alert reads it too, so the error of an earlier keystroke is not shown beside
 * a valid text. It lives here rather than in the store because it is not part of the document:
 * links, files and the session never see it.
 */
import { useSyncExternalStore } from "react";

export interface FunctionDraft {
  /** The text in the box. */
  text: string;
  /** The store's text when the draft began; a draft over any other text is stale and ignored. */
  base: string;
}

let current: FunctionDraft | null = null;
const listeners = new Set<() => void>();

/** The draft waiting to be applied, stale or not. */
export function getFunctionDraft(): FunctionDraft | null {
  return current;
}

/** Replaces the draft (null: none) and tells the components that show it. */
export function setFunctionDraft(draft: FunctionDraft | null): void {
  if (draft === current) return;
  current = draft;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * The draft over `storeText` (the store's current text), or null. A draft begun over another
 * text (a preset or a link replaced the function meanwhile) is not shown.
 */
export function useFunctionDraft(storeText: string): FunctionDraft | null {
  const draft = useSyncExternalStore(subscribe, getFunctionDraft, getFunctionDraft);
  return draft !== null && draft.base === storeText ? draft : null;
}
