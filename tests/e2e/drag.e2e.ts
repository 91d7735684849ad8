import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { differingFraction } from "./harness.ts";
import {
  capture,
  expectClose,
  labHandle,
  region,
  renderedFrames,
  runLoss,
  snapshot,
  useApp,
  waitForQuiet,
} from "./support.ts";

// f = (x² − 1)² + y² has minima at (±1, 0): ∂f/∂x = 4x(x² − 1) vanishes at x = 0, ±1 and
// the ridge x = 0 separates the two basins, so the side a run starts on decides its end.
const DOUBLE_WELL = "(x^2 - 1)^2 + y^2";
const doubleWell = (x: number, y: number) => (x * x - 1) ** 2 + y * y;

async function contourPoint(page: Page, x: number, y: number) {
  const lab = await labHandle(page);
  const point = await lab.evaluate((hook, [px, py]) => hook.getProjector("contour")?.(px, py), [
    x,
    y,
  ] as const);
  if (!point) throw new Error('no "contour" projector registered');
  return point;
}

describe("dragging a start point on the contour map", () => {
  const app = useApp();

  it("moves the start and recomputes that run's path and final point while dragging", async () => {
    const { page, errors } = await app.open("/");
    const lab = await labHandle(page);
    await lab.evaluate((hook, text) => {
      const store = hook.store;
      store.getState().setText(text);
      store.getState().setBox({ xmin: -2, xmax: 2, ymin: -2, ymax: 2 });
      for (const run of [...store.getState().runs]) store.getState().removeRun(run.id);
      store.getState().addRun([0.5, 1], { optimizer: "gd", params: { lr: 0.05 }, maxSteps: 300 });
      store.getState().resetPlayback();
    }, DOUBLE_WELL);
    await waitForQuiet(page);

    const before = await snapshot(page);
    expect(before.runs).toHaveLength(1);
    const [run] = before.runs;
    expect(run?.label).toBe("Run 1");
    // Gradient descent with lr 0.05 from (0.5, 1) settles in the right-hand well.
    expectClose(run?.finalPoint[0] ?? NaN, 1, 1e-3);
    expectClose(run?.finalPoint[1] ?? NaN, 0, 1e-3);
    expectClose(await runLoss(page, 1), doubleWell(0.5, 1), 1e-2);
    const contour = region(page, "Contour map").locator("canvas").first();
    const pixelsBefore = await capture(contour, "drag-before");

    const from = await contourPoint(page, 0.5, 1);
    const to = await contourPoint(page, -0.7, -0.8);
    const box = await contour.boundingBox();
    if (!box) throw new Error("contour canvas has no box");
    for (const p of [from, to]) {
      expect(p.clientX).toBeGreaterThan(box.x);
      expect(p.clientX).toBeLessThan(box.x + box.width);
      expect(p.clientY).toBeGreaterThan(box.y);
      expect(p.clientY).toBeLessThan(box.y + box.height);
    }

    await page.mouse.move(from.clientX, from.clientY);
    await page.mouse.down();
    const framesAtGrab = await renderedFrames(page);
    const middle = { x: (from.clientX + to.clientX) / 2, y: (from.clientY + to.clientY) / 2 };
    await page.mouse.move(middle.x, middle.y, { steps: 6 });
    // Still holding the button: the run has already followed the pointer and been redrawn.
    const during = await snapshot(page);
    expect(during.runs[0]?.start).not.toEqual(before.runs[0]?.start);
    await expect.poll(() => renderedFrames(page)).toBeGreaterThan(framesAtGrab);
    await page.mouse.move(to.clientX, to.clientY, { steps: 6 });
    await page.mouse.up();
    await waitForQuiet(page);

    const after = await snapshot(page);
    expect(after.runs).toHaveLength(1);
    const moved = after.runs[0];
    if (!moved) throw new Error("run vanished");
    expect(moved.id).toBe(run?.id);
    const [sx = NaN, sy = NaN] = moved.start;
    // One screen pixel is about 0.01 here; the start lands where the pointer was let go.
    expect(Math.abs(sx - -0.7)).toBeLessThan(0.05);
    expect(Math.abs(sy - -0.8)).toBeLessThan(0.05);
    expect(moved.xs[0]).toBe(sx);
    expect(moved.ys[0]).toBe(sy);
    // Placed to a thousandth of the box (4 wide): three decimals, in the store and the fields.
    expect(Number(sx.toFixed(3))).toBe(sx);
    expect(Number(sy.toFixed(3))).toBe(sy);
    for (const field of ["Start x", "Start y"]) {
      await expect
        .poll(() => page.getByLabel(field, { exact: true }).inputValue())
        .toMatch(/^-?\d+(\.\d{1,3})?$/);
    }
    // Now on the other side of the ridge x = 0: it ends in the left-hand well.
    expectClose(moved.finalPoint[0] ?? NaN, -1, 1e-3);
    expectClose(moved.finalPoint[1] ?? NaN, 0, 1e-3);
    // The run's text shows the loss at the playhead (step 0): f at the new start.
    expectClose(await runLoss(page, 1), doubleWell(sx, sy), 1e-2);

    const pixelsAfter = await capture(contour, "drag-after");
    expect(differingFraction(pixelsBefore, pixelsAfter)).toBeGreaterThan(0.002);
    expect(errors).toEqual([]);
  });
});
