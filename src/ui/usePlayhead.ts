import { useEffect } from "react";
import { getPlayhead, subscribePlayhead, type Playhead } from "../store/playhead.ts";

/** Writes the playhead's values into the page (text, input values) without rendering. */
export type PlayheadWriter = (playhead: Readonly<Playhead>) => void;

/**
 * Runs `write` now and on every playhead change, outside React rendering: the callback writes
 * textContent or input values directly, so playback never re-renders a component per frame.
 * Pass a `useCallback` whose dependencies are what it writes from (runs, totals): a new `write`
 * writes at once and replaces the old subscription.
 */
export function usePlayheadWriter(write: PlayheadWriter): void {
  useEffect(() => {
    write(getPlayhead());
    return subscribePlayhead(write);
  }, [write]);
}
