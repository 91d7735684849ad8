/**
 * What a job over many starts with the selected run's settings depends on (the basin map, the
 * cloud of random starts): the surface on the page, how a worker builds it, and the run's step
 * rule and limits in the box. One definition for both jobs' drivers.
 */
import type { BatchSpec } from "../core/batch.ts";
import { batchSpecOf } from "../core/scenario/runs.ts";
import type { Surface } from "../core/types.ts";
import type { SurfaceRequest } from "../workers/surfaceRequest.ts";
import { settingsOf } from "./runEntries.ts";
import { selectedRun } from "./runsSlice.ts";
import type { ExplorerState } from "./types.ts";

export interface SelectedRunBatch {
  surface: Surface;
  request: SurfaceRequest;
  spec: BatchSpec;
}

/** How a worker builds the surface on the page: the data scenario, else the typed function. */
export function surfaceRequestOf(state: ExplorerState): SurfaceRequest {
  return state.data !== null ? { data: state.data } : { f: state.surface.text };
}

/** The selected run's batch over the page's surface and box, or null without a run. */
export function selectedRunBatch(state: ExplorerState): SelectedRunBatch | null {
  const run = selectedRun(state);
  if (!run) return null;
  return {
    surface: state.surface,
    request: surfaceRequestOf(state),
    spec: batchSpecOf(settingsOf(run), state.box),
  };
}
