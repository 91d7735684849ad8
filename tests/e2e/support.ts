/**
 * Per-file setup and page helpers for the real-browser tests. Tests act through the page
 * (mouse, keyboard, accessible names) and read state through the test hook
 * `window.__descentLab = { store, renderStats, getProjector, getPlayhead }`.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import {
  connectBrowser,
  decodePng,
  ensureArtifactsDir,
  labHandle,
  openApp,
  waitForQuiet,
  type OpenedPage,
  type RgbaImage,
} from "./harness.ts";

export { labHandle, renderedFrames, waitForQuiet, type LabHook } from "./harness.ts";

export interface AppSession {
  open(path?: string, options?: { waitForHook?: boolean }): Promise<OpenedPage>;
}

/** Connects to the shared browser for this file and closes every context it opened. */
export function useApp(): AppSession {
  let browser: Browser | undefined;
  const opened: OpenedPage[] = [];
  beforeAll(async () => {
    browser = await connectBrowser(inject("wsEndpoint"));
  });
  afterAll(async () => {
    for (const { context } of opened) await context.close().catch(() => undefined);
    await browser?.close();
  });
  return {
    async open(path = "/", options = {}) {
      if (!browser) throw new Error("browser not connected");
      const result = await openApp(browser, inject("baseURL"), path, undefined, options);
      opened.push(result);
      return result;
    },
  };
}

export interface RunSnapshot {
  id: string;
  label: string;
  start: number[];
  optimizer: string;
  params: Record<string, number>;
  status: string;
  steps: number;
  xs: number[];
  ys: number[];
  values: number[];
  finalPoint: number[];
  finalValue: number;
}

export interface Snapshot {
  text: string;
  surfaceText: string;
  surfaceError: { message: string; start: number; end: number } | null;
  notices: string[];
  runs: RunSnapshot[];
  playing: boolean;
  step: number;
  frames: number;
  scenarioId: string | null;
}

/** Plain-data copy of what the store and the playhead hold right now. */
export async function snapshot(page: Page): Promise<Snapshot> {
  const lab = await labHandle(page);
  return lab.evaluate((hook) => {
    const state = hook.store.getState();
    return {
      text: state.text,
      surfaceText: state.surface.text,
      surfaceError: state.surfaceError
        ? {
            message: state.surfaceError.message,
            start: state.surfaceError.start,
            end: state.surfaceError.end,
          }
        : null,
      notices: [...(state.notices ?? [])],
      runs: state.runs.map((run) => ({
        id: run.id,
        label: run.label,
        start: [...run.start],
        optimizer: run.optimizer,
        params: { ...run.params },
        status: run.result.status,
        steps: run.result.steps,
        xs: Array.from(run.result.xs),
        ys: Array.from(run.result.ys),
        values: Array.from(run.result.values),
        finalPoint: [...run.result.final.point],
        finalValue: run.result.final.value,
      })),
      playing: state.playing,
      step: hook.getPlayhead().step,
      frames: hook.renderStats.frames,
      scenarioId: state.scenarioId,
    };
  });
}

/** Blurs any focused field so page-level keyboard shortcuts apply. */
export async function blurFocus(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

export function region(
  page: Page,
  name: "3D surface" | "Curve of f" | "Contour map" | "Loss curve",
): Locator {
  return page.getByRole("region", { name });
}

/** The run's list item: accessible name starting "Run N". */
export function runItem(page: Page, n: number): Locator {
  return page.getByRole("listitem", { name: new RegExp(`^Run ${n}\\b`) });
}

/** Texts of the visible, non-empty alerts (an empty live region waiting for news is none). */
export async function alertTexts(page: Page): Promise<string[]> {
  const texts = await page.getByRole("alert").allInnerTexts();
  return texts.map((text) => text.trim()).filter((text) => text.length > 0);
}

/** Reads "Step k of n" from the page. */
export async function stepText(page: Page): Promise<{ k: number; n: number }> {
  const text = await page
    .getByText(/Step \d+ of \d+/)
    .first()
    .textContent();
  const match = /Step (\d+) of (\d+)/.exec(text ?? "");
  if (!match) throw new Error(`no "Step k of n" text (found ${JSON.stringify(text)})`);
  return { k: Number(match[1]), n: Number(match[2]) };
}

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?:\s*[×x]\s*10\^?\s*[-+]?\d+)?`;

function parseShownNumber(shown: string): number {
  const cleaned = shown.replace(/\s+/g, "");
  const scientific = /^(.*?)[×x]10\^?([-+]?\d+)$/.exec(cleaned);
  if (scientific) return Number(scientific[1]) * 10 ** Number(scientific[2]);
  return Number(cleaned);
}

/**
 * The current loss a run's list item shows: the value "now at step k" (NaN where it says "f not
 * defined"), else the number after the word "loss" (or "f =").
 */
export function lossFromRunText(text: string): number {
  const normalised = text.replace(/\u2212/g, "-").replace(/\u00a0/g, " ");
  if (/\bnow at step \d+:\s*f not defined/i.test(normalised)) return Number.NaN;
  const match =
    new RegExp(String.raw`\bnow at step \d+:\s*f\s*=\s*(${NUMBER})`, "i").exec(normalised) ??
    new RegExp(String.raw`loss\b[^0-9+\-.]*(${NUMBER})`, "i").exec(normalised) ??
    new RegExp(String.raw`\bf\s*=\s*(${NUMBER})`, "i").exec(normalised);
  if (!match?.[1]) throw new Error(`no current loss in run text ${JSON.stringify(text)}`);
  return parseShownNumber(match[1]);
}

export async function runLoss(page: Page, n: number): Promise<number> {
  return lossFromRunText((await runItem(page, n).textContent()) ?? "");
}

/** Screenshots an element, saves it under test-artifacts/ and returns its pixels. */
export async function capture(locator: Locator, name: string): Promise<RgbaImage> {
  const png = await locator.screenshot({ animations: "disabled" });
  await writeFile(join(ensureArtifactsDir(), `${name}.png`), png);
  return decodePng(png);
}

/** Within `tolerance` relative to the larger magnitude (or absolutely near zero). */
export function expectClose(actual: number, expected: number, tolerance: number): void {
  const scale = Math.max(1, Math.abs(expected));
  expect(
    Math.abs(actual - expected),
    `${actual} should be within ${tolerance} (relative) of ${expected}`,
  ).toBeLessThanOrEqual(tolerance * scale);
}

/** Within `tolerance` relative to |expected| (for values that shrink towards zero). */
export function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(
    Math.abs(actual - expected),
    `${actual} should be within ${tolerance * 100}% of ${expected}`,
  ).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

/** Loads a scenario through the store and waits until it has been drawn. */
export async function loadScenario(page: Page, id: string): Promise<void> {
  const lab = await labHandle(page);
  await lab.evaluate((hook, scenario) => hook.store.getState().loadScenario(scenario), id);
  await waitForQuiet(page);
}
