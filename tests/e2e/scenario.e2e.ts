import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { checkDocument } from "../../src/core/scenario/document.ts";
import { alertTexts, labHandle, runItem, snapshot, useApp, waitForQuiet } from "./support.ts";

/** Everything the scenario document holds, read from the page's store and playhead. */
async function picture(page: Page) {
  const lab = await labHandle(page);
  return lab.evaluate((hook) => {
    const state = hook.store.getState();
    return {
      f: state.text,
      box: { ...state.box },
      runs: state.runs.map((run) => ({
        label: run.label,
        color: run.color,
        start: [...run.start],
        optimizer: run.optimizer,
        params: { ...run.params },
        gradient: run.gradient,
        h: run.h ?? null,
        seed: run.seed,
        maxSteps: run.maxSteps,
        status: run.result.status,
        steps: run.result.steps,
        final: [...run.result.final.point],
        selected: run.id === state.selectedRunId,
      })),
      step: hook.getPlayhead().step,
      speed: state.speed,
      view: { ...state.view },
      camera: state.camera,
    };
  });
}

/** Clicks Copy link and returns the link, from the clipboard or the field shown instead. */
async function copyLink(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Copy link", exact: true }).click();
  const status = page.locator(".copy-status");
  await expect.poll(() => status.textContent()).toMatch(/copied|below/i);
  if (/copied/i.test((await status.textContent()) ?? "")) {
    return page.evaluate(() => navigator.clipboard.readText());
  }
  return page.getByRole("textbox", { name: "Link to this view" }).inputValue();
}

async function selectRun(page: Page, n: number): Promise<void> {
  await page.getByRole("button", { name: `Run ${n}`, exact: true }).click();
}

/** Builds a four-run picture through the page, as a teacher preparing a class would. */
async function buildPicture(page: Page): Promise<void> {
  await selectRun(page, 1);
  await page.getByRole("combobox", { name: "Optimizer" }).selectOption("momentum");
  await page.getByRole("combobox", { name: "Gradient" }).selectOption("central");
  await selectRun(page, 3);
  await page.getByRole("combobox", { name: "Optimizer" }).selectOption("rmsprop");
  await page.getByLabel("Learning rate", { exact: true }).fill("0.02");
  await page.getByRole("button", { name: "Remove Run 2", exact: true }).click();
  await selectRun(page, 4);
  await page.getByRole("combobox", { name: "Optimizer" }).selectOption("random-search");
  await page.getByLabel("x max", { exact: true }).fill("4");
  await page.getByLabel("Log scale for the loss curve").check();
  await page.getByRole("slider", { name: "Timeline" }).fill("37");
  await page.getByLabel("x max", { exact: true }).blur();
  await waitForQuiet(page);
  // Orbit the 3D view: drag across an empty corner of it.
  const canvas = page.getByRole("region", { name: "3D surface" }).locator("canvas").first();
  const box = await canvas.boundingBox();
  if (!box) throw new Error("no 3D canvas");
  await page.mouse.move(box.x + box.width * 0.12, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.42, box.y + box.height * 0.2, { steps: 10 });
  await page.mouse.up();
  await waitForQuiet(page);
}

/** Where the 3D view draws three points of the floor, in client pixels. */
async function surfaceScreen(page: Page) {
  const lab = await labHandle(page);
  return lab.evaluate((hook) =>
    [
      [-2, -2],
      [3, 2],
      [0, 0],
    ].map(([x, y]) => hook.getProjector("surface")?.(x!, y!)),
  );
}

describe("the scenario document", () => {
  const app = useApp();

  it("Copy link carries the whole picture to a fresh browser, and a reload keeps it", async () => {
    const { page, context, errors } = await app.open("/");
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await waitForQuiet(page);
    await buildPicture(page);
    const built = await picture(page);
    // What was built through the page, checked against what was asked for.
    expect(built.runs.map((run) => run.label)).toEqual(["Run 1", "Run 3", "Run 4"]);
    expect(built.runs.map((run) => run.optimizer)).toEqual([
      "momentum",
      "rmsprop",
      "random-search",
    ]);
    expect(built.runs[0]!.gradient).toBe("central");
    expect(built.runs[1]!.params.lr).toBe(0.02);
    expect(built.box.xmax).toBe(4);
    expect(built.view.logLoss).toBe(true);
    expect(built.step).toBe(37);
    expect(built.runs[2]!.selected).toBe(true);
    expect(built.camera).not.toBeNull();
    const screen = await surfaceScreen(page);

    const link = await copyLink(page);
    expect(link.length).toBeLessThan(8000);

    const fresh = await app.open(link.slice(link.indexOf("/", "http://".length)));
    await waitForQuiet(fresh.page);
    expect(await picture(fresh.page)).toEqual(built);
    expect(await alertTexts(fresh.page)).toEqual([]);
    // The same camera: the 3D view draws the floor at the same pixels.
    const freshScreen = await surfaceScreen(fresh.page);
    freshScreen.forEach((point, i) => {
      expect(point!.clientX).toBeCloseTo(screen[i]!.clientX, 0);
      expect(point!.clientY).toBeCloseTo(screen[i]!.clientY, 0);
    });
    expect(await fresh.page.getByLabel("Log scale for the loss curve").isChecked()).toBe(true);

    // The address bar follows the picture, so a reload (or the browser's bookmark) keeps it.
    await expect.poll(() => page.url()).toBe(link);
    await page.reload({ waitUntil: "load" });
    await page.waitForFunction(() => "__descentLab" in window);
    await waitForQuiet(page);
    expect(await picture(page)).toEqual(built);

    // The session is kept in storage too: the bare address opens the same picture.
    await page.goto(new URL("/", page.url()).href, { waitUntil: "load" });
    await page.waitForFunction(() => "__descentLab" in window);
    await waitForQuiet(page);
    expect(await picture(page)).toEqual(built);
    expect(errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
    // Four page loads and a dozen edits: more than one default test timeout on a busy machine.
  }, 120_000);

  it("corrupted storage opens the page with one message; Start fresh returns to the default", async () => {
    const { page, errors } = await app.open("/");
    await page.evaluate(() => localStorage.setItem("descent-lab:session", '{"version": 1, "f": '));
    await page.goto(new URL("/", page.url()).href, { waitUntil: "load" });
    await page.waitForFunction(() => "__descentLab" in window);
    await waitForQuiet(page);
    const alerts = await alertTexts(page);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/last session is damaged/);
    expect((await snapshot(page)).runs).toHaveLength(4);

    await page.getByRole("button", { name: "Remove Run 2", exact: true }).click();
    await page.getByRole("button", { name: "Start fresh", exact: true }).click();
    await waitForQuiet(page);
    const state = await snapshot(page);
    expect(state.scenarioId).toBe("elongated-bowl");
    expect(state.runs.map((run) => run.label)).toEqual(["Run 1", "Run 2", "Run 3", "Run 4"]);
    expect(errors).toEqual([]);
  });

  it("Save scenario downloads the document; Open scenario brings it back; a bad file changes nothing", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    await selectRun(page, 2);
    await page.getByRole("combobox", { name: "Optimizer" }).selectOption("adam");
    await waitForQuiet(page);
    const before = await picture(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Save scenario", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^scenario-\d{4}-\d{2}-\d{2}\.json$/);
    const path = join(await mkdtemp(join(tmpdir(), "descent-save-")), download.suggestedFilename());
    await download.saveAs(path);
    const saved = JSON.parse(await readFile(path, "utf8"));
    const checked = checkDocument(saved);
    expect(checked.ok).toBe(true);
    expect(saved.f).toBe(before.f);
    expect(saved.runs[1].optimizer).toBe("adam");

    await page.getByRole("button", { name: "Start fresh", exact: true }).click();
    await waitForQuiet(page);
    expect((await snapshot(page)).scenarioId).toBe("elongated-bowl");

    const chooser = page.waitForEvent("filechooser");
    await page.getByRole("button", { name: "Open scenario", exact: true }).click();
    await (await chooser).setFiles(path);
    await waitForQuiet(page);
    expect(await picture(page)).toEqual(before);

    // A file with one bad parameter is refused whole, with the place named.
    saved.runs[0].params.lr = -1;
    await page.getByLabel("Scenario file to open").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(saved)),
    });
    await expect.poll(() => alertTexts(page)).toHaveLength(1);
    const [message] = await alertTexts(page);
    expect(message).toContain('Scenario file "broken.json": runs[0].params');
    expect(message).toContain("nothing was changed");
    expect(await picture(page)).toEqual(before);
    expect(await runItem(page, 2).count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
