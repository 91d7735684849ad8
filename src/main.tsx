import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { startSession } from "./ui/session.ts";
import { installTestHook } from "./testHook.ts";

// Only a test build has the hook: in any other mode this branch is a constant false, and the
// bundler drops it together with the hook's module.
if (import.meta.env.MODE === "e2e") installTestHook();

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
