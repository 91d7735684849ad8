import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { convexHull, type ScreenPoint } from "../../src/core/labelPlacement.ts";
import { differingFraction, type RgbaImage } from "./harness.ts";
import {
  capture,
  labHandle,
  loadScenario,
  region,
  snapshot,
  useApp,
  waitForQuiet,
} from "./support.ts";

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  text: string;
}

/** The 3D view's canvas. */
function canvas3d(page: Page) {
  return region(page, "3D surface").locator("canvas").first();
}

/** Client rectangles of the 3D view's axis labels that are shown. */
async function shownLabels(page: Page): Promise<Rect[]> {
  return page.$$eval(".axis-label", (spans) =>
    spans
      .filter((span) => getComputedStyle(span).visibility === "visible")
      .map((span) => {
        const r = span.getBoundingClientRect();
        return {
          left: r.left,
          top: r.top,
          right: r.right,
          bottom: r.bottom,
          text: span.textContent ?? "",
        };
      }),
  );
}

/** Where the surface point over (x, y) is drawn, in client pixels, for an n × n grid of the box. */
async function surfacePoints(page: Page, n: number): Promise<ScreenPoint[]> {
  const lab = await labHandle(page);
  return lab.evaluate((hook, n) => {
    const project = hook.getProjector("surface");
    const state = hook.store.getState();
    const { xmin, xmax, ymin, ymax } = state.box;
    const points: { x: number; y: number }[] = [];
    if (!project) return points;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const x = xmin + ((xmax - xmin) * i) / (n - 1);
        const y = ymin + ((ymax - ymin) * j) / (n - 1);
        if (!Number.isFinite(state.surface.f(x, y))) continue;
        const p = project(x, y);
        points.push({ x: p.clientX, y: p.clientY });
      }
    }
    return points;
  }, n);
}

function overlap(a: Rect, b: Rect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Labels shown: none overlaps another, none leaves the canvas, none lies over the surface. */
async function expectLabelsClear(page: Page, when: string): Promise<Rect[]> {
  const labels = await shownLabels(page);
  const bounds = await canvas3d(page).boundingBox();
  if (!bounds) throw new Error("no 3D canvas");
  for (const label of labels) {
    expect(label.left, `${when}: "${label.text}" inside the canvas`).toBeGreaterThanOrEqual(
      bounds.x - 0.5,
    );
    expect(label.right, `${when}: "${label.text}" inside the canvas`).toBeLessThanOrEqual(
      bounds.x + bounds.width + 0.5,
    );
    expect(label.top, `${when}: "${label.text}" inside the canvas`).toBeGreaterThanOrEqual(
      bounds.y - 0.5,
    );
    expect(label.bottom, `${when}: "${label.text}" inside the canvas`).toBeLessThanOrEqual(
      bounds.y + bounds.height + 0.5,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      expect(overlap(a, b), `${when}: "${a.text}" overlaps "${b.text}"`).toBe(false);
    }
  }
  // The surface as drawn: a dense sample of its points on screen, and their outline.
  const points = await surfacePoints(page, 61);
  const hull = convexHull(points);
  for (const label of labels) {
    const covered = points.filter(
      (p) => p.x > label.left && p.x < label.right && p.y > label.top && p.y < label.bottom,
    );
    expect(covered, `${when}: "${label.text}" covers the surface`).toEqual([]);
    if (label.text.startsWith("f =")) {
      // The f axis's name stays off the surface's whole outline, not only off its sample points.
      const corners = [
        { x: label.left, y: label.top },
        { x: label.right, y: label.top },
        { x: label.right, y: label.bottom },
        { x: label.left, y: label.bottom },
      ];
      for (const c of corners) {
        expect(insideConvex(hull, c), `${when}: the f axis's name is over the surface`).toBe(false);
      }
    }
  }
  return labels;
}

/** Whether a point is strictly inside a convex polygon. */
function insideConvex(polygon: readonly ScreenPoint[], p: ScreenPoint): boolean {
  if (polygon.length < 3) return false;
  let sign = 0;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i]!;
    const b = polygon[(i + 1) % polygon.length]!;
    const side = Math.sign((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x));
    if (side === 0) return false;
    if (sign === 0) sign = side;
    else if (side !== sign) return false;
  }
  return true;
}

/** Orbits the 3D view by dragging across it from its centre. */
async function orbit(page: Page, dx: number, dy: number): Promise<void> {
  const bounds = await canvas3d(page).boundingBox();
  if (!bounds) throw new Error("no 3D canvas");
  const x = bounds.x + bounds.width / 2;
  const y = bounds.y + bounds.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 8 });
  await page.mouse.up();
  await waitForQuiet(page);
}

async function setUp(
  page: Page,
  text: string | null,
  box: { xmin: number; xmax: number; ymin: number; ymax: number } | null,
  keepRuns: boolean,
): Promise<void> {
  const lab = await labHandle(page);
  await lab.evaluate(
    (hook, { text, box, keepRuns }) => {
      const state = hook.store.getState();
      if (text !== null) state.setText(text);
      if (box !== null) state.setBox(box);
      if (!keepRuns) for (const run of [...state.runs]) state.removeRun(run.id);
    },
    { text, box, keepRuns },
  );
  await waitForQuiet(page);
}

/** Colour-mapped pixels: clearly coloured, unlike the background, the box lines and the text. */
function isSurfacePixel(image: RgbaImage, p: number): boolean {
  const r = image.data[4 * p]!;
  const g = image.data[4 * p + 1]!;
  const b = image.data[4 * p + 2]!;
  return Math.max(r, g, b) - Math.min(r, g, b) > 24;
}

/** Distance from p to a convex polygon's outline, negative inside. */
function signedDistance(polygon: readonly ScreenPoint[], p: ScreenPoint): number {
  let nearest = Infinity;
  for (let i = 0; i < polygon.length; i++) {
    const a = polygon[i]!;
    const b = polygon[(i + 1) % polygon.length]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
    nearest = Math.min(nearest, Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy)));
  }
  return insideConvex(polygon, p) ? -nearest : nearest;
}

/** Pixels inside the surface's outline on screen (2 px in from it) that differ between a and b. */
async function changedUnderSurface(page: Page, a: RgbaImage, b: RgbaImage): Promise<number> {
  const origin = await canvas3d(page).boundingBox();
  if (!origin) throw new Error("no 3D canvas");
  const outline = convexHull(
    (await surfacePoints(page, 61)).map((p) => ({ x: p.x - origin.x, y: p.y - origin.y })),
  );
  let inside = 0;
  let changed = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (signedDistance(outline, { x: x + 0.5, y: y + 0.5 }) > -2) continue;
      inside++;
      const p = 4 * (y * a.width + x);
      for (let ch = 0; ch < 3; ch++) {
        if (Math.abs(a.data[p + ch]! - b.data[p + ch]!) > 12) {
          changed++;
          break;
        }
      }
    }
  }
  return changed / inside;
}

describe("the 3D view", () => {
  const app = useApp();

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    const size = `${viewport.width}x${viewport.height}`;
    // Five orbits, each checked and saved: longer than one page load on a busy machine.
    it(
      `at ${size}, axis labels never overlap and never cover the surface, at any orbit`,
      {
        timeout: 150_000,
      },
      async () => {
        const { page, errors } = await app.open("/");
        await page.setViewportSize(viewport);
        await setUp(page, null, null, false);
        const labels = await expectLabelsClear(page, "default view");
        // The default view shows every axis: the f axis named, x and y named, ticks on each.
        const texts = labels.map((l) => l.text);
        expect(texts.some((t) => t.startsWith("f ="))).toBe(true);
        expect(texts).toContain("x");
        expect(texts).toContain("y");
        expect(texts.filter((t) => /^-?\d/.test(t)).length).toBeGreaterThanOrEqual(6);
        await capture(region(page, "3D surface"), `surface-labels-${size}`);
        const orbits: [number, number][] = [
          [160, 0],
          [0, 90],
          [220, 0],
          [0, -200],
          [-400, 40],
        ];
        for (const [k, [dx, dy]] of orbits.entries()) {
          await orbit(page, dx, dy);
          await expectLabelsClear(page, `after orbit ${k + 1}`);
          await capture(region(page, "3D surface"), `surface-labels-${size}-orbit${k + 1}`);
        }
        expect(errors).toEqual([]);
      },
    );
  }

  it("draws sqrt(1 − x² − y²) on [−2, 2]² with a clean edge and says where f is undefined", async () => {
    const { page, errors } = await app.open("/");
    await setUp(page, "sqrt(1-x^2-y^2)", { xmin: -2, xmax: 2, ymin: -2, ymax: 2 }, false);
    // The defined share is π/16 (the unit disc over a box of 16): 80% undefined.
    await expect
      .poll(() => region(page, "3D surface").textContent())
      .toContain("f is undefined on 80% of the box (shown as a hole).");

    const element = canvas3d(page);
    const image = await capture(element, "surface-hole-sqrt");
    const origin = await element.boundingBox();
    if (!origin) throw new Error("no 3D canvas");
    // The dome drawn is the projection of the unit disc's hemisphere, a convex shape: sample its
    // rim (just inside r = 1, where f is defined) and its inside, and take their outline.
    const lab = await labHandle(page);
    const dome = await lab.evaluate((hook) => {
      const project = hook.getProjector("surface")!;
      const points: { x: number; y: number }[] = [];
      for (let k = 0; k < 720; k++) {
        const a = (2 * Math.PI * k) / 720;
        for (const r of [1 - 1e-9, 0.9, 0.7, 0.4, 0]) {
          const p = project(r * Math.cos(a), r * Math.sin(a));
          points.push({ x: p.clientX, y: p.clientY });
        }
      }
      return points;
    });
    const hull = convexHull(dome.map((p) => ({ x: p.x - origin.x, y: p.y - origin.y })));
    let outside = 0;
    let insideGaps = 0;
    let inside = 0;
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const d = signedDistance(hull, { x: x + 0.5, y: y + 0.5 });
        const surface = isSurfacePixel(image, y * image.width + x);
        if (d > 3 && surface) outside++;
        if (d < -3) {
          inside++;
          if (!surface) insideGaps++;
        }
      }
    }
    // Drips hang off a ragged rim: gaps between them inside the outline, strands outside it.
    expect(inside).toBeGreaterThan(2000);
    expect(outside).toBe(0);
    expect(insideGaps / inside).toBeLessThan(0.005);
    await page.setViewportSize({ width: 1024, height: 768 });
    await waitForQuiet(page);
    await capture(region(page, "3D surface"), "surface-hole-sqrt-1024x768");
    expect(errors).toEqual([]);
  });

  it("offers the field of −∇f on the floor, under the surface, and a link keeps it", async () => {
    const { page, errors } = await app.open("/");
    await waitForQuiet(page);
    const toggle = page.getByLabel("Gradient field on the floor");
    expect(await toggle.isChecked()).toBe(false);
    const off = await capture(canvas3d(page), "surface-floor-off");
    await toggle.check();
    await waitForQuiet(page);
    const on = await capture(canvas3d(page), "surface-floor-on");
    // The camera stays, so nothing else changes inside the surface's outline: the arrows under
    // it show through, dimmed, where the floor lies behind it (about 1% of the outline at
    // 1280×800; nothing without the field).
    const changed = await changedUnderSurface(page, off, on);
    expect(changed).toBeGreaterThan(0.005);
    const lab = await labHandle(page);
    expect(await lab.evaluate((hook) => hook.store.getState().view.floorQuiver)).toBe(true);
    await capture(region(page, "3D surface"), "surface-floor-on-view");

    // The address bar follows the picture: open it in a fresh browser context.
    await expect.poll(() => new URL(page.url()).searchParams.has("s")).toBe(true);
    const address = new URL(page.url());
    const fresh = await app.open(address.pathname + address.search);
    await waitForQuiet(fresh.page);
    expect(await fresh.page.getByLabel("Gradient field on the floor").isChecked()).toBe(true);
    const freshLab = await labHandle(fresh.page);
    expect(await freshLab.evaluate((hook) => hook.store.getState().view.floorQuiver)).toBe(true);
    // The same picture: the same pixels as the page the link came from.
    const reopened = await capture(canvas3d(fresh.page), "surface-floor-link");
    expect(differingFraction(on, reopened)).toBeLessThan(0.002);
    expect(differingFraction(off, reopened)).toBeGreaterThan(0.01);
    await fresh.page.setViewportSize({ width: 1024, height: 768 });
    await waitForQuiet(fresh.page);
    await capture(region(fresh.page, "3D surface"), "surface-floor-on-1024x768");
    expect(errors).toEqual([]);
    expect(fresh.errors).toEqual([]);
  });

  it("draws the still surface once while runs play, and puts it back pixel for pixel", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "himmelblau");
    const lab = await labHandle(page);
    /** Moves the playhead to `step` and returns what the 3D canvas shows, and the still draws. */
    const at = async (step: number, name: string) => {
      await lab.evaluate((hook, k) => hook.store.getState().seek(k), step);
      await waitForQuiet(page);
      const image = await capture(canvas3d(page), name);
      const counts = await lab.evaluate((hook) => ({ ...hook.renderStats }));
      return { image, ...counts };
    };
    /** The same step drawn with everything afresh, as a canvas without a still layer draws. */
    const afresh = async (step: number, name: string) => {
      await lab.evaluate((hook) => (hook.renderStats.reuseStill = false));
      await at(step + 1, `${name}-step`);
      const { image } = await at(step, name);
      await lab.evaluate((hook) => (hook.renderStats.reuseStill = true));
      return image;
    };
    for (const floor of [false, true]) {
      await lab.evaluate((hook, on) => hook.store.getState().setView({ floorQuiver: on }), floor);
      const name = floor ? "surface-still-floor" : "surface-still";
      const first = await at(5, `${name}-5`);
      // Twenty steps of four paths on the surface: frames drawn, the surface not drawn again.
      await lab.evaluate(async (hook) => {
        for (let step = 6; step < 25; step++) {
          hook.store.getState().seek(step);
          await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
        }
      });
      const last = await at(25, `${name}-25`);
      expect(last.frames).toBeGreaterThan(first.frames);
      expect(last.stillDraws).toBe(first.stillDraws);
      expect(differingFraction(first.image, last.image)).toBeGreaterThan(0.001);
      // Every pixel as drawing the whole scene gives: the colours (tone mapping, the floor's
      // arrows blended through the surface), the depth that hides paths behind the hills.
      const fresh = await afresh(25, `${name}-afresh`);
      expect(differingFraction(last.image, fresh, 0)).toBe(0);
    }
    // The camera moved: the still layer is drawn again for the new view.
    const before = await lab.evaluate((hook) => hook.renderStats.stillDraws);
    await orbit(page, 60, 0);
    const moved = await lab.evaluate((hook) => hook.renderStats.stillDraws);
    expect(moved).toBeGreaterThan(before);
    const orbited = await at(25, "surface-still-orbited");
    const fresh = await afresh(25, "surface-still-orbited-afresh");
    expect(differingFraction(orbited.image, fresh, 0)).toBe(0);
    expect(errors).toEqual([]);
  });

  it("loads, draws and orbits without a single console warning", async () => {
    const { page, errors } = await app.open("/");
    const warnings: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "warning") warnings.push(message.text());
    });
    // The listener is in place from the first line the page runs.
    await page.reload({ waitUntil: "load" });
    await page.waitForFunction(() => "__descentLab" in window);
    await waitForQuiet(page);
    await loadScenario(page, "himmelblau");
    await orbit(page, 120, 30);
    expect(warnings).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe("a start shared by several runs", () => {
  const app = useApp();

  /** Three runs from one start, the middle one selected: neither the first nor the last drawn. */
  async function threeRunsOneStart(page: Page, start: [number, number]) {
    const lab = await labHandle(page);
    const ids = await lab.evaluate((hook, start) => {
      const store = hook.store;
      store.getState().setText("x^2 + 2*y^2");
      store.getState().setBox({ xmin: -3, xmax: 3, ymin: -3, ymax: 3 });
      for (const run of [...store.getState().runs]) store.getState().removeRun(run.id);
      const made = [
        store.getState().addRun(start, { optimizer: "gd", params: { lr: 0.05 } }),
        store.getState().addRun(start, { optimizer: "momentum" }),
        store.getState().addRun(start, { optimizer: "adam", params: { lr: 0.1 } }),
      ];
      store.getState().selectRun(made[1]!);
      return made;
    }, start);
    await waitForQuiet(page);
    return ids;
  }

  async function project(page: Page, view: "contour" | "surface", x: number, y: number) {
    const lab = await labHandle(page);
    const point = await lab.evaluate((hook, [name, px, py]) => hook.getProjector(name)?.(px, py), [
      view,
      x,
      y,
    ] as const);
    if (!point) throw new Error(`no "${view}" projector`);
    return point;
  }

  async function drag(page: Page, from: { clientX: number; clientY: number }, to: typeof from) {
    await page.mouse.move(from.clientX, from.clientY);
    await page.mouse.down();
    await page.mouse.move(to.clientX, to.clientY, { steps: 8 });
    await page.mouse.up();
    await waitForQuiet(page);
  }

  for (const view of ["contour", "surface"] as const) {
    it(`on the ${view === "contour" ? "contour map" : "3D view"}, moves the selected run`, async () => {
      const { page, errors } = await app.open("/");
      await waitForQuiet(page);
      const ids = await threeRunsOneStart(page, [2, 1.5]);
      // To the far side of the bowl, in sight in both views all the way.
      await drag(page, await project(page, view, 2, 1.5), await project(page, view, -0.5, 2));
      const runs = (await snapshot(page)).runs;
      expect(runs.map((run) => run.id)).toEqual(ids);
      const [first, middle, last] = runs;
      // The selected (middle) run moved to where the pointer was let go; the others stayed.
      expect(Math.abs(middle!.start[0]! - -0.5)).toBeLessThan(0.2);
      expect(Math.abs(middle!.start[1]! - 2)).toBeLessThan(0.2);
      expect(first!.start).toEqual([2, 1.5]);
      expect(last!.start).toEqual([2, 1.5]);
      const lab = await labHandle(page);
      expect(await lab.evaluate((hook) => hook.store.getState().selectedRunId)).toBe(ids[1]);
      expect(errors).toEqual([]);
    });
  }
});
