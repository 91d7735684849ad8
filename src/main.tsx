import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { useExplorerStore } from "./store/index.ts";
import { getPlayhead } from "./store/playhead.ts";
import { getProjector, renderStats } from "./views/renderStats.ts";

declare global {
  interface Window {
    /** Hook for real-browser tests and the browser benchmark. */
    __descentLab?: {
      store: typeof useExplorerStore;
      renderStats: typeof renderStats;
      getProjector: typeof getProjector;
      getPlayhead: typeof getPlayhead;
    };
  }
}

window.__descentLab = { store: useExplorerStore, renderStats, getProjector, getPlayhead };

// A link opens the explorer as it asks (?f=..&start=..&optimizer=..&lr=.. or ?scenario=..).
if (window.location.search.length > 1) {
  useExplorerStore.getState().loadLink(window.location.search);
}

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
