/**
 * What opening a scenario document sets in the store: the parsed surface, every run computed,
 * playback, view options and camera. Used for the first page, presets, links, files and the
 * stored session alike.
 */
import type { ScenarioDocument } from "../core/scenario/document.ts";
import { resolveData } from "../core/data/sources.ts";
import { loadedSources } from "./dataFiles.ts";
import { trySurface, type SurfaceError } from "../core/surface.ts";
import type { Surface } from "../core/types.ts";
import { entryFor, runId } from "./runEntries.ts";
import type { ExplorerState } from "./types.ts";

export type OpenedDocument = Pick<
  ExplorerState,
  | "text"
  | "surface"
  | "surfaceError"
  | "box"
  | "runs"
  | "selectedRunId"
  | "runSerial"
  | "speed"
  | "view"
  | "camera"
  | "compare"
  | "data"
  | "dataNote"
  | "cloud"
> & {
  /** The playback step the document asks for (the playhead lives outside the store). */
  step: number;
  /** Why the document's data scenario could not be opened (the typed function is shown). */
  notice: string | null;
};

/**
 * The store's view of `document`. A function text that does not parse keeps `fallbackSurface`
 * (the one on screen) with the error shown, as typing does; with no fallback it throws, which
 * only a broken preset can cause. A data scenario's surface is the loss over its data (loaded
 * beforehand: see ./dataFiles.ts); one that cannot be made is named in `notice` and the typed
 * function shown. Run ids continue from `serial`.
 */
export function openDocument(
  document: ScenarioDocument,
  serial: number,
  fallbackSurface?: Surface,
): OpenedDocument {
  const parsed = trySurface(document.f);
  let surface: Surface;
  let surfaceError: SurfaceError | null = null;
  if (parsed.ok) surface = parsed.surface;
  else if (fallbackSurface) {
    surface = fallbackSurface;
    surfaceError = parsed.error;
  } else throw parsed.error;
  let data = document.data ?? null;
  let dataNote: string | null = null;
  let notice: string | null = null;
  if (data !== null) {
    try {
      const resolved = resolveData(data, loadedSources());
      surface = resolved.surface;
      surfaceError = null;
      dataNote = resolved.standardizedNote;
    } catch (error) {
      notice = `The data scenario could not be opened: ${(error as Error).message}; showing the typed function instead.`;
      data = null;
    }
  }
  let runSerial = serial;
  const runs = document.runs.map((settings) => {
    runSerial += 1;
    return entryFor(surface, document.box, settings, runId(runSerial));
  });
  const selected = document.selectedRun === null ? undefined : runs[document.selectedRun];
  return {
    text: document.f,
    surface,
    surfaceError,
    box: { ...document.box },
    runs,
    selectedRunId: (selected ?? runs[0])?.id ?? null,
    runSerial,
    speed: document.playback.speed,
    view: { ...document.view },
    camera: document.camera,
    compare: document.compare
      ? {
          by: document.compare.by,
          runIds: document.compare.runs.flatMap((index) => {
            const run = runs[index];
            return run ? [run.id] : [];
          }),
        }
      : null,
    step: document.playback.step,
    cloud: document.cloud ? { ...document.cloud } : null,
    data,
    dataNote,
    notice,
  };
}
