/**
 * Turning document runs into the store's run entries: an id from the store's serial and the path
 * computed by core (the whole path, or a long run's preview). No math here.
 */
import type { Box, RunSettings } from "../core/scenario/document.ts";
import { previewRun, startOnSurface } from "../core/scenario/runs.ts";
import type { RunResult, Surface } from "../core/types.ts";
import type { RunEntry } from "./types.ts";

/** The document part of an entry (what links, files and the session keep). */
export function settingsOf(entry: RunEntry): RunSettings {
  const {
    id: _id,
    result: _result,
    error: _error,
    parkedY: _parkedY,
    fullRun: _fullRun,
    ...settings
  } = entry;
  return settings;
}

/** An entry's settings with the y it keeps while f is one-variable, for recomputing. */
function settingsWithParkedY(entry: RunEntry): RunSettings {
  const settings = settingsOf(entry);
  if (entry.parkedY === null || settings.start.length !== 1) return settings;
  return { ...settings, start: [settings.start[0]!, entry.parkedY] };
}

/**
 * An entry with its path computed on `surface` inside `box`. Its start has the surface's
 * dimension; a y it does not use is parked, so typing x^2 on the way to x^2 + y^2 loses nothing.
 * A run with a budget past what the page computes itself (core's `previewRun`) gets its preview
 * here, and is marked for the worker when the preview was cut short.
 */
export function entryFor(surface: Surface, box: Box, settings: RunSettings, id: string): RunEntry {
  const preview = previewRun(surface, box, settings);
  const start = startOnSurface(settings.start, surface.dimension, box);
  const parkedY = surface.dimension === 1 ? (settings.start[1] ?? null) : null;
  const fullRun = preview.cutShort ? "computing" : null;
  return { ...settings, start, id, result: preview.result, error: preview.error, parkedY, fullRun };
}

/** Recomputes every entry, keeping ids (and parked ys). */
export function recomputeAll(surface: Surface, box: Box, runs: readonly RunEntry[]): RunEntry[] {
  return runs.map((run) => entryFor(surface, box, settingsWithParkedY(run), run.id));
}

/** Recomputes one entry with new settings, keeping its parked y unless the patch moves it. */
export function updatedEntry(
  surface: Surface,
  box: Box,
  entry: RunEntry,
  settings: RunSettings,
): RunEntry {
  const start =
    settings.start.length === 1 && entry.parkedY !== null
      ? [settings.start[0]!, entry.parkedY]
      : settings.start;
  return entryFor(surface, box, { ...settings, start }, entry.id);
}

/** The timeline length: the most steps taken by any run. */
export function totalSteps(state: { readonly runs: readonly { result: RunResult }[] }): number {
  let total = 0;
  for (const run of state.runs) total = Math.max(total, run.result.steps);
  return total;
}

/** The id of the page's n-th run. */
export function runId(serial: number): string {
  return `run-${serial}`;
}
