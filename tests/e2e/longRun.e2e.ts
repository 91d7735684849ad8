import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { stepText, useApp, waitForQuiet } from "./support.ts";

async function setField(page: Page, name: string, value: string): Promise<void> {
  const field = page.getByLabel(name, { exact: true });
  await field.fill(value);
  await field.press("Enter");
}

/** The first run's status line as the run list shows it. */
async function status(page: Page): Promise<string> {
  return (await page.locator(".run-item .run-status").first().textContent()) ?? "";
}

/**
 * 10,000 rows near y = 2x + 1: the loss sums over every row at every iterate, so the page
 * computes only 10 steps itself (10,000 typed-function iterates' worth) and a worker the rest:
 * 100,000 steps at a crawl, with central differences (five sums over the rows a step) to make it
 * seconds of work.
 */
const rows = Array.from({ length: 10_000 }, (_, i) => {
  const x = (i % 100) / 10;
  return `${x},${2 * x + 1 + ((i * 7919) % 13) / 13 - 0.5}`;
}).join("\n");

async function openLongRun(page: Page): Promise<void> {
  await page.getByText("Your own data (CSV)").click();
  await page.getByLabel("CSV file").setInputFiles({
    name: "many.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`x,y\n${rows}\n`),
  });
  await expect.poll(() => page.getByTestId("least-squares").count(), { timeout: 30_000 }).toBe(1);
  await waitForQuiet(page);
  await page.getByLabel("Gradient", { exact: true }).selectOption("central");
  await setField(page, "Learning rate", "0.0000001");
  await setField(page, "Step budget", "100000");
}

describe("a run past what the page computes itself", () => {
  const app = useApp();

  it("shows its first steps at once, its progress, and the whole run when the worker is done", async () => {
    const { page, errors } = await app.open("/");
    // Every value the progress bar takes, as the page sets it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver((records) => {
        for (const record of records) {
          const target = record.target as Element;
          if (target.getAttribute("role") === "progressbar")
            seen.push(target.getAttribute("aria-valuenow") ?? "");
        }
      }).observe(document.body, {
        subtree: true,
        attributes: true,
        attributeFilter: ["aria-valuenow"],
      });
    });
    await openLongRun(page);
    const bar = page.getByRole("progressbar", { name: "Run 1: 100,000 steps" });
    await bar.waitFor({ timeout: 20_000 });
    expect(await status(page)).toBe("still going after 10 of 100000 steps; computing the rest.");
    expect((await stepText(page)).n).toBe(10);
    // While the rest is computed, the page still steps at a press: the step changes while the
    // bar is still there (both read in one task of the page).
    const answered = await page.evaluate(async () => {
      const text = () => /Step (\d+) of/.exec(document.body.innerText)?.[1];
      const before = text();
      const button = [...document.querySelectorAll("button")].find(
        (b) => b.title === "Step forward (→)",
      )!;
      button.click();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (text() !== before)
          return (
            document.querySelector('[role="progressbar"][aria-label="Run 1: 100,000 steps"]') !==
            null
          );
      }
    });
    expect(answered).toBe(true);
    await expect.poll(() => bar.count(), { timeout: 150_000 }).toBe(0);
    expect(await status(page)).toBe("used its step budget of 100000 steps.");
    expect((await stepText(page)).n).toBe(100_000);
    // The worker reported its progress on the way, every 5,000 steps.
    const seen = await page.evaluate(
      () => (window as unknown as { progressSeen: string[] }).progressSeen,
    );
    expect(
      seen.map(Number).filter((percent) => percent > 0 && percent < 100).length,
    ).toBeGreaterThan(0);
    // The end of the timeline shows the run's last iterate.
    await page.getByRole("slider", { name: "Timeline" }).press("End");
    await expect.poll(async () => (await stepText(page)).k).toBe(100_000);
    expect(errors).toEqual([]);
  }, 240_000);

  it("Cancel keeps the first steps; Compute all steps starts again", async () => {
    const { page, errors } = await app.open("/");
    await openLongRun(page);
    const bar = page.getByRole("progressbar", { name: "Run 1: 100,000 steps" });
    await bar.waitFor({ timeout: 20_000 });
    await page.locator(".long-run").getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => bar.count()).toBe(0);
    await page.getByRole("button", { name: "Compute all steps" }).waitFor();
    // Nothing arrives after the cancel.
    await page.waitForTimeout(1500);
    expect((await stepText(page)).n).toBe(10);
    expect(await status(page)).toBe(
      "still going after 10 of 100000 steps; the rest was cancelled.",
    );
    await page.getByRole("button", { name: "Compute all steps" }).click();
    await bar.waitFor();
    await expect.poll(() => bar.count(), { timeout: 150_000 }).toBe(0);
    expect((await stepText(page)).n).toBe(100_000);
    expect(errors).toEqual([]);
  }, 240_000);
});
