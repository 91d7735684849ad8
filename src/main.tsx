import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { startSession } from "./ui/session.ts";
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

// A link opens the picture it describes, else the last session, else the default preset; then
// the session and the address bar follow the picture.
startSession();

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
