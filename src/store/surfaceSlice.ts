import { trySurface } from "../core/surface.ts";
import { boxProblem } from "../core/box.ts";
import { recomputeAll } from "./runEntries.ts";
import { clampPlayhead } from "./playbackSlice.ts";
import type { Slice } from "./slice.ts";
import type { SurfaceSlice } from "./types.ts";
import type { OpenedDocument } from "./open.ts";

/** The function and its domain box. */
export const createSurfaceSlice =
  (initial: OpenedDocument): Slice<SurfaceSlice> =>
  (set, get) => ({
    text: initial.text,
    surface: initial.surface,
    surfaceError: null,
    box: initial.box,
    setText(text) {
      const parsed = trySurface(text);
      if (!parsed.ok) {
        set({ text, surfaceError: parsed.error });
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
  });
