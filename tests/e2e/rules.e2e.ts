import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { labHandle, useApp, waitForQuiet } from "./support.ts";

/** The "This step" panel's rows as term → value. */
async function panelRows(page: Page): Promise<Record<string, string>> {
  const panel = page.getByRole("region", { name: /^This step of Run 1/ });
  return panel.evaluate((element) => {
    const rows: Record<string, string> = {};
    for (const term of element.querySelectorAll("dt")) {
      rows[term.textContent ?? ""] = term.nextElementSibling?.textContent ?? "";
    }
    return rows;
  });
}

/** x² + 10y² with the first run at (−2.5, 1.5): g₀ = (−5, 30), f₀ = 28.75. */
async function bowlFrom(page: Page): Promise<void> {
  await page.getByRole("textbox", { name: "Function" }).fill("x^2 + 10*y^2");
  const lab = await labHandle(page);
  await lab.evaluate((hook) => {
    const state = hook.store.getState();
    state.setRunStart(state.runs[0]!.id, [-2.5, 1.5]);
    state.selectRun(state.runs[0]!.id);
  });
}

describe("the step rules in the page", () => {
  const app = useApp();

  it("try-steps shows its probes: step sizes lr·2ʲ and f at each, the lowest taken", async () => {
    const { page, errors } = await app.open("/");
    await page.setViewportSize({ width: 1024, height: 768 });
    await bowlFrom(page);
    await page.getByRole("combobox", { name: "Optimizer" }).selectOption("try-steps");
    await page.getByLabel("Learning rate", { exact: true }).fill("0.01");
    await page.getByLabel("Spread", { exact: true }).fill("1");
    await waitForQuiet(page);
    // Trials a = 0.005, 0.01, 0.02: f = 24.350625, 20.4025, 13.86; x₁ = (−2.4, 0.9).
    await expect
      .poll(async () => (await panelRows(page))["State: probeSteps"])
      .toBe("(0.005, 0.01, 0.02)");
    const rows = await panelRows(page);
    expect(rows["State: probeValues"]).toBe("(24.350625, 20.4025, 13.86)");
    expect(rows["State: alpha"]).toBe("0.02");
    expect(rows["Next point x₁"]).toBe("(-2.4, 0.9)");
    expect(errors).toEqual([]);
  });

  it("a step schedule chosen in the page sets the rate each step uses, shown in This step", async () => {
    const { page, errors } = await app.open("/");
    await page.setViewportSize({ width: 1024, height: 768 });
    await bowlFrom(page);
    await page.getByRole("combobox", { name: "Optimizer" }).selectOption("gd");
    await page.getByLabel("Learning rate", { exact: true }).fill("0.04");
    const schedule = page.getByRole("combobox", { name: "Learning-rate schedule" });
    await schedule.scrollIntoViewIfNeeded();
    expect(await schedule.isVisible()).toBe(true);
    await schedule.selectOption("step");
    await page.getByLabel("Step size", { exact: true }).fill("2");
    await page.getByLabel("Decay γ", { exact: true }).fill("0.5");
    await waitForQuiet(page);
    await expect
      .poll(async () => (await panelRows(page))["Learning rate this step"])
      .toMatch(/^0\.04 \(Step decay, StepLR: .* at k = 0; step_size = 2, gamma = 0\.5\)$/);
    // Steps 0 and 1 use 0.04, steps 2 and 3 use 0.04·0.5 = 0.02.
    const forward = page.getByRole("button", { name: "Step forward", exact: true });
    await forward.click();
    await forward.click();
    await expect
      .poll(async () => (await panelRows(page))["Learning rate this step"])
      .toMatch(/^0\.02 \(Step decay, StepLR: .* at k = 2;/);
    // x₂ = −2.5·(1 − 0.08)² = −2.116; x₃ = x₂·(1 − 0.04) = −2.03136.
    const rows = await panelRows(page);
    expect(rows["Next point x₃"]).toMatch(/^\(-2\.03136, /);

    // Noise: the same seed gives the same path, so the page and the panel agree on it.
    await page.getByLabel("Gradient noise σ", { exact: true }).fill("0.1");
    await waitForQuiet(page);
    await expect
      .poll(async () => (await panelRows(page))["Gradient noise"])
      .toMatch(/^σ = 0\.1 on each component, seed \d+/);
    expect(errors).toEqual([]);
  });
});
