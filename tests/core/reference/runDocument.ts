import { parseSurface } from "../../../src/core/surface.ts";
import { runOptimizer } from "../../../src/core/run.ts";
import type { ScenarioDocument } from "../../../src/core/scenario/document.ts";
import type { RunResult } from "../../../src/core/types.ts";

/**
 * Every run of a document, straight through runOptimizer with the document's settings, not
 * through the code the explorer uses: what the presets' and lessons' claims are checked against.
 */
export function runDocument(document: ScenarioDocument): RunResult[] {
  const surface = parseSurface(document.f);
  return document.runs.map((run) =>
    runOptimizer(surface, {
      start: run.start,
      optimizer: run.optimizer,
      params: run.params,
      gradient: run.gradient,
      ...(run.h === undefined ? {} : { h: run.h }),
      ...(run.noise === undefined ? {} : { noise: run.noise }),
      maxSteps: run.maxSteps,
      box: document.box,
      seed: run.seed,
    }),
  );
}
