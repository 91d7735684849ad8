import { afterEach, describe, expect, it } from "vitest";
import {
  compareGroup,
  currentDocument,
  resetExplorer,
  useExplorerStore,
} from "../../src/store/index.ts";
import { makeDocument } from "../../src/core/scenario/document.ts";

const store = useExplorerStore;
const square = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };

afterEach(() => resetExplorer());

/** x² + 2y² with one plain descent run from (−2.5, 2) at lr 0.01. */
function openBowl(f = "x^2 + 2*y^2") {
  store
    .getState()
    .loadDocument(
      makeDocument(f, square, [
        { start: [-2.5, 2], optimizer: "gd", params: { lr: 0.01 }, maxSteps: 100 },
      ]),
    );
}

const group = () => compareGroup(store.getState());

describe("compare mode in the store", () => {
  it("turns the selected run into four learning rates from one start, on a log loss axis", () => {
    openBowl();
    const first = store.getState().runs[0]!.id;
    store.getState().startCompare();
    expect(group().map((run) => run.params.lr)).toEqual([0.01, 0.03, 0.1, 0.3]);
    expect(group()[0]!.id).toBe(first);
    for (const run of group()) expect(run.start).toEqual([-2.5, 2]);
    expect(store.getState().view.logLoss).toBe(true);
    expect(currentDocument().compare).toEqual({ by: "lr", runs: [0, 1, 2, 3] });
  });

  it("sets the four regimes on x² + 2y²: 0.01, 0.25, 0.45, 0.6 ending as each regime does", () => {
    openBowl();
    store.getState().setFourRegimes();
    const runs = group();
    expect(runs.map((run) => run.params.lr)).toEqual([0.01, 0.25, 0.45, 0.6]);
    expect(runs.map((run) => run.result.status)).toEqual([
      "max-steps",
      "converged",
      "converged",
      "diverged",
    ]);
    expect(store.getState().compare?.by).toBe("lr");
    expect(store.getState().compareNote).toBeNull();
  });

  it("changes nothing where the Hessian is not positive definite, and says why", () => {
    openBowl("x^2 - y^2");
    const before = store.getState().runs;
    store.getState().setFourRegimes();
    expect(store.getState().runs).toBe(before);
    expect(store.getState().compare).toBeNull();
    expect(store.getState().compareNote).toMatch(/not positive definite/);
  });

  it("adds, edits and removes a variant without recomputing the others", () => {
    openBowl();
    store.getState().startCompare();
    const added = store.getState().addVariant();
    expect(added).not.toBeNull();
    expect(group().map((run) => run.params.lr)).toEqual([0.01, 0.03, 0.1, 0.3, 0.9]);
    const [a, b, c] = group();
    store.getState().setVariantValue(b!.id, { kind: "number", value: 0.2 });
    const after = group();
    expect(after[1]!.params.lr).toBe(0.2);
    expect(after[1]!.result).not.toBe(b!.result);
    expect(after[0]!.result).toBe(a!.result);
    expect(after[2]!.result).toBe(c!.result);
    store.getState().removeVariant(added!);
    expect(group()).toHaveLength(4);
    expect(store.getState().runs).toHaveLength(4);
  });

  it("moves every variant's start when one is dragged: one start", () => {
    openBowl();
    store.getState().startCompare();
    store.getState().setRunStart(group()[2]!.id, [1, -1]);
    for (const run of group()) expect(run.start).toEqual([1, -1]);
  });

  it("races seven rules at their defaults", () => {
    openBowl();
    store.getState().raceOptimizers();
    expect(group().map((run) => run.optimizer)).toEqual([
      "gd",
      "momentum",
      "nesterov",
      "adagrad",
      "rmsprop",
      "adam",
      "newton",
    ]);
    expect(store.getState().compare?.by).toBe("optimizer");
  });

  it("compares by another setting with fresh variants, replacing the old ones", () => {
    openBowl();
    store.getState().startCompare();
    store.getState().setCompareBy("gradient");
    expect(store.getState().runs).toHaveLength(4);
    expect(group().map((run) => run.gradient)).toEqual([
      "analytic",
      "central",
      "forward",
      "backward",
    ]);
  });

  it("compares schedules: a variant's schedule is edited alone and travels in the document", () => {
    openBowl();
    store.getState().startCompare();
    store.getState().setCompareBy("schedule");
    expect(group().map((run) => run.schedule?.kind ?? "constant")).toEqual([
      "constant",
      "step",
      "exponential",
      "cosine",
      "warmup",
    ]);
    const [constant, step] = group();
    const untouched = group()[2]!.result;
    const problem = store.getState().setVariantValue(constant!.id, {
      kind: "schedule",
      value: "exponential",
      params: { gamma: 0.5 },
    });
    expect(problem).toBeNull();
    const edited = group()[0]!;
    expect(edited.schedule).toEqual({ kind: "exponential", params: { gamma: 0.5 } });
    // lr 0.01 · 0.5^k: step 3 runs at 0.00125.
    expect(edited.result.rates![3]).toBeCloseTo(0.00125, 15);
    expect(group()[1]!.id).toBe(step!.id);
    expect(group()[2]!.result).toBe(untouched);
    expect(currentDocument().runs[0]!.schedule).toEqual({
      kind: "exponential",
      params: { gamma: 0.5 },
    });
    expect(currentDocument().compare).toEqual({ by: "schedule", runs: [0, 1, 2, 3, 4] });
    // Back to the constant rate: the schedule is left out of the run.
    store.getState().setVariantValue(edited.id, { kind: "schedule", value: "constant" });
    expect(group()[0]!.schedule).toBeUndefined();
  });

  it("keeps the selected run's schedule and gradient noise in every variant of a comparison", () => {
    openBowl();
    const first = store.getState().runs[0]!.id;
    store.getState().updateRun(first, {
      noise: 0.2,
      schedule: { kind: "step", params: { step_size: 4, gamma: 0.5 } },
    });
    store.getState().startCompare();
    expect(group()).toHaveLength(4);
    for (const run of group()) {
      expect(run.noise).toBe(0.2);
      expect(run.schedule).toEqual({ kind: "step", params: { step_size: 4, gamma: 0.5 } });
    }
  });

  it("races with the schedule and noise on the rules that take them, and sets the four regimes without", () => {
    openBowl();
    const first = store.getState().runs[0]!.id;
    store.getState().updateRun(first, {
      noise: 0.2,
      schedule: { kind: "exponential", params: { gamma: 0.9 } },
    });
    store.getState().raceOptimizers();
    const race = group();
    expect(race.map((run) => run.optimizer)).toContain("newton");
    for (const run of race) {
      // Newton takes no schedule (it is not a first-order rule) but uses the gradient.
      expect(run.schedule?.kind).toBe(run.optimizer === "newton" ? undefined : "exponential");
      expect(run.noise).toBe(0.2);
      expect(run.error).toBeNull();
    }
    store.getState().setFourRegimes();
    for (const run of group()) {
      expect(run.schedule).toBeUndefined();
      expect(run.noise).toBeUndefined();
    }
  });

  it("reopens from its own document, and leaves compare mode keeping the selected variant", () => {
    openBowl();
    store.getState().setFourRegimes();
    const document = currentDocument();
    resetExplorer();
    store.getState().loadDocument(document);
    expect(group().map((run) => run.params.lr)).toEqual([0.01, 0.25, 0.45, 0.6]);
    store.getState().selectRun(group()[2]!.id);
    store.getState().stopCompare();
    expect(store.getState().compare).toBeNull();
    expect(store.getState().runs.map((run) => run.params.lr)).toEqual([0.45]);
  });

  it("opens a document without a comparison with none", () => {
    openBowl();
    expect(store.getState().compare).toBeNull();
    expect("compare" in currentDocument()).toBe(false);
  });
});
