import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import {
  DEFAULT_VIEW,
  makeDocument,
  type Box,
  type CameraSettings,
} from "../../src/core/scenario/document.ts";
import { ensureArtifactsDir, type RgbaImage } from "./harness.ts";
import { capture, labHandle, region, snapshot, useApp, waitForQuiet } from "./support.ts";

/** A colour far from every colour of the viridis map, the axes and the markers. */
const MAGENTA = "#FF00FF";
const MAGENTA_RGB = [255, 0, 255] as const;

type Client = { clientX: number; clientY: number };

/** Where math points appear on screen in a view, in client coordinates. */
async function projectAll(
  page: Page,
  view: "contour" | "surface",
  points: readonly (readonly [number, number])[],
): Promise<Client[]> {
  const lab = await labHandle(page);
  const projected = await lab.evaluate(
    (hook, [name, list]) => {
      const projector = hook.getProjector(name);
      return projector ? list.map(([x, y]) => projector(x, y)) : null;
    },
    [view, points] as const,
  );
  if (!projected) throw new Error(`no "${view}" projector registered`);
  return projected;
}

async function project(page: Page, view: "contour" | "surface", x: number, y: number) {
  const [point] = await projectAll(page, view, [[x, y]]);
  return point!;
}

async function openDocument(
  page: Page,
  f: string,
  box: Box,
  run: { start: number[]; optimizer: "gd"; params: { lr: number }; maxSteps: number },
  camera: CameraSettings | null,
  step: number,
): Promise<void> {
  const document = makeDocument(f, box, [{ ...run, color: MAGENTA }], {
    camera,
    view: { ...DEFAULT_VIEW, showQuiver: false },
  });
  const lab = await labHandle(page);
  await lab.evaluate(
    (hook, [doc, k]) => {
      hook.store.getState().loadDocument(doc);
      hook.store.getState().seek(k);
    },
    [document, step] as const,
  );
  await waitForQuiet(page);
}

async function removeRuns(page: Page): Promise<void> {
  const lab = await labHandle(page);
  await lab.evaluate((hook) => {
    for (const run of [...hook.store.getState().runs]) hook.store.getState().removeRun(run.id);
  });
  await waitForQuiet(page);
}

function pixel(image: RgbaImage, x: number, y: number): [number, number, number] {
  const p = (Math.round(y) * image.width + Math.round(x)) * 4;
  return [image.data[p] ?? 0, image.data[p + 1] ?? 0, image.data[p + 2] ?? 0];
}

function isMagenta([r, g, b]: [number, number, number]): boolean {
  return (
    Math.abs(r - MAGENTA_RGB[0]) <= 40 &&
    Math.abs(g - MAGENTA_RGB[1]) <= 40 &&
    Math.abs(b - MAGENTA_RGB[2]) <= 40
  );
}

/** Whether a magenta pixel lies within `radius` pixels of an element-relative point. */
function magentaNear(image: RgbaImage, x: number, y: number, radius: number): boolean {
  for (let dy = -radius; dy <= radius; dy++) {
    for (let dx = -radius; dx <= radius; dx++) {
      if (dx * dx + dy * dy > radius * radius) continue;
      const px = Math.round(x) + dx;
      const py = Math.round(y) + dy;
      if (px < 0 || py < 0 || px >= image.width || py >= image.height) continue;
      if (isMagenta(pixel(image, px, py))) return true;
    }
  }
  return false;
}

async function elementOrigin(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element has no box");
  return { x: box.x, y: box.y };
}

async function savePage(page: Page, name: string): Promise<void> {
  await writeFile(join(ensureArtifactsDir(), `${name}.png`), await page.screenshot());
}

// A ridge across the front of the box (y = −1.2) in front of a shallow bowl whose minimum is
// on the y axis. Descent from (0, 1.8) runs straight down the y axis (∂f/∂x = 0.2x stays 0),
// towards the camera, which looks from the front (azimuth 90°: from +world z, which is −y) and
// not too high, so the ridge hides the near part of the path and the far part shows above it.
const RIDGE = "2*exp(-8*(y+1.2)^2) + 0.1*(x^2 + (y+0.3)^2)";
const RIDGE_BOX: Box = { xmin: -2, xmax: 2, ymin: -2, ymax: 2 };
const FRONT_CAMERA: CameraSettings = { azimuth: 90, elevation: 38, zoom: 1, target: [0, 0.3, 0] };

/**
 * Whether the surface hides the surface point (0, y) from a camera straight in front of the box
 * at world x = 0, judged only from where the surface projects. The camera and every point (0, y')
 * lie in one vertical plane, which the camera sees as one line; a point (0, y') with y' < y is
 * between the camera and (0, y) along it. If one such point projects `margin` pixels above
 * (0, y) and another below it, a point between them projects exactly onto (0, y) and is nearer:
 * hidden. If none projects above it, and those more than `near` away in y stay `margin` pixels
 * below it, nothing nearer covers it: visible. Otherwise undecided (null).
 */
async function hiddenBySurface(
  page: Page,
  y: number,
  margin = 4,
  near = 0.2,
): Promise<boolean | null> {
  const samples = 400;
  const ys: number[] = [];
  for (let i = 0; i < samples; i++) ys.push(RIDGE_BOX.ymin + ((y - RIDGE_BOX.ymin) * i) / samples);
  const [at, ...nearer] = await projectAll(page, "surface", [
    [0, y],
    ...ys.map((v) => [0, v] as const),
  ]);
  let clearlyAbove = false;
  let below = false;
  let anyAbove = false;
  let farClearlyBelow = true;
  nearer.forEach((p, i) => {
    const rise = at!.clientY - p.clientY;
    if (rise >= margin) clearlyAbove = true;
    if (rise > 0) anyAbove = true;
    if (rise < 0) below = true;
    if (ys[i]! < y - near && rise > -margin) farClearlyBelow = false;
  });
  if (clearlyAbove && below) return true;
  if (!anyAbove && farClearlyBelow) return false;
  return null;
}

describe("run paths", () => {
  const app = useApp();

  it("3D: a path shows in its colour along its projection, dashed where the surface is in front of it", async () => {
    const { page, errors } = await app.open("/");
    await openDocument(
      page,
      RIDGE,
      RIDGE_BOX,
      { start: [0, 1.95], optimizer: "gd", params: { lr: 0.3 }, maxSteps: 80 },
      FRONT_CAMERA,
      80,
    );
    const run = (await snapshot(page)).runs[0];
    if (!run) throw new Error("no run");
    // Descent keeps x at 0 and moves y towards the minimum near −0.3.
    expect(run.xs.every((x) => x === 0)).toBe(true);

    const surface = region(page, "3D surface").locator("canvas").first();
    const origin = await elementOrigin(surface);
    const start = await project(page, "surface", 0, run.ys[0]!);
    const end = await project(page, "surface", 0, run.ys.at(-1)!);
    // Iterates away from the start and current markers (and the gradient arrow at the end).
    const probes: { k: number; at: Client; hidden: boolean }[] = [];
    for (let k = 1; k < run.steps; k++) {
      const at = await project(page, "surface", 0, run.ys[k]!);
      const clear = (p: Client) => Math.hypot(at.clientX - p.clientX, at.clientY - p.clientY) > 16;
      if (!clear(start) || !clear(end)) continue;
      const hidden = await hiddenBySurface(page, run.ys[k]!);
      if (hidden !== null) probes.push({ k, at, hidden });
    }
    const hiddenProbes = probes.filter((p) => p.hidden);
    const visibleProbes = probes.filter((p) => !p.hidden);
    // The scene is built so that both happen: some iterates behind the ridge, some in sight.
    expect(hiddenProbes.length).toBeGreaterThanOrEqual(2);
    expect(visibleProbes.length).toBeGreaterThanOrEqual(2);

    const withPath = await capture(surface, "paths-3d-occluded");
    await savePage(page, "paths-3d-occluded-page-1280x800");
    for (const probe of probes) {
      const found = magentaNear(
        withPath,
        probe.at.clientX - origin.x,
        probe.at.clientY - origin.y,
        // Hidden parts are dashed: look a little further along for the next dash.
        probe.hidden ? 5 : 3,
      );
      expect(
        found,
        `run colour near iterate ${probe.k} (${probe.hidden ? "hidden" : "visible"})`,
      ).toBe(true);
    }
    // The colour comes from the path: without the run, none of it is there.
    await removeRuns(page);
    const without = await capture(surface, "paths-3d-occluded-without-run");
    for (const probe of probes) {
      expect(
        magentaNear(without, probe.at.clientX - origin.x, probe.at.clientY - origin.y, 5),
      ).toBe(false);
    }
    expect(errors).toEqual([]);
  });

  // f = x² − y² from (−1, 0.5): descent multiplies x by 1 − 2·lr and y by 1 + 2·lr each step, so
  // with lr = 0.1 y grows by 1.2 a step and the run leaves the box [−3, 3]² through its top edge
  // (y = 3) once and never comes back.
  const SADDLE = "x^2 - y^2";
  const SADDLE_BOX: Box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
  const LEAVING = { start: [-1, 0.5], optimizer: "gd" as const, params: { lr: 0.1 }, maxSteps: 40 };

  it("contour map: a diverging path draws nothing outside the plot and an arrowhead where it leaves", async () => {
    const { page, errors } = await app.open("/");
    await openDocument(page, SADDLE, SADDLE_BOX, LEAVING, null, 40);
    const run = (await snapshot(page)).runs[0];
    if (!run) throw new Error("no run");
    // Where it leaves, worked from the iterates: the first step that ends above y = 3.
    const k = run.ys.findIndex((y, i) => i > 0 && y > 3) - 1;
    expect(k).toBeGreaterThan(0);
    const [x0, y0, x1, y1] = [run.xs[k]!, run.ys[k]!, run.xs[k + 1]!, run.ys[k + 1]!];
    const t = (3 - y0) / (y1 - y0);
    const exit = { x: x0 + t * (x1 - x0), y: 3 };
    // It never comes back: every later iterate is above the box.
    expect(run.ys.slice(k + 1).every((y) => y > 3)).toBe(true);

    const contour = region(page, "Contour map").locator("canvas").first();
    const origin = await elementOrigin(contour);
    const withRun = await capture(contour, "paths-contour-leaving");
    await savePage(page, "paths-contour-leaving-page-1280x800");
    await removeRuns(page);
    const withoutRun = await capture(contour, "paths-contour-leaving-without-run");

    // The plot box on screen, from its corners.
    const topLeft = await project(page, "contour", SADDLE_BOX.xmin, SADDLE_BOX.ymax);
    const bottomRight = await project(page, "contour", SADDLE_BOX.xmax, SADDLE_BOX.ymin);
    const left = topLeft.clientX - origin.x;
    const top = topLeft.clientY - origin.y;
    const right = bottomRight.clientX - origin.x;
    const bottom = bottomRight.clientY - origin.y;
    let changedOutside = 0;
    let outside = 0;
    for (let y = 0; y < withRun.height; y++) {
      for (let x = 0; x < withRun.width; x++) {
        // One pixel of slack for the edge's rasterisation.
        if (x >= left - 1 && x <= right + 1 && y >= top - 1 && y <= bottom + 1) continue;
        outside++;
        const a = pixel(withRun, x, y);
        const b = pixel(withoutRun, x, y);
        if (a.some((v, c) => Math.abs(v - b[c]!) > 8)) changedOutside++;
      }
    }
    expect(outside).toBeGreaterThan(1000);
    expect(changedOutside).toBe(0);

    // The arrowhead: its tip on the edge, pointing the way the run went, wider than the line.
    // Look 12 px back from the tip and 3.5 px to each side of the path's line, where the line
    // (3.5 px wide) does not reach but the arrowhead (about 5 px to each side there) does.
    const tip = await project(page, "contour", exit.x, exit.y);
    const back = await project(
      page,
      "contour",
      exit.x - (x1 - x0) * 0.01,
      exit.y - (y1 - y0) * 0.01,
    );
    const length = Math.hypot(tip.clientX - back.clientX, tip.clientY - back.clientY);
    const ux = (back.clientX - tip.clientX) / length;
    const uy = (back.clientY - tip.clientY) / length;
    for (const side of [-1, 1]) {
      const px = tip.clientX - origin.x + 12 * ux + side * 3.5 * -uy;
      const py = tip.clientY - origin.y + 12 * uy + side * 3.5 * ux;
      expect(isMagenta(pixel(withRun, px, py)), `arrowhead at side ${side}`).toBe(true);
      expect(isMagenta(pixel(withoutRun, px, py))).toBe(false);
    }
    expect(errors).toEqual([]);
  });

  it("screenshots: the leaving run and the hidden path at 1024×768", async () => {
    const { page, errors } = await app.open("/");
    await page.setViewportSize({ width: 1024, height: 768 });
    await openDocument(
      page,
      RIDGE,
      RIDGE_BOX,
      { start: [0, 1.95], optimizer: "gd", params: { lr: 0.3 }, maxSteps: 80 },
      FRONT_CAMERA,
      80,
    );
    await savePage(page, "paths-3d-occluded-page-1024x768");
    await openDocument(page, SADDLE, SADDLE_BOX, LEAVING, null, 40);
    await savePage(page, "paths-contour-leaving-page-1024x768");
    expect(errors).toEqual([]);
  });
});
