/**
 * Messages between the page and the learning-rate sweep worker: plain data only (a scenario run's
 * settings, the function text or the data scenario, and the box), so the worker builds and runs
 * everything itself.
 */
import type { SweepRange } from "../core/compare/race.ts";
import type { Box, DataSettings, RunSettings } from "../core/scenario/document.ts";
import type { SweepResult } from "../core/sweep.ts";

/**
 * What is swept over: a typed function by its text, or a data scenario as the scenario document
 * carries it (its loss over the data is the surface; the worker checks it with the document's
 * schema).
 */
export type SweepSurface = { f: string; data?: undefined } | { data: DataSettings };

/** What a sweep depends on: the surface, the box, the run swept and the rates. */
export type SweepQuestion = SweepSurface & { box: Box; run: RunSettings; range: SweepRange };

export type SweepRequest = SweepQuestion & {
  /** Answers carry it back, so a late answer to an older request is recognised. */
  id: number;
};

export type SweepResponse =
  { id: number; ok: true; result: SweepResult } | { id: number; ok: false; message: string };
