import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { EmbedApp } from "./ui/EmbedApp.tsx";
import { embedFromSearch } from "./ui/embed.ts";
import { startSession } from "./ui/session.ts";
import { useExplorerStore } from "./store/index.ts";
import { linkNamesLesson, loadLessons } from "./store/lessonLibrary.ts";
import { registerSW } from "virtual:pwa-register";
import { setUpdateReady } from "./ui/updateReady.ts";
import { installTestHook } from "./testHook.ts";

// Only a test build has the hook: in any other mode this branch is a constant false, and the
// bundler drops it together with the hook's module.
if (import.meta.env.MODE === "e2e") installTestHook();

// `?embed=<view>` shows that view alone, for a slide or a course page.
const embed = embedFromSearch(window.location.search);

/**
 * A link opens the picture it describes, else the last session, else the default preset; then
 * the session and the address bar follow the picture. An embedded view shows its link only.
 */
function start(): void {
  startSession(undefined, { embedded: embed.view !== null });
  if (embed.message) useExplorerStore.getState().notify(embed.message);
}

// After the first visit the page works with no network; a newer version waits for a reload.
const updateServiceWorker = registerSW({
  onNeedRefresh: () => setUpdateReady(() => void updateServiceWorker(true)),
});

function render(): void {
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <StrictMode>{embed.view ? <EmbedApp view={embed.view} /> : <App />}</StrictMode>,
  );
}

// The lessons load when first wanted; a page opened on a lesson's link waits for them, so its
// first picture is the lesson's step (should they fail to load, the link reads without them
// and names the lesson it could not open).
if (linkNamesLesson(window.location.search)) {
  void loadLessons()
    .catch(() => undefined)
    .finally(() => {
      start();
      render();
    });
} else {
  start();
  render();
}
