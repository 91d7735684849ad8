import { getOptimizer } from "../core/optimizers/index.ts";
import {
  completeRun,
  extrasFor,
  MAX_COORDINATE,
  newSeed,
  type RunSettings,
} from "../core/scenario/document.ts";
import { paramsCarriedOver } from "../core/optimizers/index.ts";
import { entryFor, runId, settingsOf, updatedEntry } from "./runEntries.ts";
import { clampPlayhead } from "./playbackSlice.ts";
import type { Slice } from "./slice.ts";
import type { RunsSlice, RunEntry } from "./types.ts";
import type { OpenedDocument } from "./open.ts";

/** The run the panels explain: the selected one, else the first. */
export function selectedRun(
  state: Readonly<{ runs: readonly RunEntry[]; selectedRunId: string | null }>,
): RunEntry | null {
  return state.runs.find((run) => run.id === state.selectedRunId) ?? state.runs[0] ?? null;
}

/** The runs, their selection, and the actions that add, change and remove them. */
export const createRunsSlice =
  (initial: OpenedDocument): Slice<RunsSlice> =>
  (set, get) => ({
    runs: initial.runs,
    selectedRunId: initial.selectedRunId,
    runSerial: initial.runSerial,
    addRun(start, overrides) {
      const { runs, surface, box } = get();
      const selected = selectedRun(get());
      const optimizer = overrides?.optimizer ?? selected?.optimizer ?? "gd";
      const settings = completeRun(
        {
          start,
          optimizer,
          params: paramsCarriedOver(optimizer, overrides?.params ?? selected?.params),
          gradient: overrides?.gradient ?? selected?.gradient,
          h: overrides?.h ?? selected?.h,
          maxSteps: overrides?.maxSteps ?? selected?.maxSteps,
          ...extrasFor(optimizer, {
            schedule: overrides?.schedule ?? selected?.schedule,
            noise: overrides?.noise ?? selected?.noise,
          }),
          ...(getOptimizer(optimizer)?.schedulable === true &&
          (overrides?.batch ?? selected?.batch) !== undefined
            ? { batch: overrides?.batch ?? selected?.batch }
            : {}),
          label: overrides?.label,
          color: overrides?.color,
        },
        runs,
        // A new run's seed is drawn once and then travels with it (links, files, reloads).
        newSeed(Math.random),
      );
      const runSerial = get().runSerial + 1;
      const entry = entryFor(surface, box, settings, runId(runSerial));
      set({ runs: [...runs, entry], runSerial, selectedRunId: entry.id, scenarioId: null });
      return entry.id;
    },
    removeRun(id) {
      const runs = get().runs.filter((run) => run.id !== id);
      if (runs.length === get().runs.length) return;
      const selectedRunId =
        get().selectedRunId === id ? (runs[0]?.id ?? null) : get().selectedRunId;
      // A removed variant leaves the comparison; the last one leaves compare mode.
      const compare = get().compare;
      const runIds = compare?.runIds.filter((runId) => runId !== id) ?? [];
      set({
        runs,
        selectedRunId:
          compare &&
          runIds.length > 0 &&
          compare.runIds.includes(id) &&
          selectedRunId !== null &&
          !runIds.includes(selectedRunId)
            ? runIds[0]!
            : selectedRunId,
        scenarioId: null,
        compare: compare && runIds.length > 0 ? { ...compare, runIds } : null,
      });
      clampPlayhead(runs);
    },
    updateRun(id, patch) {
      const { surface, box } = get();
      let changed = false;
      const runs = get().runs.map((run) => {
        if (run.id !== id) return run;
        changed = true;
        const optimizer = patch.optimizer ?? run.optimizer;
        const params =
          optimizer !== run.optimizer
            ? paramsCarriedOver(optimizer, { ...run.params, ...patch.params })
            : { ...run.params, ...patch.params };
        const { schedule: _schedule, noise: _noise, ...rest } = { ...settingsOf(run), ...patch };
        // A schedule or noise the new rule cannot take (or a constant one, or 0) is left out.
        const settings: RunSettings = {
          ...rest,
          optimizer,
          params,
          ...extrasFor(optimizer, {
            schedule: "schedule" in patch ? patch.schedule : run.schedule,
            noise: "noise" in patch ? patch.noise : run.noise,
          }),
        };
        if ("h" in patch && patch.h === undefined) delete settings.h;
        // A batch size belongs to the first-order rules; "every row" is no batch at all.
        const batched = getOptimizer(optimizer)?.schedulable === true;
        if (!batched || ("batch" in patch && patch.batch === undefined)) delete settings.batch;
        return updatedEntry(surface, box, run, settings);
      });
      if (!changed) return;
      set({ runs, scenarioId: null });
      clampPlayhead(runs);
    },
    setRunStart(id, start) {
      if (start.length === 0 || !start.every((v) => Math.abs(v) <= MAX_COORDINATE)) return;
      // In one variable the pointer gives x alone: the run keeps its parked y (updateRun).
      const group = get().compare?.runIds;
      if (!group?.includes(id)) {
        get().updateRun(id, { start: start.slice() });
        return;
      }
      // The variants of a comparison share one start: moving one moves them all, in one update.
      const { surface, box } = get();
      const runs = get().runs.map((run) =>
        group.includes(run.id)
          ? updatedEntry(surface, box, run, { ...settingsOf(run), start: start.slice() })
          : run,
      );
      set({ runs, scenarioId: null });
      clampPlayhead(runs);
    },
    selectRun(id) {
      set({ selectedRunId: id });
    },
    completeRun(entry, outcome) {
      const runs = get().runs;
      const index = runs.indexOf(entry);
      if (index < 0 || entry.fullRun !== "computing") return;
      const next = runs.slice();
      next[index] = { ...entry, result: outcome.result, error: outcome.error, fullRun: null };
      set({ runs: next });
    },
    setFullRun(id, fullRun) {
      const runs = get().runs;
      const index = runs.findIndex((run) => run.id === id);
      const run = runs[index];
      if (!run || run.fullRun === null || run.fullRun === fullRun) return;
      const next = runs.slice();
      next[index] = { ...run, fullRun };
      set({ runs: next });
    },
  });
