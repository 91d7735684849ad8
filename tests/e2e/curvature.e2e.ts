/**
 * The curvature readout and the step's vectors on the contour map, in a real browser: on
 * f = x² + 10y² the Hessian is diag(2, 20) everywhere, so the readout must say λ = 2 and 20 and
 * κ = 20/2 = 10; turning the step vectors on must draw on the map around the current point and
 * label the arrows.
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { decodePng, differingFraction, type RgbaImage } from "./harness.ts";
import { labHandle, useApp, waitForQuiet } from "./support.ts";

// f = x² + 10y², one gd run from (−2.5, 1.5) with lr 0.01.
const LINK = "/?f=x%5E2%2B10*y%5E2&start=-2.5,1.5&optimizer=gd&lr=0.01";

/** The "Curvature" region's rows as term → value. */
async function curvatureRows(page: Page): Promise<Record<string, string>> {
  return page.getByRole("region", { name: "Curvature" }).evaluate((element) => {
    const rows: Record<string, string> = {};
    for (const term of element.querySelectorAll("dt")) {
      rows[term.textContent ?? ""] = term.nextElementSibling?.textContent ?? "";
    }
    return rows;
  });
}

/** The page's pixels in a square of `half` CSS px around a client point. */
async function patch(page: Page, x: number, y: number, half: number): Promise<RgbaImage> {
  const png = await page.screenshot({
    clip: { x: x - half, y: y - half, width: 2 * half, height: 2 * half },
    animations: "disabled",
  });
  return decodePng(png);
}

/**
 * Hides or shows the map's text labels, through a constructed style sheet: the page's
 * Content-Security-Policy refuses an inline <style>, as it should.
 */
async function labelsVisible(page: Page, visible: boolean): Promise<void> {
  await page.evaluate((show) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`.sketch-labels { visibility: ${show ? "visible" : "hidden"}; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, visible);
}

describe("curvature and step vectors on the contour map", () => {
  const app = useApp();

  it("x² + 10y²: the readout shows λ = 2 and 20 and κ = 10; the map labels both axes", async () => {
    const { page, errors } = await app.open(LINK);
    await waitForQuiet(page);
    await page.getByRole("checkbox", { name: "Curvature" }).check();
    const region = page.getByRole("region", { name: "Curvature" });
    await region.waitFor();
    await expect.poll(async () => (await curvatureRows(page))["λ₁"]).toMatch(/^2, v₁/);
    const rows = await curvatureRows(page);
    // H = diag(2, 20): λ₁ = 2 along x, λ₂ = 20 along y, κ = λmax/λmin = 10.
    expect(rows["λ₁"]).toBe("2, v₁ = (1, 0)");
    expect(rows["λ₂"]).toBe("20, v₂ = (0, 1)");
    expect(rows["κ = λmax/λmin"]).toBe("10");
    // ∇f(−2.5, 1.5) = (−5, 30): |∇f| = √925 ≈ 30.4138.
    expect(rows["Critical?"]).toBe("no, not critical: |∇f| = 30.4138");
    const map = page.getByRole("region", { name: "Contour map" });
    await expect.poll(() => map.getByText("λ₁ = 2", { exact: true }).isVisible()).toBe(true);
    await expect(map.getByText("λ₂ = 20", { exact: true }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it("ticking Step vectors draws around the current point and labels the step", async () => {
    const { page, errors } = await app.open(LINK);
    await waitForQuiet(page);
    const lab = await labHandle(page);
    const point = await lab.evaluate((hook) => hook.getProjector("contour")?.(-2.5, 1.5));
    if (!point) throw new Error("the contour map has no projector");
    // The canvas alone: the labels (page text, checked below) are hidden while pixels are read.
    await labelsVisible(page, false);
    const before = await patch(page, point.clientX, point.clientY, 60);
    await page.getByRole("checkbox", { name: "Step vectors" }).check();
    await waitForQuiet(page);
    const after = await patch(page, point.clientX, point.clientY, 60);
    expect(differingFraction(before, after)).toBeGreaterThan(0.01);
    await labelsVisible(page, true);
    const map = page.getByRole("region", { name: "Contour map" });
    // gd: the step taken is −lr·∇f itself, so the two are one arrow with one label; it is
    // −0.01·(−5, 30) = (0.05, −0.3), a few pixels long, so the label says the arrows are drawn
    // magnified.
    const label = map.getByText(/^step = −lr·∇f\s+arrows ×\d+$/);
    await expect.poll(() => label.isVisible()).toBe(true);
    // Unticking takes the arrows off again.
    await page.getByRole("checkbox", { name: "Step vectors" }).uncheck();
    await waitForQuiet(page);
    await labelsVisible(page, false);
    const off = await patch(page, point.clientX, point.clientY, 60);
    expect(differingFraction(before, off)).toBeLessThan(0.002);
    expect(errors).toEqual([]);
  });
});
