import { trySurface } from "../core/surface.ts";
import { boxProblem } from "../core/box.ts";
import { dataLayout, resolveData, sameDataChoice } from "../core/data/sources.ts";
import { completeRun, newSeed, type DataSettings } from "../core/scenario/document.ts";
import { defaultPreset } from "../core/scenario/presets.ts";
import { entryFor, recomputeAll, runId } from "./runEntries.ts";
import { clampPlayhead } from "./playbackSlice.ts";
import { dataReady, loadDataFor, loadedSources } from "./dataFiles.ts";
import { resetPlayhead } from "./playhead.ts";
import type { Slice } from "./slice.ts";
import type { SurfaceSlice } from "./types.ts";
import type { OpenedDocument } from "./open.ts";

/** The function (typed, or a loss over data) and its domain box. */
export const createSurfaceSlice =
  (initial: OpenedDocument): Slice<SurfaceSlice> =>
  (set, get) => {
    /** The box the typed function had before a data scenario replaced it. */
    let typedBox = initial.data === null ? initial.box : null;

    /**
     * Back to the typed function from a data scenario: its surface (the default preset's when
     * the typed text does not parse), in the box it had.
     */
    function leaveData(): void {
      const fallback = defaultPreset().document;
      let text = get().text;
      let typed = trySurface(text);
      if (!typed.ok) {
        text = fallback.f;
        typed = trySurface(text);
      }
      if (!typed.ok) return;
      const box = typedBox ?? fallback.box;
      const runs = recomputeAll(typed.surface, box, get().runs);
      set({
        data: null,
        dataNote: null,
        text,
        surface: typed.surface,
        surfaceError: null,
        box: { ...box },
        runs,
        scenarioId: null,
        camera: null,
        cameraVersion: get().cameraVersion + 1,
      });
      clampPlayhead(runs);
    }

    return {
      text: initial.text,
      surface: initial.surface,
      surfaceError: null,
      box: initial.box,
      data: initial.data,
      dataNote: initial.dataNote,
      setText(text) {
        const parsed = trySurface(text);
        if (!parsed.ok) {
          set({ text, surfaceError: parsed.error });
          return;
        }
        // Typing a function in a data scenario goes back to typed functions.
        if (get().data !== null) {
          set({ text });
          leaveData();
          return;
        }
        // Spacing changes parse to the same expression: keep the surface, runs and preset.
        if (parsed.surface.normalized === get().surface.normalized) {
          set({ text, surfaceError: null });
          return;
        }
        const runs = recomputeAll(parsed.surface, get().box, get().runs);
        set({ text, surface: parsed.surface, surfaceError: null, runs, scenarioId: null });
        clampPlayhead(runs);
      },
      setBox(box) {
        // The Domain fields refuse such a box with a message; a call that slips one through keeps the old box.
        if (boxProblem(box) !== null) return;
        const runs = recomputeAll(get().surface, box, get().runs);
        set({ box: { ...box }, runs, scenarioId: null, camera: null });
        clampPlayhead(runs);
      },
      setData(choice: DataSettings | null) {
        if (choice === null) {
          if (get().data !== null) leaveData();
          return;
        }
        if (sameDataChoice(get().data, choice)) return;
        if (!dataReady(choice)) {
          loadDataFor(choice).then(
            () => get().setData(choice),
            (error: unknown) =>
              get().notify(
                `The ${choice.source} data could not be loaded (${(error as Error).message}); the picture stays as it was.`,
              ),
          );
          return;
        }
        let resolved;
        try {
          resolved = resolveData(choice, loadedSources());
        } catch (error) {
          get().notify(`That data scenario cannot be shown: ${(error as Error).message}.`);
          return;
        }
        const layout = dataLayout(resolved.surface);
        if (get().data === null) typedBox = get().box;
        // A new data scenario starts over: one run of gradient descent at a rate inside the edge.
        const settings = completeRun(
          { start: [...layout.start], optimizer: "gd", params: { lr: layout.lr } },
          [],
          newSeed(Math.random),
        );
        const runSerial = get().runSerial + 1;
        const entry = entryFor(resolved.surface, layout.box, settings, runId(runSerial));
        set({
          data: structuredClone(choice),
          dataNote: resolved.standardizedNote,
          surface: resolved.surface,
          surfaceError: null,
          box: { ...layout.box },
          runs: [entry],
          runSerial,
          selectedRunId: entry.id,
          compare: null,
          compareNote: null,
          scenarioId: null,
          camera: null,
          cameraVersion: get().cameraVersion + 1,
          playing: false,
        });
        resetPlayhead();
      },
    };
  };
