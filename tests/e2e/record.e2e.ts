import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { gifFrames, webmFrames } from "./media.ts";
import { labHandle, useApp, waitForQuiet } from "./support.ts";

/** The longest run's steps and the playback speed, read from the page's store. */
async function timeline(page: Page) {
  const lab = await labHandle(page);
  return lab.evaluate((hook) => {
    const state = hook.store.getState();
    return { total: Math.max(...state.runs.map((run) => run.result.steps)), speed: state.speed };
  });
}

/** Opens "Record", picks the view and format, starts, and waits for the download. */
async function record(page: Page, view: string, format: "WebM video" | "GIF animation") {
  const panel = page.getByRole("group", { name: "Record" });
  if (!(await panel.isVisible())) {
    await page.getByRole("button", { name: "Record", exact: true }).click();
  }
  await panel.getByRole("combobox", { name: "View" }).selectOption({ label: view });
  await panel.getByRole("radio", { name: format }).check();
  const waiting = page.waitForEvent("download", { timeout: 120_000 });
  await panel.getByRole("button", { name: "Start recording" }).click();
  const download = await waiting;
  const path = join(await mkdtemp(join(tmpdir(), "descent-movie-")), download.suggestedFilename());
  await download.saveAs(path);
  await expect.poll(() => panel.getByRole("status").textContent()).toMatch(/^Saved /);
  return {
    name: download.suggestedFilename(),
    bytes: new Uint8Array(await readFile(path)),
    status: (await panel.getByRole("status").textContent()) ?? "",
    note: (await panel.locator(".picture-note").textContent()) ?? "",
  };
}

describe("Record", () => {
  const app = useApp();

  it("records a GIF with one frame per step at 20 steps/s and a second held at the end", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    const { total, speed } = await timeline(page);
    expect(speed).toBe(20);
    // At the page's 20 steps/s: 20 frames a second, one per step from 0 to the last, then 20
    // more of the last step.
    const expected = total + 1 + 20;
    const movie = await record(page, "Contour map", "GIF animation");
    expect(movie.name).toMatch(/^himmelblau-contour-map-\d{4}-\d{2}-\d{2}\.gif$/);
    expect(movie.note).toContain(`${expected} frames at 20 frames/s`);
    const gif = gifFrames(movie.bytes);
    expect(gif.frames).toBe(expected);
    expect(gif.delaysMs.every((delay) => delay === 50)).toBe(true);
    expect(gif.loops).toBe(true);
    expect(movie.status).toBe(
      `Saved ${movie.name} (${expected} frames, ${gif.width} × ${gif.height} pixels).`,
    );

    // The runs move between the first frame and the last, and the last ones hold still: the
    // browser's own decoder reads the frames back.
    const differ = await page.evaluate(async (bytes) => {
      const decoder = new ImageDecoder({ data: new Uint8Array(bytes), type: "image/gif" });
      await decoder.tracks.ready;
      const count = decoder.tracks.selectedTrack!.frameCount;
      const pixels = async (index: number) => {
        const { image } = await decoder.decode({ frameIndex: index });
        const canvas = new OffscreenCanvas(image.displayWidth, image.displayHeight);
        const context = canvas.getContext("2d")!;
        context.drawImage(image, 0, 0);
        image.close();
        return context.getImageData(0, 0, canvas.width, canvas.height).data;
      };
      const changed = (a: Uint8ClampedArray, b: Uint8ClampedArray) => {
        let n = 0;
        for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i]! - b[i]!) > 24) n++;
        return n;
      };
      const [first, mid, last, beforeLast] = await Promise.all(
        [0, Math.floor(count / 4), count - 1, count - 2].map(pixels),
      );
      return {
        count,
        startToEnd: changed(first!, last!),
        startToMid: changed(first!, mid!),
        heldEnd: changed(beforeLast!, last!),
      };
    }, Array.from(movie.bytes));
    expect(differ.count).toBe(expected);
    expect(differ.startToMid).toBeGreaterThan(50);
    expect(differ.startToEnd).toBeGreaterThan(50);
    expect(differ.heldEnd).toBe(0);
    // The playhead is back where it was.
    expect(await page.getByText(/^Step 0 of/).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("records a WebM of all the views with the same frames, the picture's size", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    const { total } = await timeline(page);
    const expected = total + 1 + 20;
    const movie = await record(page, "All views", "WebM video");
    expect(movie.name).toMatch(/^himmelblau-all-views-\d{4}-\d{2}-\d{2}\.webm$/);
    const webm = webmFrames(movie.bytes);
    expect(webm.frames).toBe(expected);
    expect(webm.codec).toMatch(/^V_VP[89]$/);
    const [frames, width, height] = (
      /\((\d+) frames, (\d+) × (\d+) pixels\)/.exec(movie.status) ?? []
    )
      .slice(1)
      .map(Number);
    expect(frames).toBe(expected);
    // The video's sides are even (the codec's colour is per two by two pixels): an odd side
    // gets one more row or column.
    expect(webm.width).toBe(width! + (width! % 2));
    expect(webm.height).toBe(height! + (height! % 2));
    expect(webm.durationSeconds).toBeCloseTo(expected / 20, 1);
    expect(errors).toEqual([]);
  });

  it("shows its progress and cancels, leaving the page as it was", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    await page.getByRole("button", { name: "Record", exact: true }).click();
    const panel = page.getByRole("group", { name: "Record" });
    await panel.getByRole("combobox", { name: "View" }).selectOption({ label: "All views" });
    let downloads = 0;
    page.on("download", () => downloads++);
    await panel.getByRole("button", { name: "Start recording" }).click();
    const bar = panel.getByRole("progressbar", { name: "Recording" });
    await expect
      .poll(async () => Number(await bar.getAttribute("value")), { timeout: 30_000 })
      .toBeGreaterThan(2);
    expect(await bar.getAttribute("aria-valuetext")).toMatch(/^Frame \d+ of \d+$/);
    await panel.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => panel.getByRole("status").textContent()).toBe("Recording cancelled.");
    expect(await bar.count()).toBe(0);
    expect(downloads).toBe(0);
    // The playhead is back at the start, and playback works.
    expect(await page.getByText(/^Step 0 of/).count()).toBe(1);
    await page.getByRole("button", { name: "Start recording" }).waitFor();
    expect(errors).toEqual([]);
  });
});
