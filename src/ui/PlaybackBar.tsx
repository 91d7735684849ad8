import { useCallback, useRef } from "react";
import { SPEED_RANGE, totalSteps, useExplorerStore } from "../store/index.ts";
import { usePlayheadWriter, type PlayheadWriter } from "./usePlayhead.ts";

/** Speeds offered, in steps per second. */
export const SPEEDS = [1, 2, 5, 10, 20, 50, 100, 200].filter(
  (speed) => speed >= SPEED_RANGE.min && speed <= SPEED_RANGE.max,
);

/**
 * Play/pause, step back and forward, reset, speed and the timeline. The timeline position and
 * the "Step k of n" text follow the playhead by subscription, not by re-rendering. `minimal`
 * keeps play/pause, the timeline and the step (an embedded view's bar).
 */
export function PlaybackBar({ minimal = false }: { minimal?: boolean }) {
  const playing = useExplorerStore((s) => s.playing);
  const total = useExplorerStore((s) => totalSteps(s));
  const speed = useExplorerStore((s) => s.speed);
  const togglePlay = useExplorerStore((s) => s.togglePlay);
  const stepForward = useExplorerStore((s) => s.stepForward);
  const stepBack = useExplorerStore((s) => s.stepBack);
  const resetPlayback = useExplorerStore((s) => s.resetPlayback);
  const seek = useExplorerStore((s) => s.seek);
  const setSpeed = useExplorerStore((s) => s.setSpeed);
  const timeline = useRef<HTMLInputElement>(null);
  const stepText = useRef<HTMLSpanElement>(null);

  usePlayheadWriter(
    useCallback<PlayheadWriter>(
      (playhead) => {
        const step = Math.min(playhead.step, total);
        if (timeline.current) timeline.current.value = String(step);
        if (stepText.current) stepText.current.textContent = `Step ${step} of ${total}`;
      },
      [total],
    ),
  );

  return (
    <div className="playback" role="group" aria-label="Playback">
      <button type="button" className="play-button" onClick={togglePlay}>
        <span aria-hidden="true" className="icon">
          {playing ? "❚❚" : "▶"}
        </span>{" "}
        {playing ? "Pause" : "Play"}
      </button>
      {!minimal && (
        <>
          <button type="button" onClick={stepBack} title="Step back (←)">
            <span aria-hidden="true" className="icon">
              ◀
            </span>{" "}
            <span className="button-word">Step back</span>
          </button>
          <button type="button" onClick={stepForward} title="Step forward (→)">
            <span className="button-word">Step forward</span>{" "}
            <span aria-hidden="true" className="icon">
              ▶
            </span>
          </button>
          <button type="button" onClick={resetPlayback} title="Reset (R)">
            <span aria-hidden="true" className="icon">
              ↺
            </span>{" "}
            <span className="button-word">Reset</span>
          </button>
        </>
      )}
      <div className="timeline">
        <input
          ref={timeline}
          type="range"
          aria-label="Timeline"
          min={0}
          max={total}
          step={1}
          defaultValue={0}
          onInput={(event) => seek(Number(event.currentTarget.value))}
          onChange={(event) => seek(Number(event.currentTarget.value))}
        />
      </div>
      <span ref={stepText} className="step-text" aria-live="off">
        Step 0 of {total}
      </span>
      {!minimal && (
        <label className="speed">
          <span className="button-word">Speed</span>{" "}
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s} steps/s
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
