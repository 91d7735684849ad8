/**
 * The one animation-frame loop of playback. While the store says `playing`, each frame moves
 * the playhead by speed * dt steps (fractions carry over to the next frame) and stops at the
 * end of the timeline. It touches the playhead only, never React state, and requests no frames
 * while paused, so an idle page draws nothing.
 */
import { totalSteps, useExplorerStore } from "./index.ts";
import { getPlayhead, setPlayheadStep } from "./playhead.ts";

export interface FrameClock {
  requestFrame(callback: (time: number) => void): number;
  cancelFrame(handle: number): void;
}

const browserClock: FrameClock = {
  requestFrame: (callback) => requestAnimationFrame(callback),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
};

/** Longest frame gap counted, in seconds, so a background tab does not jump to the end. */
const MAX_FRAME_SECONDS = 0.25;

/**
 * Starts driving playback from the store's `playing` flag; returns the function that stops it.
 * Call once (the page does, in App).
 */
export function startPlaybackDriver(
  store: typeof useExplorerStore = useExplorerStore,
  clock: FrameClock = browserClock,
): () => void {
  let handle: number | null = null;
  let lastTime: number | null = null;
  let carry = 0;

  const frame = (time: number): void => {
    handle = null;
    const state = store.getState();
    if (!state.playing) return;
    const seconds = lastTime === null ? 0 : Math.min((time - lastTime) / 1000, MAX_FRAME_SECONDS);
    lastTime = time;
    carry += state.speed * Math.max(seconds, 0);
    const whole = Math.floor(carry);
    carry -= whole;
    const total = totalSteps(state);
    const next = Math.min(getPlayhead().step + whole, total);
    setPlayheadStep(next);
    if (next >= total) {
      state.pause();
      return;
    }
    handle = clock.requestFrame(frame);
  };

  const begin = (): void => {
    if (handle !== null) return;
    lastTime = null;
    carry = 0;
    handle = clock.requestFrame(frame);
  };

  const halt = (): void => {
    if (handle !== null) clock.cancelFrame(handle);
    handle = null;
  };

  if (store.getState().playing) begin();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.playing === previous.playing) return;
    if (state.playing) begin();
    else halt();
  });

  return () => {
    unsubscribe();
    halt();
  };
}
