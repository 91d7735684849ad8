import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  blurFocus,
  expectRelative,
  loadScenario,
  runLoss,
  snapshot,
  stepText,
  useApp,
} from "./support.ts";

// Convex bowl f = x² + y², run 1 from (2.5, 2) by gradient descent with lr 0.1:
// x_{k+1} = x_k − 0.1·2x_k = 0.8·x_k, so f_k = 0.64^k · f_0 with f_0 = 6.25 + 4 = 10.25.
const bowlLoss = (k: number) => 10.25 * 0.64 ** k;

function playButton(page: Page) {
  return page.getByRole("button", { name: "Play", exact: true });
}
function pauseButton(page: Page) {
  return page.getByRole("button", { name: "Pause", exact: true });
}

describe("playback", () => {
  const app = useApp();

  it("Play makes the loss go down on the convex bowl, step by step", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const start = await stepText(page);
    expect(start.k).toBe(0);
    expect(start.n).toBeGreaterThan(10);
    expectRelative(await runLoss(page, 1), bowlLoss(0), 1e-2);

    await playButton(page).click();
    await pauseButton(page).waitFor();
    expect((await snapshot(page)).playing).toBe(true);
    const seen: number[] = [];
    await expect
      .poll(
        async () => {
          seen.push(await runLoss(page, 1));
          return (await stepText(page)).k;
        },
        { timeout: 15_000, interval: 50 },
      )
      .toBeGreaterThanOrEqual(4);
    await pauseButton(page).click();
    await playButton(page).waitFor();
    expect((await snapshot(page)).playing).toBe(false);

    // The loss never went up while playing, and went down overall.
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i] ?? NaN).toBeLessThanOrEqual(seen[i - 1] ?? NaN);
    }
    const paused = await stepText(page);
    expect(paused.k).toBeGreaterThanOrEqual(4);
    expect((await snapshot(page)).step).toBe(paused.k);
    expectRelative(await runLoss(page, 1), bowlLoss(paused.k), 1e-2);
    // Paused means paused: the step stays put.
    await page.waitForTimeout(400);
    expect((await stepText(page)).k).toBe(paused.k);
    expect(errors).toEqual([]);
  });

  it("Step forward, Step back and Reset buttons move the step", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const forward = page.getByRole("button", { name: "Step forward", exact: true });
    await forward.click();
    await forward.click();
    await forward.click();
    await expect.poll(async () => (await stepText(page)).k).toBe(3);
    expectRelative(await runLoss(page, 1), bowlLoss(3), 1e-2);
    await page.getByRole("button", { name: "Step back", exact: true }).click();
    await expect.poll(async () => (await stepText(page)).k).toBe(2);
    await page.getByRole("button", { name: "Reset", exact: true }).click();
    await expect.poll(async () => (await stepText(page)).k).toBe(0);
    expectRelative(await runLoss(page, 1), bowlLoss(0), 1e-2);
  });
});

describe("keyboard shortcuts", () => {
  const app = useApp();

  it("ArrowRight, ArrowLeft, R and Space drive playback", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    await blurFocus(page);

    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await stepText(page)).k).toBe(2);
    expect((await snapshot(page)).step).toBe(2);
    expectRelative(await runLoss(page, 1), bowlLoss(2), 1e-2);

    await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => (await stepText(page)).k).toBe(1);

    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await stepText(page)).k).toBe(3);
    await page.keyboard.press("r");
    await expect.poll(async () => (await stepText(page)).k).toBe(0);

    await page.keyboard.press("Space");
    await pauseButton(page).waitFor();
    expect((await snapshot(page)).playing).toBe(true);
    await expect.poll(async () => (await stepText(page)).k, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.keyboard.press("Space");
    await playButton(page).waitFor();
    expect((await snapshot(page)).playing).toBe(false);

    await page.keyboard.press("Shift+R");
    await expect.poll(async () => (await stepText(page)).k).toBe(0);
    expect(errors).toEqual([]);
  });

  it("Space after clicking Play pauses (one toggle, not two)", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    await playButton(page).click();
    await pauseButton(page).waitFor();
    await page.keyboard.press("Space");
    await playButton(page).waitFor();
    await page.waitForTimeout(200);
    expect((await snapshot(page)).playing).toBe(false);
  });

  it("shortcuts are ignored while typing in the Function field", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const editor = page.getByRole("textbox", { name: "Function" });
    await editor.click();
    await editor.press("End");
    await page.keyboard.press("Space");
    await page.keyboard.press("r");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(300);
    const state = await snapshot(page);
    expect(state.step).toBe(0);
    expect(state.playing).toBe(false);
    expect(await editor.inputValue()).toBe("x^2 + y^2 r");
  });
});
