import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { blurFocus, labHandle, loadScenario, snapshot, stepText, useApp } from "./support.ts";

/** Puts the playhead at step `k` with the page's own shortcut, focus on nothing. */
async function stepTo(page: Page, k: number): Promise<void> {
  await blurFocus(page);
  for (let i = 0; i < k; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await stepText(page)).k).toBe(k);
}

describe("a focused control gets its own keys", () => {
  const app = useApp();

  it("Space on a focused checkbox toggles it and does not play", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const checkbox = page.getByRole("checkbox", { name: "Add run on click" });
    await checkbox.focus();
    expect(await checkbox.isChecked()).toBe(false);
    await page.keyboard.press("Space");
    await expect.poll(() => checkbox.isChecked()).toBe(true);
    await page.waitForTimeout(300);
    const state = await snapshot(page);
    expect(state.playing).toBe(false);
    expect(state.step).toBe(0);
    await page.keyboard.press("Space");
    await expect.poll(() => checkbox.isChecked()).toBe(false);
    expect((await snapshot(page)).playing).toBe(false);
    expect(errors).toEqual([]);
  });

  it("Space on a focused button presses that button only", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    await page.getByRole("button", { name: "Step forward", exact: true }).focus();
    await page.keyboard.press("Space");
    await expect.poll(async () => (await stepText(page)).k).toBe(1);
    await page.waitForTimeout(300);
    const state = await snapshot(page);
    expect(state.playing).toBe(false);
    expect(state.step).toBe(1);
  });

  it("arrows on a focused range slider move the slider, not the playhead", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    await stepTo(page, 3);
    const slider = page.getByRole("slider", { name: "lr slider" });
    const before = Number(await slider.inputValue());
    const lrBefore = (await snapshot(page)).runs[0]!.params.lr!;
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => Number(await slider.inputValue())).toBe(before + 2);
    // The slider moved the selected run's learning rate up; the playhead stayed at step 3.
    await expect
      .poll(async () => (await snapshot(page)).runs[0]!.params.lr!)
      .toBeGreaterThan(lrBefore);
    expect((await stepText(page)).k).toBe(3);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => Number(await slider.inputValue())).toBe(before + 1);
    expect((await stepText(page)).k).toBe(3);
    const lab = await labHandle(page);
    expect(await lab.evaluate((hook) => hook.getPlayhead().step)).toBe(3);
  });
});
