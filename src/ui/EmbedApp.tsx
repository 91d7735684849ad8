import { lazy, Suspense, useEffect } from "react";
import { startPlaybackDriver } from "../store/playbackDriver.ts";
import { currentLink } from "./CopyLink.tsx";
import { withEmbed, type EmbedView } from "./embed.ts";
import { ErrorAlert } from "./FunctionEditor.tsx";
import { PlaybackBar } from "./PlaybackBar.tsx";
import { RunAnnouncer } from "./RunAnnouncer.tsx";
import { useKeyboardShortcuts } from "./useKeyboardShortcuts.ts";
import { ViewsBoundary } from "./ViewsBoundary.tsx";
import "./styles.css";

// The canvases load as their own chunk, as on the full page.
const EmbedViews = lazy(() => import("./EmbedViews.tsx"));

/**
 * An embedded view (`?embed=<view>`): the view filling its frame, a minimal playback bar, and a
 * link that opens the same picture in the full page. Keys act only while the frame has focus,
 * and nothing here takes focus by itself, so the host page keeps its own keys.
 */
export function EmbedApp({ view, views = true }: { view: EmbedView; views?: boolean }) {
  useKeyboardShortcuts({ pageKeys: false });
  useEffect(() => startPlaybackDriver(), []);
  return (
    <div className="embed">
      <ErrorAlert />
      <main className="embed-main">
        {views && (
          <ViewsBoundary>
            <Suspense fallback={<p className="views-loading">Loading the view…</p>}>
              <EmbedViews view={view} />
            </Suspense>
          </ViewsBoundary>
        )}
      </main>
      <footer className="embed-footer">
        <PlaybackBar minimal />
        <a
          className="embed-open"
          href={withEmbed(window.location.href, null)}
          target="_blank"
          rel="noopener noreferrer"
          onClick={(event) => {
            // The picture as it is now (a start dragged, a step played), not as it opened.
            event.currentTarget.href = currentLink();
          }}
        >
          Open in Descent Lab
        </a>
      </footer>
      <RunAnnouncer />
    </div>
  );
}
