/**
 * The explorer store: what the person chose (function text, domain box, runs and their
 * settings, playback, view options) and the actions that change it. Built from typed slices.
 *
 * Paths are computed by core `runOptimizer` whenever a run's inputs or the surface change,
 * never per animation frame. The playback position lives outside React in ./playhead.ts.
 */
import { create, type StateCreator } from "zustand";
import { trySurface, type SurfaceError } from "../core/surface.ts";
import { runOptimizer } from "../core/run.ts";
import { getOptimizer } from "../core/optimizers/index.ts";
import {
  DEFAULT_MAX_STEPS,
  defaultScenario,
  getScenario,
  type Scenario,
  type ScenarioRun,
} from "../core/scenarios.ts";
import { parseLink, type LinkRequest } from "../core/link.ts";
import type { Box, GradientSource, RunResult, Surface } from "../core/types.ts";
import { getPlayhead, resetPlayhead, setPlayheadStep } from "./playhead.ts";

export interface RunConfig {
  id: string;
  /** "Run 1", "Run 2", ... */
  label: string;
  /** CSS hex colour. */
  color: string;
  start: number[];
  optimizer: string;
  params: Record<string, number>;
  gradient: GradientSource;
  h?: number;
  maxSteps: number;
}

export interface RunEntry extends RunConfig {
  result: RunResult;
}

export interface ViewOptions {
  showQuiver: boolean;
  logLoss: boolean;
  addMode: boolean;
}

export interface SurfaceSlice {
  text: string;
  surface: Surface;
  surfaceError: SurfaceError | null;
  box: Box;
  /** Validates; on error keeps the last valid surface and every run. */
  setText(text: string): void;
  setBox(box: Box): void;
}

export interface RunsSlice {
  runs: RunEntry[];
  selectedRunId: string | null;
  addRun(start: number[], overrides?: Partial<RunConfig>): string;
  removeRun(id: string): void;
  updateRun(id: string, patch: Partial<Omit<RunConfig, "id">>): void;
  /** Called on every drag move; recomputes that run synchronously. */
  setRunStart(id: string, start: number[]): void;
  selectRun(id: string | null): void;
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
  view: ViewOptions;
  setView(patch: Partial<ViewOptions>): void;
}

export interface ScenarioSlice {
  scenarioId: string | null;
  loadScenario(id: string): void;
  /** Messages for the page's alert about a link that was only partly usable. */
  notices: string[];
  /** Opens the explorer as a link's query string asks (`?f=..&start=..&optimizer=..&lr=..`). */
  loadLink(search: string): void;
  dismissNotices(): void;
}

export type ExplorerState = SurfaceSlice & RunsSlice & PlaybackSlice & ViewSlice & ScenarioSlice;

/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const RUN_PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#F0E442",
] as const;

/** Playback speeds offered, in steps per second. */
export const SPEED_RANGE = { min: 1, max: 240 } as const;
const DEFAULT_SPEED = 20;

/** The timeline length: the most steps taken by any run. */
export function totalSteps(state: { readonly runs: readonly RunEntry[] }): number {
  let total = 0;
  for (const run of state.runs) total = Math.max(total, run.result.steps);
  return total;
}

/** The run the panels explain: the selected one, else the first. */
export function selectedRun(state: Pick<ExplorerState, "runs" | "selectedRunId">): RunEntry | null {
  return state.runs.find((run) => run.id === state.selectedRunId) ?? state.runs[0] ?? null;
}

let runCounter = 0;
function nextRunId(): string {
  runCounter += 1;
  return `run-${runCounter}`;
}

/** y of a run's start while the surface is one-variable, so typing x^2 then x^2+y^2 keeps it. */
const parkedY = new Map<string, number>();

function boxCenter(box: Box): [number, number] {
  return [(box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2];
}

/** The start a run needs on a surface of this dimension: [x] in one variable, [x, y] in two. */
function startForDimension(id: string, start: number[], surface: Surface, box: Box): number[] {
  const x = start[0] ?? boxCenter(box)[0];
  if (surface.dimension === 1) {
    if (start.length > 1 && start[1] !== undefined) parkedY.set(id, start[1]);
    return [x];
  }
  const y = start[1] ?? parkedY.get(id) ?? boxCenter(box)[1];
  return [x, y];
}

/** Full parameter map of an optimizer: its ParamSpec defaults, overridden by valid given values. */
export function paramsFor(
  optimizer: string,
  given?: Record<string, number>,
): Record<string, number> {
  const def = getOptimizer(optimizer);
  if (!def) return { ...given };
  const params: Record<string, number> = {};
  for (const spec of def.params) {
    const value = given?.[spec.key];
    params[spec.key] =
      value !== undefined && Number.isFinite(value) && value >= spec.min && value <= spec.max
        ? value
        : spec.default;
  }
  return params;
}

function runSeed(id: string): number {
  const n = Number(id.replace(/\D/g, ""));
  return Number.isFinite(n) ? n : 1;
}

/** A run that could not be computed: it stays at its start so nothing downstream breaks. */
function stillResult(surface: Surface, start: number[]): RunResult {
  const x = start[0] ?? 0;
  const y = start[1] ?? 0;
  const value = surface.f(x, y);
  const gx = surface.dfdx(x, y);
  const gy = surface.dimension === 2 ? surface.dfdy(x, y) : 0;
  return {
    status: "stalled",
    steps: 0,
    dimension: surface.dimension,
    xs: Float64Array.of(x),
    ys: Float64Array.of(surface.dimension === 2 ? y : 0),
    values: Float64Array.of(value),
    gradX: Float64Array.of(gx),
    gradY: Float64Array.of(gy),
    states: [{}],
    final: { point: start.slice(), value, gradientNorm: Math.hypot(gx, gy) },
    classification: null,
  };
}

function computeRun(surface: Surface, box: Box, config: RunConfig): RunEntry {
  const start = startForDimension(config.id, config.start, surface, box);
  const entry: RunConfig = { ...config, start };
  let result: RunResult;
  try {
    result = runOptimizer(surface, {
      start,
      optimizer: config.optimizer,
      params: config.params,
      gradient: config.gradient,
      h: config.h,
      maxSteps: config.maxSteps,
      box,
      seed: runSeed(config.id),
    });
  } catch {
    result = stillResult(surface, start);
  }
  return { ...entry, result };
}

function nextLabel(runs: readonly RunConfig[]): string {
  const used = new Set(runs.map((run) => run.label));
  for (let n = 1; ; n += 1) if (!used.has(`Run ${n}`)) return `Run ${n}`;
}

function nextColor(runs: readonly RunConfig[]): string {
  const used = new Set(runs.map((run) => run.color));
  return (
    RUN_PALETTE.find((color) => !used.has(color)) ?? RUN_PALETTE[runs.length % RUN_PALETTE.length]!
  );
}

function configFromScenarioRun(run: ScenarioRun, existing: readonly RunConfig[]): RunConfig {
  return {
    id: nextRunId(),
    label: nextLabel(existing),
    color: nextColor(existing),
    start: run.start.slice(),
    optimizer: run.optimizer,
    params: paramsFor(run.optimizer, run.params),
    gradient: run.gradient ?? "analytic",
    maxSteps: run.maxSteps ?? DEFAULT_MAX_STEPS,
  };
}

function clampPlayhead(runs: readonly RunEntry[]): void {
  const total = totalSteps({ runs });
  if (getPlayhead().step > total) setPlayheadStep(total);
}

function validBox(box: Box): boolean {
  return (
    [box.xmin, box.xmax, box.ymin, box.ymax].every(Number.isFinite) &&
    box.xmin < box.xmax &&
    box.ymin < box.ymax
  );
}

type Slice<T> = StateCreator<ExplorerState, [], [], T>;

/** What a scenario (or a link) sets: text, surface, box, runs. */
function scenarioState(
  scenario: Pick<Scenario, "f" | "box" | "runs">,
  fallbackSurface?: Surface,
): Pick<ExplorerState, "text" | "surface" | "surfaceError" | "box" | "runs" | "selectedRunId"> {
  const parsed = trySurface(scenario.f);
  let surface: Surface;
  let surfaceError: SurfaceError | null = null;
  if (parsed.ok) surface = parsed.surface;
  else if (fallbackSurface) {
    surface = fallbackSurface;
    surfaceError = parsed.error;
  } else throw parsed.error;
  const configs: RunConfig[] = [];
  for (const run of scenario.runs) configs.push(configFromScenarioRun(run, configs));
  const runs = configs.map((config) => computeRun(surface, scenario.box, config));
  return {
    text: scenario.f,
    surface,
    surfaceError,
    box: { ...scenario.box },
    runs,
    selectedRunId: runs[0]?.id ?? null,
  };
}

let initialCache: ReturnType<typeof scenarioState> | null = null;
/** The default scenario, computed once and shared by the slices that start from it. */
function initialScenarioState(): ReturnType<typeof scenarioState> {
  initialCache ??= scenarioState(defaultScenario());
  return initialCache;
}

const createSurfaceSlice: Slice<SurfaceSlice> = (set, get) => {
  const initial = initialScenarioState();
  return {
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
      const { box } = get();
      const runs = get().runs.map((run) => computeRun(parsed.surface, box, run));
      set({ text, surface: parsed.surface, surfaceError: null, runs, scenarioId: null });
      clampPlayhead(runs);
    },
    setBox(box) {
      if (!validBox(box)) return;
      const { surface } = get();
      const runs = get().runs.map((run) => computeRun(surface, box, run));
      set({ box: { ...box }, runs });
      clampPlayhead(runs);
    },
  };
};

const createRunsSlice: Slice<RunsSlice> = (set, get) => {
  const initial = initialScenarioState();
  return {
    runs: initial.runs,
    selectedRunId: initial.selectedRunId,
    addRun(start, overrides) {
      const { runs, surface, box } = get();
      const selected = selectedRun(get());
      const optimizer = overrides?.optimizer ?? selected?.optimizer ?? "gd";
      const config: RunConfig = {
        id: nextRunId(),
        label: nextLabel(runs),
        color: nextColor(runs),
        start: start.slice(),
        optimizer,
        params: paramsFor(optimizer, overrides?.params ?? selected?.params),
        gradient: overrides?.gradient ?? selected?.gradient ?? "analytic",
        maxSteps: overrides?.maxSteps ?? selected?.maxSteps ?? DEFAULT_MAX_STEPS,
        ...(overrides?.h !== undefined ? { h: overrides.h } : {}),
        ...(overrides?.label ? { label: overrides.label } : {}),
        ...(overrides?.color ? { color: overrides.color } : {}),
      };
      const entry = computeRun(surface, box, config);
      set({ runs: [...runs, entry], selectedRunId: entry.id, scenarioId: null });
      return entry.id;
    },
    removeRun(id) {
      const runs = get().runs.filter((run) => run.id !== id);
      if (runs.length === get().runs.length) return;
      parkedY.delete(id);
      const selectedRunId =
        get().selectedRunId === id ? (runs[0]?.id ?? null) : get().selectedRunId;
      set({ runs, selectedRunId, scenarioId: null });
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
          patch.optimizer !== undefined && patch.optimizer !== run.optimizer
            ? paramsFor(optimizer, { ...run.params, ...patch.params })
            : { ...run.params, ...patch.params };
        const { result: _result, ...config } = run;
        return computeRun(surface, box, { ...config, ...patch, id, optimizer, params });
      });
      if (!changed) return;
      set({ runs, scenarioId: null });
      clampPlayhead(runs);
    },
    setRunStart(id, start) {
      if (!start.every(Number.isFinite)) return;
      get().updateRun(id, { start: start.slice() });
    },
    selectRun(id) {
      set({ selectedRunId: id });
    },
  };
};

const createPlaybackSlice: Slice<PlaybackSlice> = (set, get) => ({
  playing: false,
  speed: DEFAULT_SPEED,
  play() {
    // Playing from the end starts over, as a media player does.
    if (getPlayhead().step >= totalSteps(get())) setPlayheadStep(0);
    set({ playing: true });
  },
  pause() {
    set({ playing: false });
  },
  togglePlay() {
    if (get().playing) get().pause();
    else get().play();
  },
  stepForward() {
    set({ playing: false });
    setPlayheadStep(Math.min(getPlayhead().step + 1, totalSteps(get())));
  },
  stepBack() {
    set({ playing: false });
    setPlayheadStep(Math.max(getPlayhead().step - 1, 0));
  },
  resetPlayback() {
    set({ playing: false });
    setPlayheadStep(0);
  },
  seek(step) {
    if (!Number.isFinite(step)) return;
    setPlayheadStep(Math.min(Math.max(Math.round(step), 0), totalSteps(get())));
  },
  setSpeed(speed) {
    if (!Number.isFinite(speed)) return;
    set({ speed: Math.min(Math.max(speed, SPEED_RANGE.min), SPEED_RANGE.max) });
  },
});

const createViewSlice: Slice<ViewSlice> = (set, get) => ({
  view: { showQuiver: true, logLoss: false, addMode: false },
  setView(patch) {
    set({ view: { ...get().view, ...patch } });
  },
});

/** True when a link sets up its own run rather than only naming a scenario. */
function asksForRun(request: LinkRequest): boolean {
  return (
    request.f !== undefined ||
    request.start !== undefined ||
    request.optimizer !== undefined ||
    request.lr !== undefined
  );
}

/** The state a link asks for, built on the default scenario (or the one it names). */
function linkScenario(request: LinkRequest): Pick<Scenario, "f" | "box" | "runs"> {
  const base = (request.scenario ? getScenario(request.scenario) : undefined) ?? defaultScenario();
  const box = request.box ?? base.box;
  if (!asksForRun(request)) return { ...base, box };
  const f = request.f ?? base.f;
  const baseRun = request.f === undefined ? base.runs[0] : undefined;
  const optimizer = request.optimizer ?? baseRun?.optimizer ?? "gd";
  const params: Record<string, number> = { ...(request.optimizer ? {} : baseRun?.params) };
  if (request.lr !== undefined) params.lr = request.lr;
  const start = request.start ?? baseRun?.start ?? defaultStart(box);
  return {
    f,
    box,
    runs: [{ start, optimizer, params, maxSteps: baseRun?.maxSteps ?? DEFAULT_MAX_STEPS }],
  };
}

/** A start away from the centre, where most functions have something to show. */
function defaultStart(box: Box): number[] {
  return [box.xmin + 0.8 * (box.xmax - box.xmin), box.ymin + 0.75 * (box.ymax - box.ymin)];
}

const createScenarioSlice: Slice<ScenarioSlice> = (set, get) => ({
  scenarioId: defaultScenario().id,
  notices: [],
  loadScenario(id) {
    const scenario = getScenario(id);
    if (!scenario) {
      set({ notices: [`There is no scenario "${id}".`] });
      return;
    }
    set({ ...scenarioState(scenario, get().surface), scenarioId: id, playing: false, notices: [] });
    resetPlayhead();
  },
  loadLink(search) {
    const { request, messages } = parseLink(search);
    const state = scenarioState(linkScenario(request), get().surface);
    const unchanged = !asksForRun(request) && request.box === undefined;
    const scenarioId = unchanged ? (request.scenario ?? defaultScenario().id) : null;
    set({ ...state, scenarioId, playing: false, notices: messages });
    resetPlayhead();
  },
  dismissNotices() {
    set({ notices: [] });
  },
});

/** The explorer's one store. Select one field per hook call; wrap derived arrays in useShallow. */
export const useExplorerStore = create<ExplorerState>()((...a) => ({
  ...createSurfaceSlice(...a),
  ...createRunsSlice(...a),
  ...createPlaybackSlice(...a),
  ...createViewSlice(...a),
  ...createScenarioSlice(...a),
}));
