import { describe, expect, it } from "vitest";
import { differingFraction } from "./harness.ts";
import { alertTexts, capture, region, runItem, snapshot, useApp, waitForQuiet } from "./support.ts";

describe("function editor", () => {
  const app = useApp();

  it("redraws the surface for a new function and keeps every run", async () => {
    const { page, errors } = await app.open("/");
    await waitForQuiet(page);
    const before = await snapshot(page);
    const contour = region(page, "Contour map").locator("canvas").first();
    const surface3d = region(page, "3D surface").locator("canvas").first();
    const contourBefore = await capture(contour, "function-before-contour");
    const surfaceBefore = await capture(surface3d, "function-before-3d");

    const editor = page.getByRole("textbox", { name: "Function" });
    await editor.fill("sin(x) * cos(y)");
    await expect.poll(async () => (await snapshot(page)).surfaceText).toBe("sin(x) * cos(y)");
    await waitForQuiet(page);

    const contourAfter = await capture(contour, "function-after-contour");
    const surfaceAfter = await capture(surface3d, "function-after-3d");
    // A bowl and an egg-crate share almost no pixels: far more than a tenth must change.
    expect(differingFraction(contourBefore, contourAfter)).toBeGreaterThan(0.1);
    expect(differingFraction(surfaceBefore, surfaceAfter)).toBeGreaterThan(0.1);

    const after = await snapshot(page);
    expect(after.runs.map((run) => run.id)).toEqual(before.runs.map((run) => run.id));
    expect(after.runs.map((run) => run.start)).toEqual(before.runs.map((run) => run.start));
    // Each path was recomputed on the new surface: its first value is sin(x0) cos(y0).
    for (const run of after.runs) {
      const [x0 = NaN, y0 = NaN] = run.start;
      expect(run.values[0]).toBeCloseTo(Math.sin(x0) * Math.cos(y0), 10);
    }
    expect(await alertTexts(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows an alert for a bad function, keeps the last surface and the runs, and recovers", async () => {
    const { page, errors } = await app.open("/");
    await waitForQuiet(page);
    const before = await snapshot(page);
    const editor = page.getByRole("textbox", { name: "Function" });

    await editor.fill("x^2 + foo(y)");
    await expect.poll(async () => (await alertTexts(page)).join("\n")).toMatch(/foo/);
    await capture(page.locator("body"), "function-bad-alert");

    const during = await snapshot(page);
    // "foo" starts at character 6 of "x^2 + foo(y)".
    expect(during.surfaceError?.start).toBe(6);
    expect(during.surfaceText).toBe(before.surfaceText);
    expect(during.runs.map((run) => run.id)).toEqual(before.runs.map((run) => run.id));
    expect(during.runs.map((run) => run.xs)).toEqual(before.runs.map((run) => run.xs));
    for (let n = 1; n <= before.runs.length; n++) await runItem(page, n).waitFor();
    // The person's text stays in the editor so they can fix it.
    expect(await editor.inputValue()).toBe("x^2 + foo(y)");

    await editor.fill("x^2 + 4*y^2");
    await expect.poll(async () => (await snapshot(page)).surfaceText).toBe("x^2 + 4*y^2");
    await expect.poll(() => alertTexts(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
