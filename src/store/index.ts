/**
 * The explorer store: the scenario document on screen (function text, domain box, runs and
 * their settings, playback, view options, camera) with what is computed from it, and the
 * actions that change it. Built from typed slices, one a file.
 *
 * Paths are computed by core whenever a run's inputs or the surface change, never per animation
 * frame. The playback position lives outside React in ./playhead.ts.
 */
import { create } from "zustand";
import { DOCUMENT_VERSION, type ScenarioDocument } from "../core/scenario/document.ts";
import { defaultPreset, getPreset } from "../core/scenario/presets.ts";
import { samePicture, writeLink } from "../core/scenario/link.ts";
import { createDocumentSlice } from "./documentSlice.ts";
import { openDocument } from "./open.ts";
import { createPlaybackSlice } from "./playbackSlice.ts";
import { getPlayhead, resetPlayhead } from "./playhead.ts";
import { settingsOf } from "./runEntries.ts";
import { createRunsSlice } from "./runsSlice.ts";
import { createSurfaceSlice } from "./surfaceSlice.ts";
import type { ExplorerState } from "./types.ts";
import { createViewSlice } from "./viewSlice.ts";
import { createCompareSlice } from "./compareSlice.ts";
import { createLessonSlice } from "./lessonSlice.ts";
import { createLandscapeSlice } from "./landscapeSlice.ts";
import { loadedLesson } from "./lessonLibrary.ts";

export type { ExplorerState, RunEntry, RunPatch } from "./types.ts";
export { selectedRun } from "./runsSlice.ts";
export { compareGroup } from "./compareSlice.ts";
export { settingsOf, totalSteps } from "./runEntries.ts";
export { RUN_PALETTE, SPEED_RANGE } from "../core/scenario/document.ts";

/** The explorer's one store. Select one field per hook call; wrap derived arrays in useShallow. */
export const useExplorerStore = create<ExplorerState>()((...a) => {
  // The default preset, opened once per store: getInitialState() is the first page exactly.
  const preset = defaultPreset();
  const initial = openDocument(preset.document, 0);
  return {
    ...createSurfaceSlice(initial)(...a),
    ...createRunsSlice(initial)(...a),
    ...createPlaybackSlice(initial)(...a),
    ...createViewSlice(initial)(...a),
    ...createDocumentSlice(preset.id)(...a),
    ...createCompareSlice(initial)(...a),
    ...createLessonSlice(...a),
    ...createLandscapeSlice(initial)(...a),
  };
});

/** Everything back to a first visit: the store's initial state and the playhead at 0. */
export function resetExplorer(): void {
  useExplorerStore.setState(useExplorerStore.getInitialState(), true);
  resetPlayhead();
}

/**
 * The scenario document on screen. While the typed text is invalid the document keeps the
 * function still drawn, so a link or a reload never carries a broken formula.
 */
export function currentDocument(
  state: ExplorerState = useExplorerStore.getState(),
): ScenarioDocument {
  const selected = state.runs.findIndex((run) => run.id === state.selectedRunId);
  const compared = state.compare?.runIds.flatMap((id) => {
    const index = state.runs.findIndex((run) => run.id === id);
    return index >= 0 ? [index] : [];
  });
  return {
    version: DOCUMENT_VERSION,
    f: state.surfaceError && state.data === null ? state.surface.text : state.text,
    box: { ...state.box },
    runs: state.runs.map(settingsOf),
    playback: { step: getPlayhead().step, speed: state.speed },
    view: { ...state.view },
    selectedRun: selected >= 0 ? selected : state.runs.length > 0 ? 0 : null,
    camera: state.camera,
    // Absent without a comparison, so a picture without one is the document it always was.
    ...(state.compare && compared && compared.length > 0
      ? { compare: { by: state.compare.by, runs: compared } }
      : {}),
    ...(state.data !== null ? { data: structuredClone(state.data) } : {}),
    ...(state.cloud !== null ? { cloud: { ...state.cloud } } : {}),
  };
}

/**
 * The query string ("?...") of the link that reopens the picture on screen: just the preset's
 * id (and presenter mode, if on) while the picture is exactly that preset (step, view and camera
 * included), else the whole document; with a lesson open, its step (alone while the picture is
 * that step's).
 */
export function currentLinkQuery(
  state: ExplorerState = useExplorerStore.getState(),
  document: ScenarioDocument = currentDocument(state),
): string {
  if (state.lesson !== null) {
    const step = loadedLesson(state.lesson.id)?.steps[state.lesson.step];
    const unchanged = step !== undefined && samePicture(step.document, document);
    return writeLink(document, null, { position: state.lesson, unchanged });
  }
  const preset = state.scenarioId === null ? undefined : getPreset(state.scenarioId);
  const unchanged = preset !== undefined && samePicture(preset.document, document);
  return writeLink(document, unchanged ? preset.id : null);
}
