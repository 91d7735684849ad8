/**
 * A hand-written link's data scenario laid out over the model's parameters, for the page and the
 * command line alike: the box around the fit and the first run's start and rate (see
 * `dataLayout`), except what the link gave itself.
 */
import { dataLayout, resolveData, type LoadedSources } from "../data/sources.ts";
import type { ScenarioDocument } from "./document.ts";
import type { LinkReading } from "./link.ts";

/**
 * `document` with its box and first run laid out for its data (unchanged without data, or when
 * the data cannot be resolved with `loaded`: opening it names the problem).
 */
export function withDataLayout(
  document: ScenarioDocument,
  keep: NonNullable<LinkReading["dataLayout"]>,
  loaded: LoadedSources,
): ScenarioDocument {
  if (document.data === undefined) return document;
  let layout;
  try {
    layout = dataLayout(resolveData(document.data, loaded).surface);
  } catch {
    return document;
  }
  const laid = structuredClone(document);
  if (!keep.keepBox) laid.box = { ...layout.box };
  const run = laid.runs[0];
  if (run !== undefined) {
    if (!keep.keepStart) run.start = [...layout.start];
    if (!keep.keepLr && run.params.lr !== undefined) run.params.lr = layout.lr;
  }
  return laid;
}
