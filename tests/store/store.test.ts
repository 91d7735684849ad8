import { afterEach, describe, expect, it } from "vitest";
import {
  currentDocument,
  currentLinkQuery,
  resetExplorer,
  RUN_PALETTE,
  selectedRun,
  totalSteps,
  useExplorerStore,
} from "../../src/store/index.ts";
import { getPlayhead, setPlayheadStep } from "../../src/store/playhead.ts";
import { makeDocument } from "../../src/core/scenario/document.ts";
import { getPreset } from "../../src/core/scenario/presets.ts";
import { getLesson } from "../../src/core/lessons/lessons.ts";
import { loadLessons } from "../../src/store/lessonLibrary.ts";
import { runOptimizer } from "../../src/core/run.ts";
import { parseSurface } from "../../src/core/surface.ts";
import { startPlaybackDriver, type FrameClock } from "../../src/store/playbackDriver.ts";

const store = useExplorerStore;

afterEach(() => {
  resetExplorer();
});

function run(index: number) {
  const entry = store.getState().runs[index];
  if (!entry) throw new Error(`no run ${index}`);
  return entry;
}

describe("initial state", () => {
  it("opens on the elongated bowl with four distinct, labelled, computed runs", () => {
    const state = store.getState();
    expect(state.text).toBe("x^2 + 10*y^2");
    expect(state.surface.dimension).toBe(2);
    expect(state.surfaceError).toBeNull();
    expect(state.scenarioId).toBe("elongated-bowl");
    expect(state.runs.map((r) => r.label)).toEqual(["Run 1", "Run 2", "Run 3", "Run 4"]);
    expect(new Set(state.runs.map((r) => r.color)).size).toBe(4);
    for (const r of state.runs) {
      expect(RUN_PALETTE).toContain(r.color);
      expect(r.result.steps).toBeGreaterThan(0);
    }
    expect(state.selectedRunId).toBe(state.runs[0]!.id);
  });

  it("computes the first gradient-descent step by the update rule", () => {
    // f = x^2 + 10y^2, grad = (2x, 20y); from (-2.5, 1.5) with lr 0.09:
    // x1 = -2.5 - 0.09 * (-5) = -2.05, y1 = 1.5 - 0.09 * 30 = -1.2.
    const first = run(0);
    expect(first.optimizer).toBe("gd");
    expect(first.params.lr).toBe(0.09);
    expect(first.result.xs[1]).toBeCloseTo(-2.05, 12);
    expect(first.result.ys[1]).toBeCloseTo(-1.2, 12);
  });
});

describe("function text", () => {
  it("keeps the last valid surface and every run while the text is invalid", () => {
    const before = store.getState();
    before.setText("x^2 + (");
    const after = store.getState();
    expect(after.text).toBe("x^2 + (");
    expect(after.surfaceError).not.toBeNull();
    expect(after.surfaceError!.start).toBeGreaterThanOrEqual(0);
    expect(after.surfaceError!.end).toBeLessThanOrEqual("x^2 + (".length + 1);
    expect(after.surface).toBe(before.surface);
    expect(after.runs).toBe(before.runs);
  });

  it("recomputes every run when a new valid surface arrives", () => {
    store.getState().setText("x^2 + y^2");
    const state = store.getState();
    expect(state.surfaceError).toBeNull();
    expect(state.runs).toHaveLength(4);
    // grad of x^2 + y^2 at (-2.5, 1.5) is (-5, 3); lr 0.09: (-2.05, 1.23).
    expect(run(0).result.xs[1]).toBeCloseTo(-2.05, 12);
    expect(run(0).result.ys[1]).toBeCloseTo(1.23, 12);
    expect(state.scenarioId).toBeNull();
  });

  it("clears the error once the text is valid again", () => {
    store.getState().setText("x^2 +");
    expect(store.getState().surfaceError).not.toBeNull();
    store.getState().setText("x^2 + y");
    expect(store.getState().surfaceError).toBeNull();
    expect(store.getState().surface.text).toBe("x^2 + y");
  });

  it("gives runs a one-number start in one variable and restores y afterwards", () => {
    store.getState().setText("x^2");
    expect(store.getState().surface.dimension).toBe(1);
    expect(run(0).start).toEqual([-2.5]);
    expect(run(0).result.dimension).toBe(1);
    // f' = 2x; x1 = -2.5 - 0.09 * (-5) = -2.05.
    expect(run(0).result.xs[1]).toBeCloseTo(-2.05, 12);
    store.getState().setText("x^2 + y^2");
    expect(run(0).start).toEqual([-2.5, 1.5]);
  });
});

describe("runs", () => {
  it("adds a run with the next label, an unused colour, and selects it", () => {
    const id = store.getState().addRun([1, 1]);
    const state = store.getState();
    const added = state.runs.find((r) => r.id === id)!;
    expect(added.label).toBe("Run 5");
    expect(state.runs.slice(0, 4).map((r) => r.color)).not.toContain(added.color);
    expect(state.selectedRunId).toBe(id);
    expect(added.result.xs[0]).toBe(1);
    expect(added.result.ys[0]).toBe(1);
  });

  it("removes a run and moves the selection to a remaining one", () => {
    const firstId = run(0).id;
    store.getState().removeRun(firstId);
    const state = store.getState();
    expect(state.runs.map((r) => r.label)).toEqual(["Run 2", "Run 3", "Run 4"]);
    expect(state.selectedRunId).toBe(state.runs[0]!.id);
    // The freed label is reused by the next run.
    store.getState().addRun([0, 1]);
    expect(store.getState().runs.at(-1)!.label).toBe("Run 1");
  });

  it("recomputes a run when its learning rate changes", () => {
    const id = run(0).id;
    store.getState().updateRun(id, { params: { lr: 0.01 } });
    // x1 = -2.5 - 0.01 * (-5) = -2.45, y1 = 1.5 - 0.01 * 30 = 1.2.
    expect(run(0).result.xs[1]).toBeCloseTo(-2.45, 12);
    expect(run(0).result.ys[1]).toBeCloseTo(1.2, 12);
  });

  it("switching optimizer gives the new optimizer's parameters, keeping a valid learning rate", () => {
    const id = run(0).id;
    store.getState().updateRun(id, { optimizer: "adam" });
    const params = run(0).params;
    expect(Object.keys(params).sort()).toEqual(["beta1", "beta2", "eps", "lr"]);
    expect(params.lr).toBe(0.09);
    expect(params.beta1).toBe(0.9);
    expect(params.beta2).toBe(0.999);
  });

  it("moves a run's start and recomputes its path", () => {
    const id = run(1).id;
    store.getState().setRunStart(id, [2, -1]);
    // lr 0.02: x1 = 2 - 0.02 * 4 = 1.92, y1 = -1 - 0.02 * (-20) = -0.6.
    expect(run(1).result.xs[0]).toBe(2);
    expect(run(1).result.xs[1]).toBeCloseTo(1.92, 12);
    expect(run(1).result.ys[1]).toBeCloseTo(-0.6, 12);
    store.getState().setRunStart(id, [Number.NaN, 0]);
    expect(run(1).start).toEqual([2, -1]);
  });

  it("recomputes runs when the box changes and refuses an empty box", () => {
    // Random search draws its candidates in the box, so its path depends on the box.
    const id = store.getState().addRun([0.75, 0.75], { optimizer: "random-search" });
    const box = { xmin: 0.5, xmax: 1, ymin: 0.5, ymax: 1 };
    store.getState().setBox(box);
    expect(store.getState().box).toEqual(box);
    const entry = store.getState().runs.find((r) => r.id === id)!;
    const reference = runOptimizer(store.getState().surface, {
      start: [0.75, 0.75],
      optimizer: "random-search",
      params: entry.params,
      maxSteps: entry.maxSteps,
      seed: entry.seed,
      box,
    });
    expect(entry.result.xs).toEqual(reference.xs);
    expect(entry.result.ys).toEqual(reference.ys);
    // Every point it moved to is a candidate drawn in the new box.
    for (let k = 0; k <= entry.result.steps; k++) {
      expect(entry.result.xs[k]).toBeGreaterThanOrEqual(0.5);
      expect(entry.result.ys[k]).toBeLessThanOrEqual(1);
    }
    // The other runs were recomputed too: each equals core's run of its settings in the box.
    for (const other of store.getState().runs.filter((r) => r.id !== id)) {
      const again = runOptimizer(store.getState().surface, {
        start: other.start,
        optimizer: other.optimizer,
        params: other.params,
        maxSteps: other.maxSteps,
        seed: other.seed,
        box,
      });
      expect(other.result.xs).toEqual(again.xs);
    }
    const before = store.getState().runs;
    store.getState().setBox({ xmin: 1, xmax: 1, ymin: 0, ymax: 1 });
    expect(store.getState().box).toEqual(box);
    expect(store.getState().runs).toBe(before);
  });

  it("selectedRun falls back to the first run", () => {
    store.getState().selectRun(null);
    expect(selectedRun(store.getState())?.id).toBe(run(0).id);
  });
});

describe("playback", () => {
  it("steps, seeks and resets within the timeline", () => {
    const total = totalSteps(store.getState());
    expect(total).toBe(Math.max(...store.getState().runs.map((r) => r.result.steps)));
    store.getState().stepBack();
    expect(getPlayhead().step).toBe(0);
    store.getState().stepForward();
    store.getState().stepForward();
    expect(getPlayhead().step).toBe(2);
    store.getState().stepBack();
    expect(getPlayhead().step).toBe(1);
    store.getState().seek(total + 50);
    expect(getPlayhead().step).toBe(total);
    store.getState().stepForward();
    expect(getPlayhead().step).toBe(total);
    store.getState().seek(-3);
    expect(getPlayhead().step).toBe(0);
    store.getState().seek(7);
    store.getState().play();
    store.getState().resetPlayback();
    expect(getPlayhead().step).toBe(0);
    expect(store.getState().playing).toBe(false);
  });

  it("playing from the end starts over; pausing keeps the position", () => {
    const total = totalSteps(store.getState());
    store.getState().seek(total);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(true);
    expect(getPlayhead().step).toBe(0);
    setPlayheadStep(5);
    store.getState().togglePlay();
    expect(store.getState().playing).toBe(false);
    expect(getPlayhead().step).toBe(5);
  });

  it("clamps the playhead when the timeline gets shorter", () => {
    store.getState().seek(totalSteps(store.getState()));
    store.getState().loadScenario("convex-bowl");
    expect(getPlayhead().step).toBe(0);
    store.getState().seek(50);
    expect(getPlayhead().step).toBe(50);
    for (const r of store.getState().runs) store.getState().updateRun(r.id, { maxSteps: 3 });
    expect(totalSteps(store.getState())).toBe(3);
    expect(getPlayhead().step).toBe(3);
  });
});

/** A frame clock the test advances by hand; the driver is the real one. */
function manualClock() {
  let pending: ((time: number) => void) | null = null;
  let requests = 0;
  const clock: FrameClock = {
    requestFrame(callback) {
      pending = callback;
      requests += 1;
      return requests;
    },
    cancelFrame() {
      pending = null;
    },
  };
  return {
    clock,
    frame(time: number) {
      const callback = pending;
      pending = null;
      callback?.(time);
    },
    get waiting() {
      return pending !== null;
    },
    get requests() {
      return requests;
    },
  };
}

describe("playback driver", () => {
  it("advances speed * dt steps per frame, stops at the end, and idles while paused", () => {
    const frames = manualClock();
    const stop = startPlaybackDriver(store, frames.clock);
    expect(frames.waiting).toBe(false);
    store.getState().setSpeed(20);
    store.getState().play();
    expect(frames.waiting).toBe(true);
    frames.frame(1000); // first frame only sets the clock
    expect(getPlayhead().step).toBe(0);
    frames.frame(1100); // 0.1 s at 20 steps/s
    expect(getPlayhead().step).toBe(2);
    frames.frame(1125); // 0.5 step carries over
    expect(getPlayhead().step).toBe(2);
    frames.frame(1150);
    expect(getPlayhead().step).toBe(3);
    store.getState().pause();
    expect(frames.waiting).toBe(false);
    expect(getPlayhead().step).toBe(3);

    const total = totalSteps(store.getState());
    store.getState().seek(total - 1);
    store.getState().play();
    frames.frame(2000);
    frames.frame(2200);
    expect(getPlayhead().step).toBe(total);
    expect(store.getState().playing).toBe(false);
    expect(frames.waiting).toBe(false);
    stop();
  });
});

describe("scenarios and links", () => {
  it("loads a scenario in one call", () => {
    store.getState().loadScenario("himmelblau");
    const state = store.getState();
    expect(state.scenarioId).toBe("himmelblau");
    expect(state.box).toEqual({ xmin: -5, xmax: 5, ymin: -5, ymax: 5 });
    expect(state.runs).toHaveLength(4);
    expect(state.text).toContain("x^2 + y - 11");
  });

  it("loads the one-variable fence problem with a one-number start", () => {
    store.getState().loadScenario("fence");
    expect(store.getState().surface.dimension).toBe(1);
    expect(run(0).start).toEqual([57]);
  });

  it("stays in presenter mode when a scenario or a file is opened, and a link says for itself", () => {
    store.getState().setView({ presenter: true });
    store.getState().loadScenario("himmelblau");
    expect(store.getState().view.presenter).toBe(true);
    // Still the preset: its link names it, in presenter mode.
    expect(store.getState().scenarioId).toBe("himmelblau");
    expect(currentLinkQuery()).toBe("?scenario=himmelblau&presenter=1");
    store.getState().loadDocument(structuredClone(getPreset("saddle")!.document));
    expect(store.getState().view.presenter).toBe(true);
    store.getState().loadLink("?scenario=saddle");
    expect(store.getState().view.presenter).toBe(false);
    expect(currentLinkQuery()).toBe("?scenario=saddle");
    store.getState().loadLink("?scenario=saddle&presenter=1");
    expect(store.getState().view.presenter).toBe(true);
    // Leaving presenter mode is a change of view only: the picture is still the preset.
    store.getState().setView({ presenter: false });
    store.getState().loadScenario("fence");
    expect(store.getState().view.presenter).toBe(false);
  });

  it("opens a lesson step by step, each step's picture with its own short link", async () => {
    // The lessons load when first wanted (tests/store/lessonLibrary.test.ts); here they have.
    await loadLessons();
    const lesson = getLesson("learning-rates")!;
    store.getState().openLesson("learning-rates");
    expect(store.getState().lesson).toEqual({ id: "learning-rates", step: 0 });
    expect(currentDocument()).toEqual(lesson.steps[0]!.document);
    expect(currentLinkQuery()).toBe("?lesson=learning-rates&step=1");
    store.getState().nextLessonStep();
    store.getState().nextLessonStep();
    expect(store.getState().lesson).toEqual({ id: "learning-rates", step: 2 });
    expect(store.getState().runs).toHaveLength(3);
    expect(currentLinkQuery()).toBe("?lesson=learning-rates&step=3");
    store.getState().previousLessonStep();
    expect(store.getState().lesson!.step).toBe(1);
    // The last step compares the four rates side by side.
    store.getState().openLesson("learning-rates", 99);
    expect(store.getState().lesson!.step).toBe(4);
    expect(store.getState().compare?.by).toBe("lr");
    store.getState().nextLessonStep();
    expect(store.getState().lesson!.step).toBe(4);
    // A change to the picture keeps the lesson open; the link then carries both.
    const first = store.getState().runs[0]!;
    store.getState().updateRun(first.id, { start: [-2, 2] });
    expect(currentLinkQuery()).toMatch(/^\?box=.*&lesson=learning-rates&step=5$/);
    store.getState().openLesson("learning-rates", 0);
    store.getState().previousLessonStep();
    expect(store.getState().lesson!.step).toBe(0);
    // Any other picture closes the lesson; closing keeps the picture.
    store.getState().loadScenario("saddle");
    expect(store.getState().lesson).toBeNull();
    store.getState().loadLink("?lesson=saddles&step=2");
    expect(store.getState().lesson).toEqual({ id: "saddles", step: 1 });
    const runs = store.getState().runs;
    store.getState().closeLesson();
    expect(store.getState().lesson).toBeNull();
    expect(store.getState().runs).toBe(runs);
    store.getState().openLesson("nope");
    expect(store.getState().notices).toContain('There is no lesson "nope".');
  });

  it("reports an unknown scenario without changing anything", () => {
    const before = store.getState().runs;
    store.getState().loadScenario("nope");
    expect(store.getState().runs).toBe(before);
    expect(store.getState().notices[0]).toContain("nope");
  });

  it("opens a link with its function and one run", () => {
    store.getState().loadLink("?f=x%5E2%2B3*y%5E2&start=1,2&optimizer=momentum&lr=0.05");
    const state = store.getState();
    expect(state.text).toBe("x^2+3*y^2");
    expect(state.runs).toHaveLength(1);
    expect(run(0).start).toEqual([1, 2]);
    expect(run(0).optimizer).toBe("momentum");
    expect(run(0).params.lr).toBe(0.05);
    expect(state.notices).toEqual([]);
    expect(state.scenarioId).toBeNull();
  });

  it("applies a link's box to the scenario it names", () => {
    store.getState().loadLink("?scenario=saddle&box=-1,1,-2,2");
    const state = store.getState();
    expect(state.text).toBe("x^2 - y^2");
    expect(state.box).toEqual({ xmin: -1, xmax: 1, ymin: -2, ymax: 2 });
    expect(state.runs).toHaveLength(2);
    expect(state.scenarioId).toBeNull();
  });

  it("falls back per parameter on a bad link and says why", () => {
    store.getState().loadLink("?f=x%5E2%2B(&start=1,2&optimizer=warp&lr=0.05");
    const state = store.getState();
    expect(state.text).toBe("x^2 + 10*y^2");
    expect(run(0).start).toEqual([1, 2]);
    expect(run(0).optimizer).toBe("gd");
    expect(run(0).params.lr).toBe(0.05);
    expect(state.notices.some((m) => m.includes('"f"'))).toBe(true);
    expect(state.notices.some((m) => m.includes('"optimizer"'))).toBe(true);
  });
});

describe("spacing-only edits", () => {
  it("keep the surface, the runs and the preset", () => {
    const before = store.getState();
    before.setText("x^2+10*y^2");
    const after = store.getState();
    expect(after.text).toBe("x^2+10*y^2");
    expect(after.surface).toBe(before.surface);
    expect(after.runs).toBe(before.runs);
    expect(after.scenarioId).toBe("elongated-bowl");
  });
});

describe("playback never recomputes runs", () => {
  it("play, step, seek and the driver leave the computed runs untouched", () => {
    const runs = store.getState().runs;
    const frames = manualClock();
    const stop = startPlaybackDriver(store, frames.clock);
    store.getState().play();
    frames.frame(0);
    frames.frame(200);
    store.getState().stepForward();
    store.getState().stepBack();
    store.getState().seek(12);
    store.getState().setSpeed(100);
    expect(store.getState().runs).toBe(runs);
    stop();
  });
});

describe("the document on screen", () => {
  it("is the default preset's document on a first visit", () => {
    expect(currentDocument()).toEqual(getPreset("elongated-bowl")!.document);
  });

  it("opens a document and gives back the same document, step, view and camera included", () => {
    const document = makeDocument(
      "x^2 + 3*y^2",
      { xmin: -2, xmax: 4, ymin: -1, ymax: 3 },
      [
        {
          start: [1, 2],
          optimizer: "momentum",
          params: { lr: 0.05 },
          gradient: "central",
          h: 1e-4,
        },
        { start: [3, -0.5], optimizer: "random-search", seed: 991, maxSteps: 40, label: "Search" },
      ],
      {
        playback: { step: 7, speed: 60 },
        view: {
          showQuiver: false,
          logLoss: true,
          addMode: true,
          floorQuiver: true,
          lossByEpoch: false,
          presenter: false,
          basinMap: false,
          curvature: true,
          stepVectors: false,
          gradientCheck: true,
        },
        selectedRun: 1,
        camera: { azimuth: 30, elevation: 40, zoom: 1.5, target: [0, 0.2, 0] },
      },
    );
    store.getState().loadDocument(document);
    expect(getPlayhead().step).toBe(7);
    expect(store.getState().selectedRunId).toBe(run(1).id);
    expect(currentDocument()).toEqual(document);
  });

  it("runs random search with the run's own seed, the same path every time it is opened", () => {
    const document = makeDocument("x^2 + y^2", { xmin: -3, xmax: 3, ymin: -3, ymax: 3 }, [
      { start: [2, 2], optimizer: "random-search", seed: 12345, maxSteps: 30 },
    ]);
    // The reference: the core run with seed 12345, called directly.
    const reference = runOptimizer(parseSurface("x^2 + y^2"), {
      start: [2, 2],
      optimizer: "random-search",
      maxSteps: 30,
      box: document.box,
      seed: 12345,
    });
    store.getState().loadDocument(document);
    const first = Array.from(run(0).result.xs);
    store.getState().addRun([0, 1]);
    resetExplorer();
    store.getState().loadDocument(document);
    expect(Array.from(run(0).result.xs)).toEqual(first);
    expect(first).toEqual(Array.from(reference.xs));
  });

  it("gives a new run a seed of its own that it keeps through edits", () => {
    const id = store.getState().addRun([1, 1], { optimizer: "random-local" });
    const seed = store.getState().runs.find((r) => r.id === id)!.seed;
    store.getState().updateRun(id, { maxSteps: 50 });
    store.getState().setRunStart(id, [0.5, 0.5]);
    expect(store.getState().runs.find((r) => r.id === id)!.seed).toBe(seed);
  });

  it("resets completely: ids, runs, view, camera and the playhead", () => {
    store.getState().addRun([1, 1]);
    store.getState().setView({ logLoss: true });
    store.getState().setCamera({ azimuth: 10, elevation: 10, zoom: 2, target: [0, 0, 0] });
    store.getState().seek(9);
    resetExplorer();
    expect(store.getState()).toEqual(store.getInitialState());
    expect(getPlayhead().step).toBe(0);
    // The next run made after a reset gets the same id as the first run made on a fresh page.
    const id = store.getState().addRun([1, 1]);
    expect(id).toBe("run-5");
  });

  it("starts fresh from the default preset", () => {
    store.getState().loadScenario("fence");
    store.getState().startFresh();
    expect(store.getState().scenarioId).toBe("elongated-bowl");
    expect(currentDocument()).toEqual(getPreset("elongated-bowl")!.document);
  });
});
