/**
 * How large the views draw what a room must read, normally and in presenter mode (the scenario
 * document's `view.presenter`): tick labels, lines and paths, markers, and the run colours (the
 * presenter palette of core/presenterPalette.ts). Every view takes its sizes from here, so the
 * two modes are stated once.
 */
import { useMemo } from "react";
import { presenterColor } from "../core/presenterPalette.ts";
import { useExplorerStore, type RunEntry } from "../store/index.ts";
import { AXIS_TICK_PX } from "./chart2d.ts";

export interface Presentation {
  presenter: boolean;
  /** Tick labels drawn on a canvas, in CSS pixels. */
  tickPx: number;
  /** Width of a plotted line (the loss curve, the curve of f), in CSS pixels. */
  lineWidth: number;
  /** Factor on the paths' widths (faint 2 px, played 3.5 px normally). */
  pathScale: number;
  /** Factor on the markers' and dots' sizes. */
  markerScale: number;
  /** A light casing under each path, so dark paths stay visible on dark colours; or none. */
  pathCasing: string | undefined;
}

const STANDARD_PRESENTATION: Presentation = {
  presenter: false,
  tickPx: AXIS_TICK_PX,
  lineWidth: 2,
  pathScale: 1,
  markerScale: 1,
  pathCasing: undefined,
};

/** At least 20 px ticks and 3 px lines, read from the back of a room on a 1024×768 projector. */
const PRESENTER_PRESENTATION: Presentation = {
  presenter: true,
  tickPx: 20,
  lineWidth: 4,
  pathScale: 1.6,
  markerScale: 1.4,
  pathCasing: "#ffffff",
};

export function usePresentation(): Presentation {
  const presenter = useExplorerStore((s) => s.view.presenter);
  return presenter ? PRESENTER_PRESENTATION : STANDARD_PRESENTATION;
}

/** `runs` in the colours of a mode: in presenter mode each run in its presenter colour. */
export function presentedRuns(runs: readonly RunEntry[], presenter: boolean): readonly RunEntry[] {
  return presenter ? runs.map((run) => ({ ...run, color: presenterColor(run.color) })) : runs;
}

/**
 * The runs a view draws (`shown`, or every run), in the colours of the current mode: in presenter
 * mode each run in its presenter colour. The same array while nothing changes, so a view's
 * effects on the runs run only when they change.
 */
export function useShownRuns(shown?: readonly RunEntry[]): readonly RunEntry[] {
  const all = useExplorerStore((s) => s.runs);
  const presenter = useExplorerStore((s) => s.view.presenter);
  const runs = shown ?? all;
  return useMemo(() => presentedRuns(runs, presenter), [runs, presenter]);
}
