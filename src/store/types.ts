/**
 * The explorer store's shape: what the person chose, as the scenario document describes it,
 * plus what is computed from it (the surface and every run's path). Built from one slice a file.
 */
import type { SurfaceError } from "../core/surface.ts";
import type {
  Box,
  CameraSettings,
  CloudSettings,
  RunSettings,
  DataSettings,
  ScenarioDocument,
  ViewSettings,
} from "../core/scenario/document.ts";
import type { LessonPosition } from "../core/lessons/lesson.ts";
import type { RunResult, Surface } from "../core/types.ts";
import type { RunOutcome } from "../core/scenario/runs.ts";
import type { CompareBy, CompareValue } from "../core/compare/settings.ts";

/** A run as the explorer holds it: its document settings, an id, and its computed path. */
export interface RunEntry extends RunSettings {
  /** Stable within the page (for React keys and selection); not part of the document. */
  id: string;
  result: RunResult;
  /** Why the run could not be computed, or null. */
  error: string | null;
  /** The y of the start while f is one-variable (start is then [x]), else null. */
  parkedY: number | null;
  /**
   * For a run whose budget passes what the page computes itself (core's `previewRun`) and that
   * was still going when its preview
   * stopped: its remaining steps are being computed on a worker ("computing"), or the person
   * stopped that ("stopped"). null: `result` is the whole run.
   */
  fullRun: "computing" | "stopped" | null;
}

/** Settings a person may change on a run. */
export type RunPatch = Partial<Omit<RunSettings, "seed">>;

export interface SurfaceSlice {
  text: string;
  surface: Surface;
  surfaceError: SurfaceError | null;
  box: Box;
  /** Validates; on error keeps the last valid surface and every run. */
  setText(text: string): void;
  /** A new domain box (ignored unless valid); the 3D view starts again from its default. */
  setBox(box: Box): void;
  /**
   * The data scenario on screen: the surface is the loss of its model over its data, and the
   * typed `text` waits. null: the typed function.
   */
  data: DataSettings | null;
  /** How the inputs were rescaled, when they were standardized. */
  dataNote: string | null;
  /**
   * Opens a data scenario (null: back to the typed function). A new choice lays the box and one
   * run out over the parameters; loading the cars waits for their file.
   */
  setData(choice: DataSettings | null): void;
}

export interface RunsSlice {
  runs: RunEntry[];
  selectedRunId: string | null;
  /** How many runs this page has made, for the next id. */
  runSerial: number;
  addRun(start: number[], overrides?: RunPatch): string;
  removeRun(id: string): void;
  updateRun(id: string, patch: RunPatch): void;
  /** Called on every drag move; recomputes that run synchronously. */
  setRunStart(id: string, start: number[]): void;
  selectRun(id: string | null): void;
  /**
   * Puts the whole of a long run in place of its preview, if `entry` is still the one on the page
   * (a run changed since is being computed afresh).
   */
  completeRun(entry: RunEntry, outcome: RunOutcome): void;
  /** Stops computing a long run's remaining steps ("stopped"), or starts again ("computing"). */
  setFullRun(id: string, fullRun: "computing" | "stopped"): void;
}

export interface PlaybackSlice {
  playing: boolean;
  /** Steps per second. */
  speed: number;
  play(): void;
  pause(): void;
  togglePlay(): void;
  stepForward(): void;
  stepBack(): void;
  resetPlayback(): void;
  seek(step: number): void;
  setSpeed(speed: number): void;
}

export interface ViewSlice {
  view: ViewSettings;
  /** The 3D camera as last left by the person, or null for the default view of the box. */
  camera: CameraSettings | null;
  /** Bumped whenever `camera` comes from outside the 3D view (a document), so it applies it. */
  cameraVersion: number;
  setView(patch: Partial<ViewSettings>): void;
  /** The 3D view reports where the person left the camera. */
  setCamera(camera: CameraSettings | null): void;
}

export interface DocumentSlice {
  /** The preset on screen while it is unchanged, else null. */
  scenarioId: string | null;
  /** Messages for the page's alert: a link, a file or stored state that was only partly usable. */
  notices: string[];
  /** Opens a preset by id. */
  loadScenario(id: string): void;
  /** Opens the picture a link's query string describes (bad parameters fall back one by one). */
  loadLink(search: string): void;
  /** Opens a checked document; `notices` are shown in the alert. */
  loadDocument(document: ScenarioDocument, options?: LoadOptions): void;
  /** Back to the default preset, as a first visit shows it. */
  startFresh(): void;
  /** Adds a message to the alert. */
  notify(message: string): void;
  dismissNotices(): void;
}

/** The landscape's structure over many starts: the cloud of random starts. */
export interface LandscapeSlice {
  /** The cloud of random starts stepped with the selected run's settings, or none. */
  cloud: CloudSettings | null;
  /** Adds (or resizes) the cloud; null removes it. */
  setCloud(cloud: CloudSettings | null): void;
}

/** The comparison on screen: which runs are its variants (in panel order) and what they vary. */
export interface CompareState {
  by: CompareBy;
  runIds: string[];
}

export interface CompareSlice {
  compare: CompareState | null;
  /** Why the last comparison action did nothing (a Hessian that is not positive definite...). */
  compareNote: string | null;
  /** Turns the selected run into a comparison by `by` (default: the last setting, else lr). */
  startCompare(by?: CompareBy): void;
  /** Leaves compare mode; the selected variant stays as an ordinary run, the others go. */
  stopCompare(): void;
  /** Compares by another setting: fresh variants from the selected one. */
  setCompareBy(by: CompareBy): void;
  /**
   * Adds a variant with `value` of setting `by` (default: the compared one), or the next value
   * the compared setting offers; its id, or null (the note says why).
   */
  addVariant(value?: CompareValue, by?: CompareBy): string | null;
  removeVariant(id: string): void;
  /**
   * Sets one variant's value of the compared setting; the others keep their paths. Returns why
   * a value was refused (out of the rule's range), or null.
   */
  setVariantValue(id: string, value: CompareValue): string | null;
  /** Four learning rates from the Hessian where the selected run ends (or starts). */
  setFourRegimes(): void;
  /** The seven step rules at their defaults from the selected run's start. */
  raceOptimizers(): void;
  dismissCompareNote(): void;
}

export interface LoadOptions {
  notices?: string[];
  /** The preset this document is, unchanged. */
  scenarioId?: string | null;
  /** Stay in presenter mode if the page is in it (presets and files; a link says for itself). */
  keepPresenter?: boolean;
  /** The lesson step this document is (any other load closes the lesson). */
  lesson?: LessonPosition | null;
}

export interface LessonSlice {
  /** The open lesson and the step on screen (0-based), or null. */
  lesson: LessonPosition | null;
  /** Opens a lesson at a step (0-based, clamped to its steps): the step's picture. */
  openLesson(id: string, step?: number): void;
  /** The next step's picture; nothing after the last. */
  nextLessonStep(): void;
  /** The previous step's picture; nothing before the first. */
  previousLessonStep(): void;
  /** Closes the lesson; the picture stays. */
  closeLesson(): void;
}

export type ExplorerState = SurfaceSlice &
  RunsSlice &
  PlaybackSlice &
  ViewSlice &
  DocumentSlice &
  CompareSlice &
  LessonSlice &
  LandscapeSlice;
