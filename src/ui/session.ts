/**
 * The session: the picture on screen is kept in browser storage and in the address bar as it
 * changes (debounced), and restored on reload. Storage that is corrupted, from another version,
 * too large or unavailable (private mode, a full quota) is reported once in the alert and then
 * ignored: the page always opens, and the picture on screen is never lost because storage failed.
 */
import { readDocument } from "../core/scenario/read.ts";
import { defaultPreset } from "../core/scenario/presets.ts";
import { currentDocument, currentLinkQuery, useExplorerStore } from "../store/index.ts";
import { subscribePlayhead } from "../store/playhead.ts";

/** Where the session is kept. */
export const SESSION_KEY = "descent-lab:session";
/** Largest stored session read or written, in characters. */
export const MAX_SESSION_LENGTH = 500_000;
/** Quiet time after the last change before the session and the address bar are written. */
export const SESSION_DELAY_MS = 400;

/** What the session needs of the browser; tests pass their own. */
export interface SessionHost {
  /** null where storage is unavailable (it may also throw on any call). */
  storage: Pick<Storage, "getItem" | "setItem"> | null;
  /** The query string of the page's address ("" or "?..."). */
  search(): string;
  /** Replaces the address's query without a new history entry. */
  replaceSearch(search: string): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

function browserHost(): SessionHost {
  let storage: SessionHost["storage"];
  try {
    storage = window.localStorage;
  } catch {
    storage = null;
  }
  return {
    storage,
    search: () => window.location.search,
    replaceSearch: (search) => {
      const url = `${window.location.pathname}${search}${window.location.hash}`;
      window.history.replaceState(window.history.state, "", url);
    },
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
  };
}

/** Reads the stored session into the store; returns false when there was none to use. */
function restore(host: SessionHost): boolean {
  const store = useExplorerStore.getState();
  let text: string | null;
  try {
    text = host.storage?.getItem(SESSION_KEY) ?? null;
  } catch (error) {
    store.notify(
      `Your last session could not be read (${(error as Error).message}); starting anew.`,
    );
    return false;
  }
  if (text === null) return false;
  if (text.length > MAX_SESSION_LENGTH) {
    store.notify("Your last session is too large to restore; starting anew.");
    return false;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    store.notify("Your last session is damaged (not readable as a scenario); starting anew.");
    return false;
  }
  const { document, messages } = readDocument(value, defaultPreset().document);
  store.loadDocument(document, {
    notices: messages.map((message) => `Your last session: ${message}`),
  });
  return true;
}

/**
 * Opens the page: a link in the address wins, else the stored session, else the default
 * preset. Then keeps storage and the address bar following the picture. Returns the function
 * that stops following.
 *
 * An embedded view (`embedded`) shows its link and nothing else: it never reads or writes the
 * stored session (a slide must not change the person's own page, nor theirs the slide) and
 * leaves its address alone.
 */
export function startSession(
  host: SessionHost = browserHost(),
  { embedded = false }: { embedded?: boolean } = {},
): () => void {
  const search = host.search();
  if (embedded) {
    useExplorerStore.getState().loadLink(search);
    return () => {};
  }
  if (search.length > 1) useExplorerStore.getState().loadLink(search);
  else restore(host);

  let pending: unknown = null;
  let storageFailed = false;
  let lastStored: string | null = null;
  const write = (): void => {
    pending = null;
    const state = useExplorerStore.getState();
    const document = currentDocument(state);
    const query = currentLinkQuery(state, document);
    if (query !== host.search()) host.replaceSearch(query);
    if (storageFailed || host.storage === null) return;
    const text = JSON.stringify(document);
    if (text === lastStored) return;
    try {
      if (text.length > MAX_SESSION_LENGTH) throw new Error("the picture is too large to keep");
      host.storage.setItem(SESSION_KEY, text);
      lastStored = text;
    } catch (error) {
      storageFailed = true;
      state.notify(
        `This browser is not keeping your session (${(error as Error).message}); use Save scenario or Copy link to keep it.`,
      );
    }
  };
  const schedule = (): void => {
    if (pending !== null) host.clearTimeout(pending);
    pending = host.setTimeout(write, SESSION_DELAY_MS);
  };
  const unsubscribeStore = useExplorerStore.subscribe((state, previous) => {
    // Only what the document holds, and the end of playback (the step it rests at); alerts and
    // starting to play change nothing kept.
    if (
      (previous.playing && !state.playing) ||
      state.text !== previous.text ||
      state.box !== previous.box ||
      state.runs !== previous.runs ||
      state.selectedRunId !== previous.selectedRunId ||
      state.speed !== previous.speed ||
      state.view !== previous.view ||
      state.camera !== previous.camera ||
      state.scenarioId !== previous.scenarioId ||
      state.lesson !== previous.lesson
    ) {
      schedule();
    }
  });
  const unsubscribePlayhead = subscribePlayhead(() => {
    // While playing the step changes every frame: keep it once playback rests.
    if (!useExplorerStore.getState().playing) schedule();
  });
  return () => {
    if (pending !== null) host.clearTimeout(pending);
    unsubscribeStore();
    unsubscribePlayhead();
  };
}
