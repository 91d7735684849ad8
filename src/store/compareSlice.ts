/**
 * Compare mode: one start, several variants that differ in one setting, shown side by side.
 * The variants are ordinary runs of the document; the comparison names which runs they are and
 * which setting they vary (`compare` in the scenario document). Core decides every value
 * (src/core/compare/); this slice only adds, replaces and removes runs.
 */
import {
  compareSettings,
  MAX_VARIANTS,
  startingVariants,
  type CompareBy,
  type CompareValue,
} from "../core/compare/settings.ts";
import { curvatureOfRun, fourRegimes, REGIME_STEPS } from "../core/compare/regimes.ts";
import { raceVariants } from "../core/compare/race.ts";
import { completeRun, MAX_RUNS, type RunSettings } from "../core/scenario/document.ts";
import { clampPlayhead } from "./playbackSlice.ts";
import { entryFor, runId, settingsOf, updatedEntry } from "./runEntries.ts";
import { selectedRun } from "./runsSlice.ts";
import type { Slice } from "./slice.ts";
import type { CompareSlice, ExplorerState, RunEntry } from "./types.ts";
import type { OpenedDocument } from "./open.ts";

/** The runs of the comparison on screen, in panel order; empty when there is none. */
export function compareGroup(state: Pick<ExplorerState, "compare" | "runs">): RunEntry[] {
  if (state.compare === null) return [];
  const byId = new Map(state.runs.map((run) => [run.id, run]));
  return state.compare.runIds.flatMap((id) => {
    const run = byId.get(id);
    return run ? [run] : [];
  });
}

/** The variant a new one is made from: the selected one in the group, else the first. */
function baseOf(state: ExplorerState): RunEntry | null {
  const group = compareGroup(state);
  return group.find((run) => run.id === state.selectedRunId) ?? group[0] ?? selectedRun(state);
}

export const createCompareSlice =
  (initial: OpenedDocument): Slice<CompareSlice> =>
  (set, get) => {
    /**
     * Replaces the comparison (or makes one) with `variants`: the first takes the place of `base`
     * (same id, so its panel and selection stay), the rest are new runs after the ones kept.
     * Other variants of an earlier comparison are removed; runs outside it stay. Past the room
     * the document has (MAX_RUNS runs) the rest are left out, and the alert says so.
     */
    const install = (
      base: RunEntry,
      variants: RunSettings[],
      by: CompareBy,
      note: string | null,
    ) => {
      const state = get();
      const old = new Set(state.compare?.runIds ?? []);
      old.delete(base.id);
      const kept = state.runs.filter((run) => !old.has(run.id));
      const room = Math.min(MAX_VARIANTS, MAX_RUNS - kept.length + 1);
      const wanted = variants.slice(0, room);
      let runSerial = state.runSerial;
      const [first, ...rest] = wanted;
      if (first === undefined) return;
      const runs = kept.map((run) =>
        run.id === base.id
          ? updatedEntry(state.surface, state.box, run, {
              ...first,
              label: run.label,
              color: run.color,
            })
          : run,
      );
      const ids = [base.id];
      for (const settings of rest) {
        const complete = completeRun(
          {
            start: settings.start,
            optimizer: settings.optimizer,
            params: settings.params,
            gradient: settings.gradient,
            h: settings.h,
            maxSteps: settings.maxSteps,
            seed: settings.seed,
            schedule: settings.schedule,
            noise: settings.noise,
          },
          runs,
          settings.seed,
        );
        runSerial += 1;
        const entry = entryFor(state.surface, state.box, complete, runId(runSerial));
        runs.push(entry);
        ids.push(entry.id);
      }
      const notices =
        wanted.length < variants.length
          ? [
              ...state.notices,
              `Only ${wanted.length} of ${variants.length} variants fit: a scenario holds at most ${MAX_RUNS} runs and a comparison ${MAX_VARIANTS}.`,
            ]
          : state.notices;
      set({
        runs,
        runSerial,
        compare: { by, runIds: ids },
        compareNote: note,
        selectedRunId: base.id,
        scenarioId: null,
        notices,
        // Losses that differ by decades read on a log axis.
        view: { ...state.view, logLoss: true },
      });
      clampPlayhead(runs);
    };

    return {
      compare: initial.compare,
      compareNote: null,
      startCompare(by) {
        const state = get();
        const base = selectedRun(state);
        if (!base) {
          set({ compareNote: "Add a run first: a comparison starts from the selected run." });
          return;
        }
        const setting = by ?? state.compare?.by ?? "lr";
        install(base, startingVariants(settingsOf(base), setting), setting, null);
      },
      stopCompare() {
        const state = get();
        if (state.compare === null) return;
        // The selected variant stays as an ordinary run; the other variants go.
        const keep = baseOf(state)?.id;
        const drop = new Set(state.compare.runIds.filter((id) => id !== keep));
        const runs = state.runs.filter((run) => !drop.has(run.id));
        set({
          runs,
          compare: null,
          compareNote: null,
          selectedRunId: keep ?? runs[0]?.id ?? null,
          scenarioId: null,
        });
        clampPlayhead(runs);
      },
      setCompareBy(by) {
        const state = get();
        const base = baseOf(state);
        if (!base) return;
        install(base, startingVariants(settingsOf(base), by), by, null);
      },
      addVariant(value, by) {
        const state = get();
        if (state.compare === null) return null;
        const group = compareGroup(state);
        const base = baseOf(state);
        if (!base) return null;
        const setting = compareSettings[by ?? state.compare.by];
        if (group.length >= MAX_VARIANTS || state.runs.length >= MAX_RUNS) {
          set({
            compareNote: `A comparison shows at most ${MAX_VARIANTS} variants (and a scenario holds ${MAX_RUNS} runs): remove one first.`,
          });
          return null;
        }
        const chosen = value ?? setting.nextValue(group.map(settingsOf));
        if (chosen === null) {
          set({ compareNote: `Every ${setting.label} on offer is already shown.` });
          return null;
        }
        const settings = setting.withValue(settingsOf(base), chosen);
        const complete = completeRun(
          { ...settings, label: undefined, color: undefined },
          state.runs,
          settings.seed,
        );
        const runSerial = state.runSerial + 1;
        const entry = entryFor(state.surface, state.box, complete, runId(runSerial));
        const runs = [...state.runs, entry];
        set({
          runs,
          runSerial,
          compare: { ...state.compare, runIds: [...state.compare.runIds, entry.id] },
          compareNote: null,
          selectedRunId: entry.id,
          scenarioId: null,
        });
        return entry.id;
      },
      removeVariant(id) {
        get().removeRun(id);
      },
      setVariantValue(id, value: CompareValue) {
        const state = get();
        const run = state.runs.find((candidate) => candidate.id === id);
        if (!run || state.compare === null) return "there is no such variant";
        let settings: RunSettings;
        try {
          settings = compareSettings[state.compare.by].withValue(settingsOf(run), value);
        } catch (error) {
          // A value out of the rule's range: the run keeps its settings, the field says why.
          return error instanceof Error ? error.message : String(error);
        }
        // Only this variant is recomputed; the others keep their paths.
        get().updateRun(id, {
          optimizer: settings.optimizer,
          params: settings.params,
          gradient: settings.gradient,
          h: settings.h,
          schedule: settings.schedule,
          noise: settings.noise,
        });
        return null;
      },
      setFourRegimes() {
        const state = get();
        const base = baseOf(state);
        if (!base) {
          set({ compareNote: "Add a run first: the four regimes start from the selected run." });
          return;
        }
        const check = curvatureOfRun(state.surface, base.result);
        if (!check.ok) {
          // Nothing changes: the page says why instead.
          set({ compareNote: check.message });
          return;
        }
        // The regimes are those of plain descent at a constant rate: no schedule, no noise.
        const { schedule: _schedule, noise: _noise, ...settings } = settingsOf(base);
        const plain: RunSettings = {
          ...settings,
          optimizer: "gd",
          params: { lr: 0.01 },
          maxSteps: REGIME_STEPS,
        };
        const lr = compareSettings.lr;
        const variants = fourRegimes(check.curvature).map((regime) =>
          lr.withValue(plain, { kind: "number", value: regime.lr }),
        );
        install(base, variants, "lr", null);
      },
      raceOptimizers() {
        const state = get();
        const base = baseOf(state);
        if (!base) {
          set({ compareNote: "Add a run first: the race starts from the selected run." });
          return;
        }
        install(base, raceVariants(settingsOf(base)), "optimizer", null);
      },
      dismissCompareNote() {
        set({ compareNote: null });
      },
    };
  };
