/**
 * Controls no other browser test touches, checked by what a person sees: typing a start into
 * the run's fields, and the quiver field's toggle.
 */
import { describe, expect, it } from "vitest";
import { differingFraction } from "./harness.ts";
import { capture, runItem, useApp, waitForQuiet } from "./support.ts";

describe("controls", () => {
  const app = useApp();

  it("a start typed into Start x and Start y moves the run: its line reads the start and f there", async () => {
    const { page, errors } = await app.open("/");
    await waitForQuiet(page);
    // The default picture is x² + 10y²; Run 1 is selected with its fields open.
    const startX = page.getByLabel("Start x", { exact: true });
    const startY = page.getByLabel("Start y", { exact: true });
    await startX.fill("1.5");
    await startX.press("Enter");
    await startY.fill("-0.5");
    await startY.press("Enter");
    await waitForQuiet(page);
    const item = runItem(page, 1);
    await expect.poll(() => item.locator(".run-start").textContent()).toBe("start (1.5, -0.5)");
    // At step 0 the run is at its start: f(1.5, −0.5) = 2.25 + 2.5 = 4.75, worked by hand.
    await page.getByRole("button", { name: /Reset/ }).click();
    await expect
      .poll(() => item.locator(".run-loss").textContent())
      .toBe("now at step 0: f = 4.75");
    // A value that is not a number is refused in words and changes nothing.
    await startX.fill("1.5.2");
    expect(await startX.getAttribute("aria-invalid")).toBe("true");
    expect(await item.locator(".run-start").textContent()).toBe("start (1.5, -0.5)");
    expect(errors).toEqual([]);
  });

  it("the quiver toggle draws and takes away the arrows of −∇f on the contour map", async () => {
    const { page, errors } = await app.open("/");
    await waitForQuiet(page);
    const map = page.getByRole("region", { name: "Contour map" }).locator("canvas").first();
    const quiver = page.getByRole("checkbox", { name: "Quiver field of −∇f" });
    const initially = await quiver.isChecked();
    const before = await capture(map, "controls-quiver-before");
    await quiver.setChecked(!initially);
    await waitForQuiet(page);
    const toggled = await capture(map, "controls-quiver-toggled");
    // Arrows over the whole map: a visible share of its pixels changes.
    expect(differingFraction(before, toggled)).toBeGreaterThan(0.005);
    await quiver.setChecked(initially);
    await waitForQuiet(page);
    const back = await capture(map, "controls-quiver-back");
    expect(differingFraction(before, back)).toBeLessThan(0.001);
    expect(errors).toEqual([]);
  });
});
