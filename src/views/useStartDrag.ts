/**
 * Pointer and keyboard handling for start points, shared by the 2D views (the contour map and
 * the curve of f): pressing on a start marker grabs it and the run follows the pointer while it is dragged;
 * of several markers under the press, the selected run's is the one grabbed (`pickGrabbedStart`);
 * hovering a marker shows a grab cursor; Shift-click, or any click in add mode, on an empty
 * spot inside the box adds a run there. With the view focused, Shift with an arrow key moves the
 * selected run's start by a fiftieth of the box (`START_KEY_STEPS`). Points placed either way
 * are rounded to a thousandth of the box and clamped into it (`placeCoordinate`).
 */
import { useRef } from "react";
import type React from "react";
import { placeCoordinate } from "../core/transform.ts";
import { selectedRun, useExplorerStore, type RunEntry } from "../store/index.ts";
import { commitNow } from "./commitNow.ts";

/** Screen radius (CSS px) within which a press grabs a start marker. */
const GRAB_RADIUS_PX = 14;

/** A Shift+arrow press moves the start by this fraction of the box's span on that axis. */
export const START_KEY_FRACTION = 1 / 50;

/** The axis (0 = x, 1 = y) and direction each arrow key moves a start in. */
const START_KEY_STEPS: Readonly<Record<string, readonly [axis: 0 | 1, sign: 1 | -1]>> = {
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  ArrowDown: [1, -1],
  ArrowUp: [1, 1],
};

/** The keys that move a start, as `aria-keyshortcuts` spells them. */
export const START_KEY_SHORTCUTS = "Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown";

/** How a view's accessible name says the keys. */
export const START_KEYS_NOTE = "Shift with an arrow key moves the selected run's start.";

type ClientPoint = { clientX: number; clientY: number };

export interface StartDragOptions {
  /** Where a run's start is drawn, in client coordinates; null while the view has no layout. */
  startOnScreen: (run: RunEntry) => ClientPoint | null;
  /** The math point ([x] or [x, y]) under a client position; null while the view has no layout. */
  toMath: (clientX: number, clientY: number) => number[] | null;
  /** The runs whose starts can be grabbed (default: every run). */
  runs?: readonly RunEntry[];
  /**
   * Called while a press on an empty spot (not adding a run) is dragged, with the pointer's move
   * in client pixels since the last call; without it such a press does nothing.
   */
  onPan?: (dx: number, dy: number) => void;
}

/**
 * Screen distance (CSS px) within which two markers count as one spot: markers this close are
 * drawn over one another, and the press is on all of them.
 */
const SAME_SPOT_PX = 4;

/**
 * Which run a press grabs among the start markers near it (each with its screen distance from
 * the press): the selected run when its marker is at the same spot as the nearest one (within
 * SAME_SPOT_PX of its distance), so that of several runs sharing a start the one being edited
 * moves; otherwise the nearest, and of equally near ones the last, which is drawn on top.
 */
export function pickGrabbedStart<Run extends { id: string }>(
  candidates: readonly { run: Run; distance: number }[],
  selectedRunId: string | null,
): Run | null {
  let best: { run: Run; distance: number } | null = null;
  for (const candidate of candidates) {
    if (!best || candidate.distance <= best.distance) best = candidate;
  }
  if (!best) return null;
  const selected = candidates.find((c) => c.run.id === selectedRunId);
  return selected && selected.distance <= best.distance + SAME_SPOT_PX ? selected.run : best.run;
}

/** Pointer handlers for the element that receives the presses. */
export function useStartDrag({ startOnScreen, toMath, runs: grabbable, onPan }: StartDragOptions) {
  const box = useExplorerStore((s) => s.box);
  const allRuns = useExplorerStore((s) => s.runs);
  const runs = grabbable ?? allRuns;
  const pan = useRef<{ pointerId: number; x: number; y: number } | null>(null);
  const addMode = useExplorerStore((s) => s.view.addMode);
  const setRunStart = useExplorerStore((s) => s.setRunStart);
  const addRun = useExplorerStore((s) => s.addRun);
  const selectRun = useExplorerStore((s) => s.selectRun);
  const drag = useRef<{ id: string; pointerId: number } | null>(null);

  const ranges: [number, number][] = [
    [box.xmin, box.xmax],
    [box.ymin, box.ymax],
  ];
  const place = (point: number[]) =>
    point.map((v, axis) => placeCoordinate(v, ranges[axis]![0], ranges[axis]![1]));
  const inside = (point: number[]) =>
    point.every((v, axis) => v >= ranges[axis]![0] && v <= ranges[axis]![1]);

  const startUnder = (clientX: number, clientY: number): RunEntry | null => {
    const candidates: { run: RunEntry; distance: number }[] = [];
    for (const run of runs) {
      const at = startOnScreen(run);
      if (!at) return null;
      const distance = Math.hypot(at.clientX - clientX, at.clientY - clientY);
      if (distance <= GRAB_RADIUS_PX) candidates.push({ run, distance });
    }
    return pickGrabbedStart(candidates, useExplorerStore.getState().selectedRunId);
  };

  const onPointerDown = (event: React.PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    const grabbed = startUnder(event.clientX, event.clientY);
    if (grabbed) {
      drag.current = { id: grabbed.id, pointerId: event.pointerId };
      event.currentTarget.setPointerCapture(event.pointerId);
      selectRun(grabbed.id);
      event.preventDefault();
      return;
    }
    const point = toMath(event.clientX, event.clientY);
    if (point && inside(point) && (event.shiftKey || addMode)) addRun(place(point));
    else if (onPan) {
      pan.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
      event.currentTarget.setPointerCapture(event.pointerId);
    }
  };

  const onPointerMove = (event: React.PointerEvent<HTMLElement>) => {
    const panning = pan.current;
    if (panning && onPan && event.pointerId === panning.pointerId) {
      onPan(event.clientX - panning.x, event.clientY - panning.y);
      pan.current = { ...panning, x: event.clientX, y: event.clientY };
      return;
    }
    const current = drag.current;
    if (!current) {
      event.currentTarget.style.cursor = startUnder(event.clientX, event.clientY)
        ? "grab"
        : addMode
          ? "crosshair"
          : "";
      return;
    }
    if (event.pointerId !== current.pointerId) return;
    const point = toMath(event.clientX, event.clientY);
    if (!point) return;
    event.currentTarget.style.cursor = "grabbing";
    commitNow(() => setRunStart(current.id, place(point)));
  };

  const endDrag = (event: React.PointerEvent<HTMLElement>) => {
    if (pan.current && event.pointerId === pan.current.pointerId) pan.current = null;
    if (drag.current && event.pointerId === drag.current.pointerId) {
      drag.current = null;
      event.currentTarget.style.cursor = "";
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLElement>) => {
    if (!event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    const move = START_KEY_STEPS[event.key];
    const run = selectedRun(useExplorerStore.getState());
    if (!move || !run) return;
    const [axis, sign] = move;
    const start = [...run.start];
    if (axis >= start.length) return;
    const [low, high] = ranges[axis]!;
    start[axis] = start[axis]! + sign * START_KEY_FRACTION * (high - low);
    // The page's own arrow shortcuts (step back and forward) leave a handled key alone.
    event.preventDefault();
    commitNow(() => setRunStart(run.id, place(start)));
  };

  return {
    onPointerDown,
    onPointerMove,
    onPointerUp: endDrag,
    onPointerCancel: endDrag,
    onKeyDown,
  };
}
