import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { join } from "node:path";
import { blurFocus, labHandle, region, useApp, waitForQuiet } from "./support.ts";

function namedRegion(page: Page, name: string) {
  return page.getByRole("region", { name });
}
import { decodePng, ensureArtifactsDir, type RgbaImage } from "./harness.ts";
import { PRESENTER_PALETTE } from "../../src/core/presenterPalette.ts";
import { RUN_PALETTE } from "../../src/core/scenario/document.ts";

const PROJECTOR = { width: 1024, height: 768 };
/**
 * For what follows the full screen's start or end: the page is resized and every view drawn
 * afresh, in software WebGL, which takes seconds on a busy machine.
 */
const SLOW = { timeout: 15_000 };

/**
 * Records, on every 2D canvas of the page, the font of each text drawn and the width and colour
 * of each line stroked, by wrapping the browser's own methods (which still draw). Cleared on
 * each call, so what it holds afterwards is what was drawn since.
 */
async function recordCanvasDrawing(page: Page): Promise<void> {
  await page.evaluate(() => {
    type Drawn = { fonts: string[]; strokes: { width: number; color: string }[] };
    const target = window as unknown as { __drawn?: Drawn; __drawnInstalled?: boolean };
    target.__drawn = { fonts: [], strokes: [] };
    if (target.__drawnInstalled) return;
    target.__drawnInstalled = true;
    const proto = CanvasRenderingContext2D.prototype;
    const fillText = proto.fillText;
    proto.fillText = function (this: CanvasRenderingContext2D, ...args) {
      target.__drawn!.fonts.push(this.font);
      return fillText.apply(this, args);
    } as typeof proto.fillText;
    const stroke = proto.stroke;
    proto.stroke = function (this: CanvasRenderingContext2D, ...args: unknown[]) {
      target.__drawn!.strokes.push({ width: this.lineWidth, color: String(this.strokeStyle) });
      return (stroke as (...rest: unknown[]) => void).apply(this, args);
    } as typeof proto.stroke;
  });
}

async function canvasDrawing(
  page: Page,
): Promise<{ fonts: string[]; strokes: { width: number; color: string }[] }> {
  return page.evaluate(
    () =>
      (
        window as unknown as {
          __drawn: { fonts: string[]; strokes: { width: number; color: string }[] };
        }
      ).__drawn,
  );
}

/** The CSS pixel size of a font shorthand such as "bold 20px system-ui". */
function fontPx(font: string): number {
  const match = /(\d+(?:\.\d+)?)px/.exec(font);
  if (!match) throw new Error(`no pixel size in font "${font}"`);
  return Number(match[1]);
}

/** Computed font sizes (px) of every element matching `selector`. */
async function fontSizes(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (elements) =>
    elements.map((element) => Number.parseFloat(getComputedStyle(element).fontSize)),
  );
}

/** Where the page's main parts are, to compare layouts. */
async function layoutOf(page: Page): Promise<Record<string, number[] | null>> {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) return null;
      return [rect.left, rect.top, rect.width, rect.height].map(Math.round);
    };
    return {
      sidebar: box(".sidebar"),
      surface: box('[aria-label="3D surface"]'),
      contour: box('[aria-label="Contour map"]'),
      loss: box('[aria-label="Loss curve"]'),
      explainer: box(".explainer"),
      legend: box('[aria-label="Run legend"]'),
      footer: box(".app-footer"),
    };
  });
}

async function isFullscreen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.fullscreenElement !== null);
}

describe("presenter mode", () => {
  const app = useApp();

  it("at 1024×768: large type, thick lines, the full screen, and leaving restores the layout", async () => {
    const { page, errors } = await app.open("/");
    await page.setViewportSize(PROJECTOR);
    await waitForQuiet(page);
    const before = await layoutOf(page);
    expect(before.sidebar).not.toBeNull();
    expect(before.explainer).not.toBeNull();
    const hintBefore = await fontSizes(page, ".keys-hint");

    await recordCanvasDrawing(page);
    await blurFocus(page);
    await page.keyboard.press("p");
    const button = page.getByRole("button", { name: "Presenter mode" });
    await expect.poll(() => button.getAttribute("aria-pressed")).toBe("true");
    // The key press asked for the browser's full screen.
    await expect.poll(() => isFullscreen(page), SLOW).toBe(true);
    await waitForQuiet(page);

    // Body text and the keys hint at least 24 px; tick labels at least 20 px.
    for (const selector of [".keys-hint", ".function-field input", ".run-legend-item"]) {
      const sizes = await fontSizes(page, selector);
      expect(sizes.length, selector).toBeGreaterThan(0);
      for (const size of sizes) expect(size, selector).toBeGreaterThanOrEqual(24);
    }
    for (const selector of ["[data-tick]", ".axis-label"]) {
      const sizes = await fontSizes(page, selector);
      expect(sizes.length, selector).toBeGreaterThan(0);
      for (const size of sizes) expect(size, selector).toBeGreaterThanOrEqual(20);
    }
    // The loss curve's canvas: every label at least 20 px, every run's line at least 3 px,
    // in the presenter colours.
    const drawn = await canvasDrawing(page);
    expect(drawn.fonts.length).toBeGreaterThan(0);
    for (const font of drawn.fonts) expect(fontPx(font)).toBeGreaterThanOrEqual(20);
    const runLines = drawn.strokes.filter((stroke) =>
      (PRESENTER_PALETTE as readonly string[]).includes(stroke.color.toUpperCase()),
    );
    expect(runLines.length).toBeGreaterThanOrEqual(4);
    for (const line of runLines) expect(line.width).toBeGreaterThanOrEqual(3);
    expect(
      drawn.strokes.some((stroke) =>
        (RUN_PALETTE as readonly string[]).includes(stroke.color.toUpperCase()),
      ),
    ).toBe(false);

    // Secondary panels folded away; the function, views, playback bar and run legend stay.
    const presenting = await layoutOf(page);
    expect(presenting.sidebar).toBeNull();
    expect(presenting.explainer).toBeNull();
    expect(presenting.legend).not.toBeNull();
    for (const part of ["surface", "contour", "loss", "footer"] as const) {
      expect(presenting[part], part).not.toBeNull();
    }
    await expect
      .poll(() => page.getByRole("button", { name: "Copy link" }).isVisible())
      .toBe(false);
    await expect.poll(() => page.getByRole("textbox", { name: "Function" }).isVisible()).toBe(true);
    // The views took the sidebar's room.
    expect(presenting.contour![2]! * presenting.contour![3]!).toBeGreaterThan(
      1.2 * before.contour![2]! * before.contour![3]!,
    );
    // A preset shown in presenter mode keeps its short link.
    await expect.poll(() => page.evaluate(() => location.search)).toContain("presenter=1");

    ensureArtifactsDir();
    await page.screenshot({ path: join("test-artifacts", "presenter-1024x768.png") });

    // Leaving: the full screen ends, the layout and the type are as they were.
    await page.getByRole("button", { name: "Presenter mode" }).click();
    await expect.poll(() => button.getAttribute("aria-pressed"), SLOW).toBe("false");
    await expect.poll(() => isFullscreen(page), SLOW).toBe(false);
    await page.setViewportSize(PROJECTOR);
    await waitForQuiet(page);
    await expect.poll(() => layoutOf(page), SLOW).toEqual(before);
    expect(await fontSizes(page, ".keys-hint")).toEqual(hintBefore);
    await expect.poll(() => page.evaluate(() => location.search)).not.toContain("presenter");
    expect(errors).toEqual([]);
  });

  it("draws the paths on the contour map thicker, in the presenter colours, with a casing", async () => {
    const link = "/?f=x%5E2%2By%5E2&start=2.2,1.8&lr=0.05&box=-3,3,-3,3";
    const { page } = await app.open(link);
    await page.setViewportSize(PROJECTOR);
    const lab = await labHandle(page);
    const map = region(page, "Contour map");
    /** The map with its run played to the end, the same map without the run, and its box's width. */
    const pictures = async (search: string) => {
      await lab.evaluate((hook, query) => hook.store.getState().loadLink(query), search);
      await lab.evaluate((hook) => hook.store.getState().seek(1000));
      await waitForQuiet(page);
      const withRun = decodePng(await map.screenshot());
      const boxWidth = await lab.evaluate((hook) => {
        const project = hook.getProjector("contour")!;
        return project(3, 0).clientX - project(-3, 0).clientX;
      });
      await lab.evaluate((hook) => {
        const state = hook.store.getState();
        state.removeRun(state.runs[0]!.id);
      });
      await waitForQuiet(page);
      const without = decodePng(await map.screenshot());
      return { withRun, without, boxWidth };
    };
    /** The pixels the run changes, and how many of them are within 20 of each colour. */
    const runPixels = (
      { withRun, without }: { withRun: RgbaImage; without: RgbaImage },
      colors: string[],
    ) => {
      let changed = 0;
      const near = colors.map(() => 0);
      const targets = colors.map((color) => {
        const n = Number.parseInt(color.slice(1), 16);
        return [(n >> 16) & 255, (n >> 8) & 255, n & 255] as const;
      });
      for (let i = 0; i < withRun.data.length; i += 4) {
        const [r, g, b] = [withRun.data[i]!, withRun.data[i + 1]!, withRun.data[i + 2]!];
        const d = Math.max(
          Math.abs(r - without.data[i]!),
          Math.abs(g - without.data[i + 1]!),
          Math.abs(b - without.data[i + 2]!),
        );
        if (d < 40) continue;
        changed += 1;
        targets.forEach(([tr, tg, tb], k) => {
          // Within 20 of the colour; white counts everything light (a casing's blended edges too).
          const tolerance = tr === 255 ? 80 : 20;
          if (Math.max(Math.abs(r - tr), Math.abs(g - tg), Math.abs(b - tb)) <= tolerance) {
            near[k]! += 1;
          }
        });
      }
      return { changed, near };
    };
    const colors = [RUN_PALETTE[0], PRESENTER_PALETTE[0], "#ffffff"];
    const normal = await pictures(link.slice(1));
    const presented = await pictures(`${link.slice(1)}&presenter=1`);
    const a = runPixels(normal, colors);
    const b = runPixels(presented, colors);
    // Normally the run is drawn in #0072B2; in presenter mode in #1F3A93, with a white casing.
    expect(a.near[0]!).toBeGreaterThan(0.4 * a.changed);
    expect(b.near[0]!).toBeLessThan(0.02 * b.changed);
    expect(b.near[1]!).toBeGreaterThan(0.3 * b.changed);
    expect(b.near[2]!).toBeGreaterThan(a.near[2]! + 40);
    // Thicker lines and larger markers: the run covers at least 1.5 times the pixels, beyond
    // what the larger map itself accounts for (lines 3.5 → 5.6 px plus the casing, markers ×1.4).
    const growth = presented.boxWidth / normal.boxWidth;
    expect(b.changed / a.changed / growth).toBeGreaterThan(1.5);
  });

  it("opens from a link in presenter mode, offering the full screen a link cannot ask for", async () => {
    const { page, errors } = await app.open("/?scenario=saddle&presenter=1");
    await page.setViewportSize(PROJECTOR);
    await expect
      .poll(() => page.getByRole("button", { name: "Presenter mode" }).getAttribute("aria-pressed"))
      .toBe("true");
    expect(await isFullscreen(page)).toBe(false);
    const full = page.getByRole("button", { name: "Full screen" });
    await full.click();
    await expect.poll(() => isFullscreen(page), SLOW).toBe(true);
    await expect.poll(() => full.isVisible(), SLOW).toBe(false);
    // F leaves the full screen and stays in presenter mode; the button comes back.
    await blurFocus(page);
    await page.keyboard.press("f");
    await expect.poll(() => isFullscreen(page), SLOW).toBe(false);
    await expect.poll(() => full.isVisible(), SLOW).toBe(true);
    expect(await page.evaluate(() => location.search)).toBe("?scenario=saddle&presenter=1");
    // Every action still on keys: Space plays, C compares, in presenter mode.
    await page.keyboard.press("c");
    await expect.poll(() => namedRegion(page, "Variants").isVisible(), SLOW).toBe(true);
    await page.keyboard.press("c");
    await expect.poll(() => namedRegion(page, "Run legend").isVisible(), SLOW).toBe(true);
    expect(errors).toEqual([]);
  });
});
