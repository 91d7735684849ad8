import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { getOptimizer } from "../../src/core/optimizers/index.ts";
import { getPreset } from "../../src/core/scenario/presets.ts";
import {
  alertTexts,
  capture,
  expectClose,
  runLoss,
  snapshot,
  useApp,
  waitForQuiet,
} from "./support.ts";

function link(params: Record<string, string>): string {
  return "/?" + new URLSearchParams(params).toString();
}

/** What the Optimizer combobox shows: a select's value and label, or an input's value. */
async function optimizerShown(page: Page): Promise<string> {
  return page
    .getByRole("combobox", { name: "Optimizer" })
    .first()
    .evaluate((element) =>
      element instanceof HTMLSelectElement
        ? `${element.value} ${element.selectedOptions[0]?.textContent ?? ""}`
        : element instanceof HTMLInputElement
          ? element.value
          : (element.textContent ?? ""),
    );
}

async function learningRateShown(page: Page): Promise<number> {
  return Number(await page.getByLabel("Learning rate", { exact: true }).first().inputValue());
}

const F = "(x-1)^2 + 2*(y+0.5)^2";
// f(1.5, −1) = 0.5² + 2·(−0.5)² = 0.75.
const F_AT_START = 0.75;

describe("links", () => {
  const app = useApp();

  it("opens the function, start, optimizer and learning rate a link names", async () => {
    const { page, errors } = await app.open(
      link({ f: F, start: "1.5,-1", optimizer: "adam", lr: "0.05" }),
    );
    await waitForQuiet(page);
    expect(await page.getByRole("textbox", { name: "Function" }).inputValue()).toBe(F);
    const state = await snapshot(page);
    expect(state.surfaceText).toBe(F);
    expect(state.runs).toHaveLength(1);
    expect(state.runs[0]?.start).toEqual([1.5, -1]);
    expect(state.runs[0]?.optimizer).toBe("adam");
    expect(state.runs[0]?.params.lr).toBe(0.05);
    expect(await optimizerShown(page)).toMatch(/adam/i);
    expect(await learningRateShown(page)).toBeCloseTo(0.05, 12);
    expectClose(await runLoss(page, 1), F_AT_START, 1e-2);
    expect(await alertTexts(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("opens a named scenario", async () => {
    const scenario = getPreset("convex-bowl")?.document;
    if (!scenario) throw new Error("convex-bowl preset missing");
    const { page, errors } = await app.open(link({ scenario: "convex-bowl" }));
    await waitForQuiet(page);
    expect(await page.getByRole("textbox", { name: "Function" }).inputValue()).toBe(scenario.f);
    const state = await snapshot(page);
    expect(state.scenarioId).toBe("convex-bowl");
    expect(state.runs.map((run) => run.start)).toEqual(scenario.runs.map((run) => run.start));
    expect(errors).toEqual([]);
  });

  it("a bad learning rate shows an alert and falls back for the learning rate alone", async () => {
    const adamDefault = getOptimizer("adam")?.params.find((p) => p.key === "lr")?.default;
    if (adamDefault === undefined) throw new Error("adam has no default learning rate");
    const { page, errors } = await app.open(
      link({ f: F, start: "1.5,-1", optimizer: "adam", lr: "banana" }),
    );
    await waitForQuiet(page);
    await expect
      .poll(async () => (await alertTexts(page)).join("\n"))
      .toMatch(/\blr\b|learning rate/i);
    await expect.poll(async () => (await alertTexts(page)).join("\n")).toMatch(/banana/);
    const state = await snapshot(page);
    expect(state.surfaceText).toBe(F);
    expect(state.runs[0]?.start).toEqual([1.5, -1]);
    expect(state.runs[0]?.optimizer).toBe("adam");
    expect(state.runs[0]?.params.lr).toBe(adamDefault);
    expect(await learningRateShown(page)).toBeCloseTo(adamDefault, 12);
    expect(errors).toEqual([]);
  });

  it("a bad function shows an alert and falls back for the function alone", async () => {
    const bad = "x^2 + foo(y)";
    const { page, errors } = await app.open(
      link({ f: bad, start: "0.5,0.25", optimizer: "gd", lr: "0.1" }),
    );
    await waitForQuiet(page);
    await expect.poll(async () => (await alertTexts(page)).join("\n")).toMatch(/foo/);
    const state = await snapshot(page);
    expect(state.surfaceText).not.toBe(bad);
    expect(state.runs).toHaveLength(1);
    expect(state.runs[0]?.start).toEqual([0.5, 0.25]);
    expect(state.runs[0]?.optimizer).toBe("gd");
    expect(state.runs[0]?.params.lr).toBe(0.1);
    expect(errors).toEqual([]);
  });

  it("an unknown optimizer shows an alert and falls back for the optimizer alone", async () => {
    const { page, errors } = await app.open(
      link({ f: F, start: "1.5,-1", optimizer: "teleport", lr: "0.05" }),
    );
    await waitForQuiet(page);
    await expect.poll(async () => (await alertTexts(page)).join("\n")).toMatch(/teleport/);
    const state = await snapshot(page);
    expect(state.surfaceText).toBe(F);
    expect(state.runs[0]?.start).toEqual([1.5, -1]);
    expect(state.runs[0]?.optimizer).not.toBe("teleport");
    expect(state.runs[0]?.params.lr).toBe(0.05);
    expect(errors).toEqual([]);
  });
  it("a bad start shows an alert and falls back for the start alone", async () => {
    const { page, errors } = await app.open(
      link({ f: F, start: "1,abc", optimizer: "adam", lr: "0.05" }),
    );
    await waitForQuiet(page);
    await expect.poll(async () => (await alertTexts(page)).join("\n")).toMatch(/start/i);
    const state = await snapshot(page);
    expect(state.surfaceText).toBe(F);
    expect(state.runs).toHaveLength(1);
    expect(state.runs[0]?.start).toHaveLength(2);
    expect(state.runs[0]?.start.every(Number.isFinite)).toBe(true);
    expect(state.runs[0]?.optimizer).toBe("adam");
    expect(state.runs[0]?.params.lr).toBe(0.05);
    expect(errors).toEqual([]);
  });

  it("markup and script in a link are shown as text, never run", async () => {
    const hostile = '<img src=x onerror="window.__ran=1">';
    const { page, errors } = await app.open(
      link({ f: hostile, start: "1,1", optimizer: '"><script>window.__ran=2</script>' }),
    );
    await waitForQuiet(page);
    await expect.poll(async () => (await alertTexts(page)).join("\n")).toMatch(/onerror/);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBe(
      undefined,
    );
    expect(await page.locator("img[src='x'], [role=alert] img, [role=alert] script").count()).toBe(
      0,
    );
    await capture(page.locator("body"), "link-hostile-alert");
    const state = await snapshot(page);
    expect(state.surfaceText).not.toContain("<img");
    expect(state.runs[0]?.start).toEqual([1, 1]);
    expect(errors).toEqual([]);
  });
  it("a direction override in a linked function is named, shown as a mark, and reorders nothing", async () => {
    // U+202E would show everything after it backwards: the rest of f and of the alert's line.
    const { page, errors } = await app.open(link({ f: "x^2\u202E + y^2 + 1", start: "1,1" }));
    await waitForQuiet(page);
    await expect
      .poll(async () => (await alertTexts(page)).join("\n"))
      .toMatch(/the right-to-left override \(U\+202E\): delete it/);
    const alert = page.getByRole("alert");
    expect(await alert.textContent()).toContain("x^2⟨U+202E⟩ + y^2 + 1");
    expect(await alert.textContent()).not.toContain("\u202E");
    // The message quotes f, then goes on ("…); using the default function."): laid out, its
    // words keep their reading order, each word's box after the one before (to its right on the
    // same line, or on a later line), the words after the quoted formula too.
    const order = await alert.evaluate((element) => {
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      const lefts: Record<string, number> = {};
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of ["invisible", "delete", "using", "default"]) {
          const at = node.textContent?.indexOf(word) ?? -1;
          if (at < 0 || word in lefts) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + word.length);
          const box = range.getBoundingClientRect();
          // Lines are about 20 px apart: a later line outweighs any horizontal position.
          lefts[word] = Math.round(box.top / 10) * 100_000 + box.left;
        }
      }
      return { lefts };
    });
    expect(order.lefts.invisible!).toBeLessThan(order.lefts.delete!);
    expect(order.lefts.delete!).toBeLessThan(order.lefts.using!);
    expect(order.lefts.using!).toBeLessThan(order.lefts.default!);
    expect(errors).toEqual([]);
  });
});
