/**
 * Messages between the page and the learning-rate sweep worker: plain data only (a scenario run's
 * settings, the function text and box), so the worker parses and runs everything itself.
 */
import type { SweepRange } from "../core/compare/race.ts";
import type { Box, RunSettings } from "../core/scenario/document.ts";
import type { SweepResult } from "../core/sweep.ts";

export interface SweepRequest {
  /** Answers carry it back, so a late answer to an older request is recognised. */
  id: number;
  f: string;
  box: Box;
  run: RunSettings;
  range: SweepRange;
}

export type SweepResponse =
  { id: number; ok: true; result: SweepResult } | { id: number; ok: false; message: string };
