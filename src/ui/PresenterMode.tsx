/**
 * Presenter mode: the page as a lecture hall reads it from the back row. Large type, thick lines,
 * the high-contrast run colours, the secondary panels folded away (the function, the views, the
 * playback bar and the run legend stay) and the browser's full screen. The mode is a field of the
 * scenario document (`view.presenter`), so a link opens in it; the full screen is the browser's
 * and needs a click or a key, so a page opened from a link offers "Full screen".
 */
import { BasinsPanel } from "./BasinsPanel.tsx";
import { useEffect, useSyncExternalStore } from "react";
import { briefRunStatus } from "../core/runStatus.ts";
import { runSummary } from "../core/runSummary.ts";
import { presenterColor } from "../core/presenterPalette.ts";
import { useExplorerStore, type RunEntry } from "../store/index.ts";
import { LineSample } from "../views/LineSample.tsx";
import { useRunDescription } from "./RunList.tsx";

/** The class the page's root element carries in presenter mode: the styles key off it. */
const PRESENTER_CLASS = "presenter";

function fullscreenElement(): Element | null {
  return typeof document === "undefined" ? null : (document.fullscreenElement ?? null);
}

/** Whether this browser offers a full screen to pages at all (a phone's may not). */
function fullscreenOffered(): boolean {
  return typeof document.documentElement.requestFullscreen === "function";
}

function subscribeFullscreen(onChange: () => void): () => void {
  document.addEventListener("fullscreenchange", onChange);
  return () => document.removeEventListener("fullscreenchange", onChange);
}

/** Whether the page is in the browser's full screen, kept up to date. */
function useFullscreen(): boolean {
  return useSyncExternalStore(
    subscribeFullscreen,
    () => fullscreenElement() !== null,
    () => false,
  );
}

/**
 * Asks for the browser's full screen. Only a click or a key may ask, and a browser may refuse
 * (a setting, an embedding frame without permission): the page is then presented in the window,
 * which is still readable, so a refusal is not an error.
 */
export function requestFullscreen(): void {
  const root = document.documentElement;
  if (fullscreenElement() !== null || !fullscreenOffered()) return;
  root.requestFullscreen().catch(() => undefined);
}

function exitFullscreen(): void {
  if (fullscreenElement() === null || typeof document.exitFullscreen !== "function") return;
  document.exitFullscreen().catch(() => undefined);
}

/**
 * Turns presenter mode on (and asks for the full screen) or off (and leaves the full screen).
 * The button and the P key both call this, so the browser sees the click or key that asked.
 */
export function togglePresenter(): void {
  const store = useExplorerStore.getState();
  const on = !store.view.presenter;
  store.setView({ presenter: on });
  if (on) requestFullscreen();
  else exitFullscreen();
}

/** Toggles the full screen (the F key in presenter mode). */
export function toggleFullscreen(): void {
  if (fullscreenElement() === null) requestFullscreen();
  else exitFullscreen();
}

/**
 * Puts the presenter class on the root element while the mode is on, so type sized in rem grows
 * with it; taking it off restores the page as it was.
 */
export function usePresenterClass(): boolean {
  const presenter = useExplorerStore((s) => s.view.presenter);
  useEffect(() => {
    document.documentElement.classList.toggle(PRESENTER_CLASS, presenter);
    return () => document.documentElement.classList.remove(PRESENTER_CLASS);
  }, [presenter]);
  return presenter;
}

/**
 * "Presenter mode" (pressed while on), and "Full screen" while presenting in a window of a
 * browser that offers one.
 */
export function PresenterControls() {
  const presenter = useExplorerStore((s) => s.view.presenter);
  const fullscreen = useFullscreen();
  return (
    <div className="presenter-controls">
      <button
        type="button"
        className="presenter-button"
        aria-pressed={presenter}
        title={presenter ? "Leave presenter mode (P)" : "Large type for a projector (P)"}
        onClick={togglePresenter}
      >
        Presenter mode
      </button>
      {presenter && !fullscreen && fullscreenOffered() && (
        <button type="button" title="The browser's full screen (F)" onClick={requestFullscreen}>
          Full screen
        </button>
      )}
    </div>
  );
}

function LegendItem({ run, index }: { run: RunEntry; index: number }) {
  const description = useRunDescription(run);
  const color = presenterColor(run.color);
  const status = briefRunStatus(run.error !== null ? null : description, run.result.steps);
  return (
    <li className="run-legend-item">
      <LineSample
        className="run-legend-line"
        color={color}
        index={index}
        width={44}
        strokeWidth={4}
      />
      <span className="run-legend-text">
        <b style={{ color }}>{run.label}</b> {runSummary(run)}
        <span className={`run-legend-status tone-${run.error ? "danger" : description.tone}`}>
          {status}
        </span>
      </span>
    </li>
  );
}

/**
 * The run legend presenter mode shows in place of the step panel: each run's line (its colour
 * and pattern, as on the loss curve), its name, its settings and its outcome, large enough for
 * the room.
 */
export function RunLegend() {
  const runs = useExplorerStore((s) => s.runs);
  return (
    <section role="region" aria-label="Run legend" className="view run-legend">
      {runs.length === 0 ? (
        <p className="run-legend-empty">No runs: click the contour map to add one.</p>
      ) : (
        <ul className="run-legend-list">
          {runs.map((run, index) => (
            <LegendItem key={run.id} run={run} index={index} />
          ))}
        </ul>
      )}
      <BasinsPanel compact />
    </section>
  );
}
