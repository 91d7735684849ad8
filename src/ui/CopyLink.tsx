import { useState } from "react";
import { linkFromState } from "../core/link.ts";
import { selectedRun, useExplorerStore } from "../store/index.ts";

/** The address that reopens what is on screen (an unchanged preset, or f with the selected run). */
export function currentLink(): string {
  const state = useExplorerStore.getState();
  const run = selectedRun(state);
  const query = linkFromState({
    scenarioId: state.scenarioId,
    // While the text is invalid, the link carries the function still on screen.
    text: state.surfaceError ? state.surface.text : state.text,
    box: state.box,
    run: run ? { start: run.start, optimizer: run.optimizer, params: run.params } : null,
  });
  return `${window.location.origin}${window.location.pathname}${query}`;
}

/** Copies the current link; where the clipboard is not available, shows it to copy by hand. */
export function CopyLink() {
  const [status, setStatus] = useState<string>("");
  const [shown, setShown] = useState<string | null>(null);
  const copy = async () => {
    const link = currentLink();
    try {
      await navigator.clipboard.writeText(link);
      setShown(null);
      setStatus("Link copied");
    } catch {
      setShown(link);
      setStatus("Copy the link below");
    }
  };
  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="copy-status">
        {status}
      </span>
      {shown !== null && (
        <input
          className="copy-field"
          readOnly
          aria-label="Link to this view"
          value={shown}
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </div>
  );
}
