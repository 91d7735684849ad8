/**
 * The page's hook for real-browser tests and the browser benchmark: the store, render counters,
 * view projectors and the playhead on `window.__descentLab`. Installed only in builds made for
 * tests (`vite build --mode e2e`, as tests/e2e/harness.ts builds); a normal build never calls
 * `installTestHook`, so this module is left out of its bundle altogether.
 */
import { useExplorerStore } from "./store/index.ts";
import { getPlayhead } from "./store/playhead.ts";
import { getProjector, renderStats } from "./views/renderStats.ts";

declare global {
  interface Window {
    /** Present only in test builds. */
    __descentLab?: {
      store: typeof useExplorerStore;
      renderStats: typeof renderStats;
      getProjector: typeof getProjector;
      getPlayhead: typeof getPlayhead;
    };
  }
}

export function installTestHook(): void {
  window.__descentLab = { store: useExplorerStore, renderStats, getProjector, getPlayhead };
}
