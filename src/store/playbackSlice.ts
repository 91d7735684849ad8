import { SPEED_RANGE } from "../core/scenario/document.ts";
import { getPlayhead, setPlayheadStep } from "./playhead.ts";
import { totalSteps } from "./runEntries.ts";
import type { Slice } from "./slice.ts";
import type { PlaybackSlice, RunEntry } from "./types.ts";
import type { OpenedDocument } from "./open.ts";

/** Keeps the playhead on the timeline after runs change. */
export function clampPlayhead(runs: readonly RunEntry[]): void {
  const total = totalSteps({ runs });
  if (getPlayhead().step > total) setPlayheadStep(total);
}

/** Play, pause, step and seek; the position itself is the playhead (./playhead.ts). */
export const createPlaybackSlice =
  (initial: OpenedDocument): Slice<PlaybackSlice> =>
  (set, get) => ({
    playing: false,
    speed: initial.speed,
    play() {
      // Playing from the end starts over, as a media player does.
      if (getPlayhead().step >= totalSteps(get())) setPlayheadStep(0);
      set({ playing: true });
    },
    pause() {
      set({ playing: false });
    },
    togglePlay() {
      if (get().playing) get().pause();
      else get().play();
    },
    stepForward() {
      set({ playing: false });
      setPlayheadStep(Math.min(getPlayhead().step + 1, totalSteps(get())));
    },
    stepBack() {
      set({ playing: false });
      setPlayheadStep(Math.max(getPlayhead().step - 1, 0));
    },
    resetPlayback() {
      set({ playing: false });
      setPlayheadStep(0);
    },
    seek(step) {
      if (!Number.isFinite(step)) return;
      setPlayheadStep(Math.min(Math.max(Math.round(step), 0), totalSteps(get())));
    },
    setSpeed(speed) {
      if (!Number.isFinite(speed)) return;
      set({ speed: Math.min(Math.max(speed, SPEED_RANGE.min), SPEED_RANGE.max) });
    },
  });
