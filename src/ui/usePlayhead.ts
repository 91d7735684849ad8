import { useEffect, useRef } from "react";
import { getPlayhead, subscribePlayhead, type Playhead } from "../store/playhead.ts";

/**
 * Runs `write` now and on every playhead change, outside React rendering: the callback writes
 * textContent or input values directly, so playback never re-renders a component per frame.
 * `deps` re-run it when what it writes from (runs, totals) changes.
 */
export function usePlayheadWriter(
  write: (playhead: Readonly<Playhead>) => void,
  deps: readonly unknown[],
): void {
  const writeRef = useRef(write);
  useEffect(() => {
    writeRef.current = write;
  });
  useEffect(() => {
    writeRef.current(getPlayhead());
    return subscribePlayhead((playhead) => writeRef.current(playhead));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
