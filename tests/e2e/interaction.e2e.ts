import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { pixelStats } from "./harness.ts";
import {
  capture,
  expectClose,
  labHandle,
  loadScenario,
  region,
  renderedFrames,
  runItem,
  runLoss,
  snapshot,
  stepText,
  useApp,
  waitForQuiet,
} from "./support.ts";

async function project(page: Page, view: "contour" | "surface", x: number, y: number) {
  const lab = await labHandle(page);
  const point = await lab.evaluate((hook, [name, px, py]) => hook.getProjector(name)?.(px, py), [
    view,
    x,
    y,
  ] as const);
  if (!point) throw new Error(`no "${view}" projector registered`);
  return point;
}

describe("runs, settings and views", () => {
  const app = useApp();

  it("the contour map's tick labels sit outside the plotted box, apart from each other", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "himmelblau");
    // Himmelblau's box is [−5, 5]²: its corners on screen.
    const lowerLeft = await project(page, "contour", -5, -5);
    const upperRight = await project(page, "contour", 5, 5);
    const ticks = await region(page, "Contour map")
      .locator("[data-tick]")
      .evaluateAll((elements) =>
        elements.map((element) => {
          const rect = element.getBoundingClientRect();
          return {
            axis: element.getAttribute("data-tick"),
            text: element.textContent,
            left: rect.left,
            right: rect.right,
            top: rect.top,
            bottom: rect.bottom,
          };
        }),
      );
    expect(ticks.filter((t) => t.axis === "x").map((t) => t.text)).toEqual([
      "-4",
      "-2",
      "0",
      "2",
      "4",
    ]);
    expect(ticks.filter((t) => t.axis === "y").map((t) => t.text)).toEqual([
      "-4",
      "-2",
      "0",
      "2",
      "4",
    ]);
    const view = await region(page, "Contour map").boundingBox();
    if (!view) throw new Error("no contour map");
    for (const tick of ticks) {
      // x labels below the box, y labels left of it, all inside the view.
      if (tick.axis === "x") expect(tick.top).toBeGreaterThanOrEqual(lowerLeft.clientY);
      else expect(tick.right).toBeLessThanOrEqual(lowerLeft.clientX);
      expect(tick.left).toBeGreaterThanOrEqual(view.x);
      expect(tick.bottom).toBeLessThanOrEqual(view.y + view.height);
    }
    for (let a = 0; a < ticks.length; a++) {
      for (let b = a + 1; b < ticks.length; b++) {
        const p = ticks[a]!;
        const q = ticks[b]!;
        const apart =
          p.right <= q.left || q.right <= p.left || p.bottom <= q.top || q.bottom <= p.top;
        expect(apart, `${p.axis}${p.text} and ${q.axis}${q.text} overlap`).toBe(true);
      }
    }
    // The x labels stay under the box (the last tick, 4, is inside the right edge at 5).
    const lastX = ticks.filter((t) => t.axis === "x").at(-1)!;
    expect(lastX.right).toBeLessThan(upperRight.clientX);
    expect(errors).toEqual([]);
  });

  it("Shift-click on an empty spot of the contour map adds a run there; Remove takes it away", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const before = await snapshot(page);
    expect(before.runs).toHaveLength(2);

    const at = await project(page, "contour", 1, -2);
    await page.keyboard.down("Shift");
    await page.mouse.click(at.clientX, at.clientY);
    await page.keyboard.up("Shift");
    await expect.poll(async () => (await snapshot(page)).runs.length).toBe(3);
    const added = (await snapshot(page)).runs[2];
    if (!added) throw new Error("no third run");
    const [x0 = NaN, y0 = NaN] = added.start;
    expect(Math.abs(x0 - 1)).toBeLessThan(0.05);
    expect(Math.abs(y0 - -2)).toBeLessThan(0.05);
    // On f = x² + y² the new run starts at f = x0² + y0² and walks to the minimum (0, 0).
    expectClose(added.values[0] ?? NaN, x0 * x0 + y0 * y0, 1e-12);
    expectClose(added.finalPoint[0] ?? NaN, 0, 1e-3);
    expectClose(added.finalPoint[1] ?? NaN, 0, 1e-3);
    await runItem(page, 3).waitFor();

    await page.getByRole("button", { name: "Remove Run 3", exact: true }).click();
    await expect.poll(async () => (await snapshot(page)).runs.length).toBe(2);
    await expect.poll(() => runItem(page, 3).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("the Learning rate and Optimizer controls change the selected run's steps", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const learningRate = page.getByLabel("Learning rate", { exact: true }).first();
    await learningRate.fill("0.25");
    await expect.poll(async () => (await snapshot(page)).runs[0]?.params.lr).toBe(0.25);
    await page.getByRole("button", { name: "Step forward", exact: true }).click();
    await expect.poll(async () => (await stepText(page)).k).toBe(1);
    // Descent on x² + y² with lr 0.25 halves the point: f_1 = f_0 / 4 = 10.25 / 4.
    expectClose(await runLoss(page, 1), 10.25 / 4, 1e-2);

    await page.getByRole("combobox", { name: "Optimizer" }).first().selectOption("adam");
    await expect.poll(async () => (await snapshot(page)).runs[0]?.optimizer).toBe("adam");
    const lr = (await snapshot(page)).runs[0]?.params.lr ?? NaN;
    expect(Number(await learningRate.inputValue())).toBeCloseTo(lr, 12);
    // Adam's first step moves every coordinate by lr against the gradient's sign
    // (m̂ / √v̂ = g / |g|), so from (2.5, 2) it reaches (2.5 − lr, 2 − lr).
    const x1 = 2.5 - lr;
    const y1 = 2 - lr;
    await expect.poll(async () => (await snapshot(page)).step).toBe(1);
    expectClose(await runLoss(page, 1), x1 * x1 + y1 * y1, 1e-2);
    expect(errors).toEqual([]);
  });

  it("the timeline slider scrubs to the last step and back", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const timeline = page.getByRole("slider", { name: "Timeline" });
    await timeline.focus();
    await page.keyboard.press("End");
    const end = await stepText(page);
    expect(end.k).toBe(end.n);
    const state = await snapshot(page);
    expect(state.step).toBe(end.n);
    // Run 1 has stopped by then: its text shows its last value.
    const run1 = state.runs[0];
    expectClose(await runLoss(page, 1), run1?.finalValue ?? NaN, 1e-2);
    await page.keyboard.press("Home");
    await expect.poll(async () => (await stepText(page)).k).toBe(0);
  });

  it("in one variable the views become the curve of f with its tangent, and the loss curve", async () => {
    const { page, errors } = await app.open("/");
    await waitForQuiet(page);
    // A change to one variable waits for a pause in typing; Enter applies it at once.
    await page.getByRole("textbox", { name: "Function" }).fill("x^2 - 4*x");
    await page.getByRole("textbox", { name: "Function" }).press("Enter");
    await expect.poll(async () => (await snapshot(page)).surfaceText).toBe("x^2 - 4*x");
    await waitForQuiet(page);
    await expect.poll(() => region(page, "Contour map").count()).toBe(0);
    await expect.poll(() => region(page, "3D surface").count()).toBe(0);
    const curve = region(page, "Curve of f").locator("canvas").first();
    const stats = pixelStats(await capture(curve, "view-1d-curve"));
    expect(stats.saturatedColours, "curve view: saturated colours").toBeGreaterThan(8);
    await capture(page.locator("body"), "page-1d");

    const state = await snapshot(page);
    const run = state.runs[0];
    if (!run) throw new Error("no run");
    expect(run.start).toHaveLength(1);
    const x0 = run.start[0] ?? NaN;
    const lr = run.params.lr ?? NaN;
    // f'(x) = 2x − 4, so x1 = x0 − lr (2 x0 − 4); f(x1) = x1² − 4 x1.
    const x1 = x0 - lr * (2 * x0 - 4);
    await page.getByRole("button", { name: "Step forward", exact: true }).click();
    await expect.poll(async () => (await stepText(page)).k).toBe(1);
    expectClose(await runLoss(page, 1), x1 * x1 - 4 * x1, 1e-2);

    // The start drags along the curve, and Shift-click on an empty spot adds a run there.
    const from = await project(page, "contour", x0, 0);
    const to = await project(page, "contour", 3, 0);
    await page.mouse.move(from.clientX, from.clientY);
    await page.mouse.down();
    await page.mouse.move(to.clientX, to.clientY, { steps: 8 });
    await page.mouse.up();
    await waitForQuiet(page);
    // The runs share this start; the press grabs the one drawn on top.
    const starts = (await snapshot(page)).runs.map((r) => r.start[0] ?? NaN);
    expect(starts.filter((x) => Math.abs(x - 3) < 0.05)).toHaveLength(1);
    const count = (await snapshot(page)).runs.length;
    const empty = await project(page, "contour", -1, 0);
    await page.keyboard.down("Shift");
    await page.mouse.click(empty.clientX, empty.clientY);
    await page.keyboard.up("Shift");
    await expect.poll(async () => (await snapshot(page)).runs.length).toBe(count + 1);
    const added = (await snapshot(page)).runs[count]?.start ?? [];
    expect(added).toHaveLength(1);
    expect(Math.abs((added[0] ?? NaN) - -1)).toBeLessThan(0.05);
    expect(errors).toEqual([]);
  });

  it("hovering the loss curve reads out a step and its value and highlights it in the other views", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const canvas = region(page, "Loss curve").locator("canvas").first();
    const box = await canvas.boundingBox();
    if (!box) throw new Error("loss curve canvas has no box");
    const framesBefore = await renderedFrames(page);
    const tooltip = region(page, "Loss curve").getByRole("status");
    let readout = "";
    // Somewhere in the plot area, away from the axes.
    for (const [fx, fy] of [
      [0.3, 0.6],
      [0.2, 0.5],
      [0.5, 0.8],
      [0.15, 0.3],
    ] as const) {
      await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
      if (await tooltip.isVisible()) {
        readout = (await tooltip.innerText()).replace(/\u2212/g, "-");
        break;
      }
    }
    const match = /Run (\d+)\D+step (\d+)\D+f = (\S+)/.exec(readout);
    if (!match) throw new Error(`no hover readout (found ${JSON.stringify(readout)})`);
    const [n, k, shown] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // Both runs are descent with lr 0.1 on x² + y²: f_k = 0.64^k f_0, with f_0 = 10.25 for
    // Run 1 from (2.5, 2) and 5 for Run 2 from (−2, −1); a stopped run keeps its last value.
    const state = await snapshot(page);
    const run = state.runs[n - 1];
    if (!run) throw new Error(`readout names Run ${n}, which does not exist`);
    const f0 = n === 1 ? 10.25 : 5;
    expectClose(shown, f0 * 0.64 ** Math.min(k, run.steps), 1e-3);
    const lab = await labHandle(page);
    const hover = await lab.evaluate((hook) => (hook.getPlayhead() as { hover?: unknown }).hover);
    expect(hover).toEqual({ runId: run.id, step: k });
    await expect.poll(() => renderedFrames(page)).toBeGreaterThan(framesBefore);
    await capture(page.locator("body"), "hover-loss-curve");

    await page.mouse.move(box.x - 20, box.y - 20);
    await expect.poll(() => tooltip.isVisible()).toBe(false);
    expect(await lab.evaluate((hook) => (hook.getPlayhead() as { hover?: unknown }).hover)).toBe(
      null,
    );
    expect(errors).toEqual([]);
  });

  it("resizing the window keeps the 3D view's orbit; a new domain starts from the default view", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    // Screen direction of the box's x edge at y = 0: it turns when the view orbits.
    const edgeAngle = async () => {
      const a = await project(page, "surface", -2, 0);
      const b = await project(page, "surface", 2, 0);
      return (Math.atan2(b.clientY - a.clientY, b.clientX - a.clientX) * 180) / Math.PI;
    };
    // Difference of two angles in degrees, in [0, 180].
    const turn = (a: number, b: number) => Math.abs(((a - b + 540) % 360) - 180);
    const initial = await edgeAngle();
    const canvas = region(page, "3D surface").locator("canvas").first();
    const box = await canvas.boundingBox();
    if (!box) throw new Error("no 3D canvas");
    // Orbit: drag across an empty corner of the view.
    await page.mouse.move(box.x + box.width * 0.12, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.42, box.y + box.height * 0.3, { steps: 10 });
    await page.mouse.up();
    await waitForQuiet(page);
    const orbited = await edgeAngle();
    expect(turn(orbited, initial)).toBeGreaterThan(15);

    await page.setViewportSize({ width: 1100, height: 760 });
    await expect.poll(async () => (await canvas.boundingBox())?.width).toBeLessThan(box.width - 20);
    await waitForQuiet(page);
    const resized = await edgeAngle();
    expect(turn(resized, orbited)).toBeLessThan(3);

    // Another domain box is another scene: back to the default view.
    const lab = await labHandle(page);
    await lab.evaluate((hook) =>
      hook.store.getState().setBox({ xmin: -4, xmax: 4, ymin: -2, ymax: 2 }),
    );
    await waitForQuiet(page);
    const reset = await edgeAngle();
    expect(turn(reset, orbited)).toBeGreaterThan(10);
    expect(errors).toEqual([]);
  });

  it("dragging a start point on the 3D surface moves it and leaves the camera alone", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const from = await project(page, "surface", 2.5, 2);
    const to = await project(page, "surface", 1.5, 1);
    const centreBefore = await project(page, "surface", 0, 0);
    await page.mouse.move(from.clientX, from.clientY);
    await page.mouse.down();
    await page.mouse.move(to.clientX, to.clientY, { steps: 8 });
    await page.mouse.up();
    await waitForQuiet(page);
    const run = (await snapshot(page)).runs[0];
    const [x = NaN, y = NaN] = run?.start ?? [];
    // The start follows the pointer across the surface (picked on the coarse mesh).
    expect(Math.abs(x - 1.5)).toBeLessThan(0.2);
    expect(Math.abs(y - 1)).toBeLessThan(0.2);
    expect(run?.xs[0]).toBe(x);
    expectClose(run?.values[0] ?? NaN, x * x + y * y, 1e-12);
    const centreAfter = await project(page, "surface", 0, 0);
    expect(Math.abs(centreAfter.clientX - centreBefore.clientX)).toBeLessThan(1);
    expect(Math.abs(centreAfter.clientY - centreBefore.clientY)).toBeLessThan(1);
    await capture(region(page, "3D surface").locator("canvas").first(), "drag-3d-after");
    expect(errors).toEqual([]);
  });
});
