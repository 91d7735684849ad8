/**
 * Messages between the page and the learning-rate sweep on the worker pool: plain data only (a scenario run's
 * settings, the function text or the data scenario, and the box), so the worker builds and runs
 * everything itself.
 */
import type { SweepRange } from "../core/compare/race.ts";
import type { Box, RunSettings } from "../core/scenario/document.ts";
import type { SweepResult } from "../core/sweep.ts";
import type { SurfaceRequest } from "./surfaceRequest.ts";

/** What is swept over: a typed function, or a data scenario (see ./surfaceRequest.ts). */
export type SweepSurface = SurfaceRequest;

/** What a sweep depends on: the surface, the box, the run swept and the rates. */
export type SweepQuestion = SweepSurface & { box: Box; run: RunSettings; range: SweepRange };

export type SweepRequest = SweepQuestion & {
  /** Answers carry it back, so a late answer to an older request is recognised. */
  id: number;
};

export type SweepResponse =
  { id: number; ok: true; result: SweepResult } | { id: number; ok: false; message: string };
