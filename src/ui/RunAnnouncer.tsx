import { useEffect, useState } from "react";
import { describeRun } from "../core/runStatus.ts";
import { useExplorerStore, type ExplorerState } from "../store/index.ts";

/** Quiet time after the last change of a run's outcome before it is announced. */
export const ANNOUNCE_DELAY_MS = 900;

/** Each run's label and what its outcome says, by id. */
function outcomes(state: ExplorerState): Map<string, { label: string; text: string }> {
  return new Map(
    state.runs.map((run) => [
      run.id,
      {
        label: run.label,
        text: run.error
          ? `not computed: ${run.error}`
          : describeRun(run.result, { optimizer: run.optimizer, surfaceText: state.surface.text })
              .text,
      },
    ]),
  );
}

/** What changed between two sets of outcomes, one sentence a run; empty when nothing did. */
export function outcomeChanges(
  before: ReadonlyMap<string, { label: string; text: string }>,
  after: ReadonlyMap<string, { label: string; text: string }>,
): string {
  const sentences: string[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) sentences.push(`${now.label} added: ${now.text}.`);
    else if (was.text !== now.text) sentences.push(`${now.label}: ${now.text}.`);
  }
  for (const [id, was] of before) {
    if (!after.has(id)) sentences.push(`${was.label} removed.`);
  }
  return sentences.join(" ");
}

/**
 * Tells screen readers, politely, when a run's outcome changes (a new start, rate or optimizer;
 * a run added or removed): once the changes rest for a moment, so a drag is announced when it
 * ends and playback, which changes no outcome, is never announced. A new function or scenario
 * (every run replaced at once) is announced as a count, not run by run.
 */
export function RunAnnouncer() {
  const [message, setMessage] = useState("");
  useEffect(() => {
    let announced = outcomes(useExplorerStore.getState());
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = useExplorerStore.subscribe((state, previous) => {
      if (state.runs === previous.runs && state.surface === previous.surface) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const now = outcomes(useExplorerStore.getState());
        const kept = [...now.keys()].filter((id) => announced.has(id)).length;
        const text =
          kept === 0 && announced.size > 0 && now.size > 0
            ? `${now.size} ${now.size === 1 ? "run" : "runs"}: ${[...now.values()]
                .map((run) => `${run.label} ${run.text}`)
                .join("; ")}.`
            : outcomeChanges(announced, now);
        announced = now;
        if (text) setMessage(text);
      }, ANNOUNCE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, []);
  return (
    <p className="visually-hidden" role="status" aria-live="polite" aria-label="Run outcomes">
      {message}
    </p>
  );
}
