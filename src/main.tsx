import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { useExplorerStore } from "./store/index.ts";
import { installTestHook } from "./testHook.ts";

// Only a test build has the hook: in any other mode this branch is a constant false, and the
// bundler drops it together with the hook's module.
if (import.meta.env.MODE === "e2e") installTestHook();

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
