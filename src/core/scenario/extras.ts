/**
 * What a run keeps of its schedule and gradient noise when its rule changes. Apart from the
 * document so that the compare table, which the document's schema reads, can use it too.
 */
import { getOptimizer } from "../optimizers/index.ts";
import type { RunSettings } from "./document.ts";

/**
 * The schedule and noise a run keeps under `optimizer`: a schedule (not constant) only for a
 * first-order rule, noise above 0 only for a rule that uses the gradient; otherwise the field is
 * left out, as a document without it means the constant rate and no noise.
 */
export function extrasFor(
  optimizer: string,
  extras: Pick<RunSettings, "schedule" | "noise">,
): Pick<RunSettings, "schedule" | "noise"> {
  const rule = getOptimizer(optimizer);
  const kept: Pick<RunSettings, "schedule" | "noise"> = {};
  if (extras.schedule && extras.schedule.kind !== "constant" && rule?.schedulable === true) {
    kept.schedule = extras.schedule;
  }
  if (extras.noise !== undefined && extras.noise > 0 && rule?.usesGradient === true) {
    kept.noise = extras.noise;
  }
  return kept;
}
