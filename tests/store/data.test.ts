import { afterEach, describe, expect, it } from "vitest";
import { currentDocument, resetExplorer, useExplorerStore } from "../../src/store/index.ts";
import { isDataSurface } from "../../src/core/data/miniBatch.ts";
import { noisyLine } from "../../src/core/data/datasets.ts";
import { leastSquares } from "../../src/core/data/leastSquares.ts";
import { checkDocument } from "../../src/core/scenario/document.ts";

const store = useExplorerStore;
const line = { source: "line", model: "line", loss: "mse", standardize: false } as const;

afterEach(() => {
  resetExplorer();
});

describe("data scenarios in the store", () => {
  it("open with one run laid out around the least-squares fit, and go back to the typed function", () => {
    const typed = store.getState();
    const { text, box } = typed;
    store.getState().setData(line);
    const state = store.getState();
    expect(isDataSurface(state.surface)).toBe(true);
    expect(state.runs).toHaveLength(1);
    const fit = leastSquares(noisyLine(), "line");
    if (!fit.ok) throw new Error(fit.reason);
    // The box is centred on the fit.
    expect((state.box.xmin + state.box.xmax) / 2).toBeCloseTo(fit.params[0], 10);
    expect((state.box.ymin + state.box.ymax) / 2).toBeCloseTo(fit.params[1], 10);
    // Gradient descent from the laid-out start converges to the fit.
    const run = state.runs[0]!;
    expect(run.error).toBeNull();
    expect(run.result.status).toBe("converged");
    expect(run.result.final.point[0]).toBeCloseTo(fit.params[0], 5);
    expect(run.result.final.point[1]).toBeCloseTo(fit.params[1], 5);
    // The document carries the choice and passes the schema.
    const document = currentDocument();
    expect(document.data).toEqual(line);
    expect(document.f).toBe(text);
    expect(checkDocument(document).ok).toBe(true);

    store.getState().setData(null);
    const back = store.getState();
    expect(back.data).toBeNull();
    expect(isDataSurface(back.surface)).toBe(false);
    expect(back.surface.text).toBe(text);
    expect(back.box).toEqual(box);
  });

  it("takes a batch size for first-order rules only, and recomputes the run with it", () => {
    store.getState().setData(line);
    const id = store.getState().runs[0]!.id;
    store.getState().updateRun(id, { batch: 5 });
    const batched = store.getState().runs[0]!;
    expect(batched.batch).toBe(5);
    expect(batched.result.batch).toEqual({ size: 5, stepsPerEpoch: 10 });
    store.getState().updateRun(id, { optimizer: "newton" });
    expect(store.getState().runs[0]!.batch).toBeUndefined();
    expect(store.getState().runs[0]!.error).toBeNull();
  });

  it("leaves the data when a function is typed", () => {
    store.getState().setData(line);
    store.getState().setText("x^2 + y^2");
    const state = store.getState();
    expect(state.data).toBeNull();
    expect(state.surface.text).toBe("x^2 + y^2");
  });

  it("opens a data document from a link, laying out its own run", async () => {
    store.getState().loadLink("?data=fence");
    const state = store.getState();
    expect(state.data).toEqual({
      source: "fence",
      model: "quadratic",
      loss: "mae",
      standardize: false,
    });
    expect(state.runs).toHaveLength(1);
    // The fence is fitted exactly by a = −1, b = 100, inside the laid-out box.
    expect(state.box.xmin).toBeLessThan(-1);
    expect(state.box.xmax).toBeGreaterThan(-1);
    expect(state.box.ymin).toBeLessThan(100);
    expect(state.box.ymax).toBeGreaterThan(100);
    expect(state.notices).toEqual([]);
  });
});
