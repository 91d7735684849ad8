import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { capture, labHandle, useApp, waitForQuiet } from "./support.ts";

/** Every run's record, read from the page's store. */
async function runsOnPage(page: Page) {
  const lab = await labHandle(page);
  return lab.evaluate((hook) =>
    hook.store.getState().runs.map((run) => ({
      label: run.label,
      optimizer: run.optimizer,
      steps: run.result.steps,
      xs: Array.from(run.result.xs.subarray(0, run.result.steps + 1)),
      ys: Array.from(run.result.ys.subarray(0, run.result.steps + 1)),
      values: Array.from(run.result.values.subarray(0, run.result.steps + 1)),
    })),
  );
}

/** Presses `name` (by a click, or by Enter on the focused button) and reads the download. */
async function downloaded(page: Page, name: string, by: "click" | "keyboard") {
  const button = page.getByRole("button", { name, exact: true });
  const waiting = page.waitForEvent("download");
  if (by === "click") await button.click();
  else {
    await button.focus();
    await page.keyboard.press("Enter");
  }
  const download = await waiting;
  const path = join(await mkdtemp(join(tmpdir(), "descent-export-")), download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), text: await readFile(path, "utf8") };
}

describe("exporting every run", () => {
  const app = useApp();

  it("Export CSV downloads every step of every run, exactly as computed", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    const runs = await runsOnPage(page);
    const file = await downloaded(page, "Export CSV", "click");
    expect(file.name).toMatch(/^himmelblau-runs-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.text.startsWith("run,step,x,y,f,grad_x,grad_y,step_x,step_y,lr")).toBe(true);
    const { data, errors: parseErrors } = Papa.parse<Record<string, string>>(file.text, {
      header: true,
      skipEmptyLines: true,
    });
    expect(parseErrors).toEqual([]);
    expect(data).toHaveLength(runs.reduce((sum, run) => sum + run.steps + 1, 0));
    for (const run of runs) {
      const rows = data.filter((row) => row.run === run.label);
      expect(rows).toHaveLength(run.steps + 1);
      rows.forEach((row, k) => {
        expect(row.step).toBe(String(k));
        expect([Number(row.x), Number(row.y), Number(row.f)]).toEqual([
          run.xs[k],
          run.ys[k],
          run.values[k],
        ]);
      });
    }
    expect(errors).toEqual([]);
  });

  it("Export JSON, from the keyboard, holds each run's iterates, steps and state", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    const runs = await runsOnPage(page);
    const file = await downloaded(page, "Export JSON", "keyboard");
    expect(file.name).toMatch(/^himmelblau-runs-\d{4}-\d{2}-\d{2}\.json$/);
    const document = JSON.parse(file.text);
    expect(document.dimension).toBe(2);
    expect(document.runs.map((run: { label: string }) => run.label)).toEqual(
      runs.map((run) => run.label),
    );
    document.runs.forEach(
      (
        run: { steps: number; iterates: { point: number[]; step_taken: number[] | null }[] },
        i: number,
      ) => {
        const onPage = runs[i]!;
        expect(run.steps).toBe(onPage.steps);
        expect(run.iterates).toHaveLength(onPage.steps + 1);
        expect(run.iterates[0]!.point).toEqual([onPage.xs[0], onPage.ys[0]]);
        expect(run.iterates[0]!.step_taken).toEqual([
          onPage.xs[1]! - onPage.xs[0]!,
          onPage.ys[1]! - onPage.ys[0]!,
        ]);
        expect(run.iterates.at(-1)!.step_taken).toBeNull();
      },
    );
    expect(errors).toEqual([]);
  });

  it("screenshots: the Runs panel with its export buttons at 1280×800 and 1024×768", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(viewport);
      await waitForQuiet(page);
      const group = page.getByRole("group", { name: "Export runs" });
      await group.scrollIntoViewIfNeeded();
      expect(await group.isVisible()).toBe(true);
      await capture(page.locator("#root"), `export-runs-${viewport.width}x${viewport.height}`);
    }
    expect(errors).toEqual([]);
  });
});
