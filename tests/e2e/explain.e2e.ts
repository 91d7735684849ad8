import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { labHandle, loadScenario, runItem, useApp, waitForQuiet } from "./support.ts";

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

describe("explanations in the page", () => {
  const app = useApp();

  it("at step 0 Newton's panel shows the Hessian and step it took from the start", async () => {
    const { page, errors } = await app.open("/");
    await page.getByRole("textbox", { name: "Function" }).fill("x^2 + 10*y^2");
    const lab = await labHandle(page);
    await lab.evaluate((hook) => {
      const state = hook.store.getState();
      state.setRunStart(state.runs[0]!.id, [-2.5, 1.5]);
      state.selectRun(state.runs[0]!.id);
    });
    await page.getByRole("combobox", { name: "Optimizer" }).selectOption("newton");
    // The run keeps its learning rate across the switch; Newton's full step is lr 1.
    await page.getByLabel("Learning rate", { exact: true }).fill("1");
    await waitForQuiet(page);
    // g = (2x, 20y) = (−5, 30), H = diag(2, 20): −H⁻¹g = (2.5, −1.5), which lands on (0, 0).
    await expect.poll(async () => (await panelRows(page))["State: hessian"]).toBe("(2, 0, 0, 20)");
    const rows = await panelRows(page);
    expect(rows["State: newtonStep"]).toBe("(2.5, -1.5)");
    expect(rows["State: fallback"]).toBe("false");
    expect(rows["Step x₁ − x₀"]).toBe("(2.5, -1.5)");
    expect(errors).toEqual([]);
  });

  it("the saddle preset's on-axis run says it stopped at a saddle, not in green", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "saddle");
    const status = runItem(page, 1).locator(".run-status");
    await expect.poll(() => status.textContent()).toMatch(/^stopped at a saddle point after \d+/);
    const colour = await status.evaluate((element) => getComputedStyle(element).color);
    // The success green is rgb(10, 107, 52); the caution colour is not it.
    expect(colour).not.toBe("rgb(10, 107, 52)");
    const text = (await runItem(page, 1).textContent()) ?? "";
    expect(text).toMatch(/Final f = \S+; now at step 0: f = 6\.25/);
  });

  it("log(x) + y² from x < 0 says f is not defined at the start, and why", async () => {
    const { page } = await app.open("/");
    await page.getByRole("textbox", { name: "Function" }).fill("log(x) + y^2");
    const lab = await labHandle(page);
    await lab.evaluate((hook) => {
      const state = hook.store.getState();
      state.setRunStart(state.runs[0]!.id, [-1, 1.5]);
    });
    await expect
      .poll(async () => (await runItem(page, 1).textContent()) ?? "")
      .toContain("f is not defined at the start (log of a negative number)");
    expect(await runItem(page, 1).textContent()).not.toContain("diverged");
  });
});
