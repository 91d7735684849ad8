import { parseSurface } from "../../../src/core/surface.ts";
import {
  fenceData,
  noisyLine,
  noisyParabola,
  standardize,
  tanhUnitData,
  type Dataset,
} from "../../../src/core/data/datasets.ts";
import { dataLossSurface } from "../../../src/core/data/loss.ts";
import { runOptimizer } from "../../../src/core/run.ts";
import type { ScenarioDocument } from "../../../src/core/scenario/document.ts";
import type { RunResult } from "../../../src/core/types.ts";

/**
 * Every run of a document, straight through runOptimizer with the document's settings, not
 * through the code the explorer uses: what the presets' and lessons' claims are checked against.
 * A data scenario's surface is built here from the datasets themselves.
 */
export function runDocument(document: ScenarioDocument): RunResult[] {
  const surface = document.data ? dataSurface(document.data) : parseSurface(document.f);
  return document.runs.map((run) =>
    runOptimizer(surface, {
      start: run.start,
      optimizer: run.optimizer,
      params: run.params,
      gradient: run.gradient,
      ...(run.h === undefined ? {} : { h: run.h }),
      ...(run.noise === undefined ? {} : { noise: run.noise }),
      ...(run.batch === undefined ? {} : { batch: run.batch }),
      maxSteps: run.maxSteps,
      box: document.box,
      seed: run.seed,
    }),
  );
}

/** The loss surface of a document's built-in data, made from the datasets directly. */
function dataSurface(data: NonNullable<ScenarioDocument["data"]>) {
  const made: Record<string, () => Dataset> = {
    line: noisyLine,
    parabola: noisyParabola,
    fence: fenceData,
    tanh: tanhUnitData,
  };
  const make = made[data.source];
  if (make === undefined) throw new Error(`no reference for the ${data.source} data`);
  const dataset = data.standardize ? standardize(make()).data : make();
  return dataLossSurface(dataset, data.model, data.loss);
}
