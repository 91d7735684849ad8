/**
 * Screens people really have: a laptop at 150 % (911×512), 1920×1080 at 200 % (960×540), a
 * 1024×768 projector, a 1366×768 laptop, 1280×800, and narrow windows down to a phone (360 px).
 * Every view's plot fits its panel, the playback bar stays on screen, nothing scrolls sideways,
 * and no text is silently cut off. A whole-page screenshot of each size goes to test-artifacts/.
 *
 * "Shown" below means inside the viewport and inside every ancestor that clips (overflow other
 * than visible, or paint containment). The test browser hides scrollbars, as overlay scrollbars
 * do, so a box that only scrolls does not count as showing its text unless something on screen
 * says there is more.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { presets } from "../../src/core/scenario/presets.ts";
import {
  connectBrowser,
  ensureArtifactsDir,
  labHandle,
  openApp,
  waitForQuiet,
  type OpenedPage,
} from "./harness.ts";

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

interface Placement {
  /** The element's own box. */
  rect: Box;
  /** What of the page it can show through: the viewport cut by every clipping ancestor. */
  clip: Box;
  /** True when `rect` lies inside `clip` (1 px slack). */
  shown: boolean;
}

/**
 * Page-side helpers, installed as `window.__screens`. Plain JavaScript: it runs in the page.
 * `place` walks the ancestors: every one whose overflow is not visible, or that contains its
 * paint, cuts what a descendant can show to its padding box.
 */
const PAGE_HELPERS = `
window.__screens = {
  box(r) { return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; },
  place(el) {
    const rect = this.box(el.getBoundingClientRect());
    const clip = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const paint = /paint|content|strict/.test(cs.contain);
      const ar = a.getBoundingClientRect();
      const left = ar.left + a.clientLeft;
      const top = ar.top + a.clientTop;
      if (paint || cs.overflowX !== "visible") {
        clip.left = Math.max(clip.left, left);
        clip.right = Math.min(clip.right, left + a.clientWidth);
      }
      if (paint || cs.overflowY !== "visible") {
        clip.top = Math.max(clip.top, top);
        clip.bottom = Math.min(clip.bottom, top + a.clientHeight);
      }
    }
    const shown = rect.left >= clip.left - 1 && rect.right <= clip.right + 1 &&
      rect.top >= clip.top - 1 && rect.bottom <= clip.bottom + 1;
    return { rect, clip, shown };
  },
  /** Width of a visible vertical scrollbar (0 when scrollbars are hidden or overlaid). */
  scrollbarWidth(el) {
    const cs = getComputedStyle(el);
    return el.offsetWidth - el.clientWidth - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
  },
  scrollbarHeight(el) {
    const cs = getComputedStyle(el);
    return el.offsetHeight - el.clientHeight - parseFloat(cs.borderTopWidth) - parseFloat(cs.borderBottomWidth);
  },
};
`;

const LAPTOP_SIZES = [
  [911, 512],
  [960, 540],
  [1024, 768],
  [1366, 768],
  [1280, 800],
] as const;

const NARROW_SIZES = [
  [360, 740],
  [800, 700],
] as const;

const HEADER_BUTTONS = ["Copy link", "Save scenario", "Open scenario", "Start fresh"];

let browser: Browser | undefined;
let opened: OpenedPage[] = [];

beforeAll(async () => {
  browser = await connectBrowser(inject("wsEndpoint"));
});
afterEach(async () => {
  for (const { context } of opened) await context.close().catch(() => undefined);
  opened = [];
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the explorer in a window of the given CSS size, drawn and quiet, with the helpers. */
async function openAt(width: number, height: number): Promise<OpenedPage> {
  if (!browser) throw new Error("browser not connected");
  const result = await openApp(browser, inject("baseURL"), "/", { width, height });
  opened.push(result);
  await result.page.evaluate(PAGE_HELPERS);
  await waitForQuiet(result.page);
  return result;
}

function describeBox(box: Box): string {
  const r = (v: number) => Math.round(v * 10) / 10;
  return `[${r(box.left)}, ${r(box.top)}] – [${r(box.right)}, ${r(box.bottom)}]`;
}

function inside(inner: Box, outer: Box, slack = 1): boolean {
  return (
    inner.left >= outer.left - slack &&
    inner.top >= outer.top - slack &&
    inner.right <= outer.right + slack &&
    inner.bottom <= outer.bottom + slack
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  const png = await page.screenshot({ fullPage: true, animations: "disabled" });
  await writeFile(join(ensureArtifactsDir(), `${name}.png`), png);
}

interface ViewBoxes {
  name: string;
  panel: Box;
  canvases: Box[];
}

async function viewBoxes(page: Page): Promise<ViewBoxes[]> {
  return page.$$eval("section.view", (sections) =>
    sections.map((section) => {
      const box = (r: DOMRect) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      return {
        name: section.getAttribute("aria-label") ?? "?",
        panel: box(section.getBoundingClientRect()),
        canvases: Array.from(section.querySelectorAll("canvas"), (c) =>
          box(c.getBoundingClientRect()),
        ),
      };
    }),
  );
}

/** Every view's plot lies inside its panel and is big enough to read. */
async function expectViewsFit(page: Page, label: string): Promise<void> {
  const views = await viewBoxes(page);
  expect(
    views.map((v) => v.name),
    `${label}: views`,
  ).toEqual(["3D surface", "Contour map", "Loss curve"]);
  for (const view of views) {
    expect(view.canvases.length, `${label}: ${view.name} has a plot`).toBeGreaterThan(0);
    for (const canvas of view.canvases) {
      expect(
        inside(canvas, view.panel),
        `${label}: ${view.name}'s plot ${describeBox(canvas)} inside its panel ${describeBox(view.panel)}`,
      ).toBe(true);
      expect(canvas.bottom - canvas.top, `${label}: ${view.name}'s plot height`).toBeGreaterThan(
        80,
      );
      expect(canvas.right - canvas.left, `${label}: ${view.name}'s plot width`).toBeGreaterThan(
        120,
      );
    }
  }
}

async function expectNoSidewaysScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${label}: page width ${scrollWidth} within the window's ${innerWidth}`).toBe(
    innerWidth,
  );
}

/** The playback bar and the speed control are inside the window (after any page scrolling). */
async function expectPlaybackOnScreen(page: Page, label: string): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error("no viewport");
  const screen = { left: 0, top: 0, right: viewport.width, bottom: viewport.height };
  for (const [what, locator] of [
    ["playback bar", page.getByRole("group", { name: "Playback" })],
    ["speed", page.getByRole("combobox", { name: /^Speed/ })],
    ["timeline", page.getByRole("slider", { name: "Timeline" })],
  ] as const) {
    const box = await locator.boundingBox();
    if (!box) throw new Error(`${label}: no ${what}`);
    const rect = { left: box.x, top: box.y, right: box.x + box.width, bottom: box.y + box.height };
    expect(inside(rect, screen), `${label}: ${what} ${describeBox(rect)} on screen`).toBe(true);
  }
}

async function placeOf(locator: Locator): Promise<Placement> {
  return locator.evaluate((el) =>
    (window as unknown as { __screens: { place(el: Element): Placement } }).__screens.place(el),
  );
}

async function expectHeaderFits(page: Page, label: string): Promise<void> {
  const header = page.getByRole("banner");
  for (const name of HEADER_BUTTONS) {
    const placement = await placeOf(header.getByRole("button", { name, exact: true }));
    expect(placement.shown, `${label}: "${name}" ${describeBox(placement.rect)} shown`).toBe(true);
  }
  const field = await placeOf(page.getByRole("textbox", { name: "Function" }));
  expect(field.shown, `${label}: the function box ${describeBox(field.rect)} shown whole`).toBe(
    true,
  );
}

/**
 * "This step" shows its last row: the rows fit, or the box scrolls and says so on screen (a
 * visible scrollbar, or its "more below" cue), and scrolled to its end shows the last row.
 */
async function expectStepPanelReachable(page: Page, label: string): Promise<void> {
  const panel = page.locator("section.explainer");
  await panel.scrollIntoViewIfNeeded();
  const state = await panel.evaluate((el) => {
    const helpers = (
      window as unknown as {
        __screens: { place(el: Element): Placement; scrollbarWidth(el: Element): number };
      }
    ).__screens;
    const last = el.querySelector("dl > :last-child");
    if (!last) return null;
    const overflowing = el.scrollHeight > el.clientHeight + 1;
    const scrolls = /auto|scroll/.test(getComputedStyle(el).overflowY);
    // The element whose own text says so, drawn with a size, not hidden, not clipped.
    const cue = Array.from(el.querySelectorAll("*")).find((node) =>
      Array.from(node.childNodes).some(
        (child) => child.nodeType === Node.TEXT_NODE && /more below/i.test(child.textContent ?? ""),
      ),
    );
    const cueBox = cue?.getBoundingClientRect();
    const cueShown =
      cue !== undefined &&
      cueBox !== undefined &&
      cueBox.width > 0 &&
      cueBox.height > 0 &&
      cue.checkVisibility() &&
      helpers.place(cue).shown;
    const scrollbar = helpers.scrollbarWidth(el);
    el.scrollTop = el.scrollHeight;
    const lastShown = helpers.place(last).shown;
    const lastText = last.textContent;
    el.scrollTop = 0;
    return { overflowing, scrolls, cueShown, scrollbar, lastShown, lastText };
  });
  if (!state) throw new Error(`${label}: "This step" has no rows`);
  if (state.overflowing) {
    expect(state.scrolls, `${label}: "This step" overflows, so it must scroll`).toBe(true);
    expect(
      state.scrollbar > 0 || state.cueShown,
      `${label}: "This step" scrolls with a visible scrollbar or a "more below" cue`,
    ).toBe(true);
  }
  expect(state.lastShown, `${label}: last row "${state.lastText}" can be brought into view`).toBe(
    true,
  );
}

describe("laptop and projector screens", () => {
  for (const [width, height] of LAPTOP_SIZES) {
    it(`at ${width}×${height} every plot fits its panel and the playback bar stays on screen`, async () => {
      const { page, errors } = await openAt(width, height);
      const label = `${width}×${height}`;
      await screenshot(page, `screens-${width}x${height}`);
      await expectViewsFit(page, label);
      // The views fit the window: the page itself does not scroll at these sizes.
      for (const view of await viewBoxes(page)) {
        expect(
          view.panel.bottom <= height + 1,
          `${label}: ${view.name} panel ${describeBox(view.panel)} inside the window`,
        ).toBe(true);
      }
      await expectPlaybackOnScreen(page, label);
      await expectNoSidewaysScroll(page, label);
      await expectHeaderFits(page, label);
      // Adam's step carries the most rows (m, v and their corrections).
      const lab = await labHandle(page);
      await lab.evaluate((hook) => {
        const state = hook.store.getState();
        const adam = state.runs.find((run) => run.optimizer === "adam");
        if (adam) state.selectRun(adam.id);
      });
      await page.keyboard.press("ArrowRight");
      await expectStepPanelReachable(page, label);
      expect(errors).toEqual([]);
    });
  }
});

describe("narrow windows", () => {
  for (const [width, height] of NARROW_SIZES) {
    it(`at ${width} px wide nothing scrolls sideways and the views stack inside the page`, async () => {
      const { page, errors } = await openAt(width, height);
      const label = `${width}×${height}`;
      await screenshot(page, `screens-${width}x${height}`);
      await expectNoSidewaysScroll(page, label);
      await expectViewsFit(page, label);
      for (const view of await viewBoxes(page)) {
        expect(
          view.panel.left >= -1 && view.panel.right <= width + 1,
          `${label}: ${view.name} panel ${describeBox(view.panel)} within the window's width`,
        ).toBe(true);
      }
      await expectHeaderFits(page, label);
      await expectPlaybackOnScreen(page, label);
      await expectStepPanelReachable(page, label);
      // Still no sideways scroll with the longest formula and a long note on screen.
      await page.getByRole("button", { name: "Rosenbrock", exact: true }).click();
      await waitForQuiet(page);
      await expectNoSidewaysScroll(page, `${label}, Rosenbrock`);
      expect(errors).toEqual([]);
    });
  }
});

describe("text is never silently cut off", () => {
  for (const [width, height] of [
    [911, 512],
    [1024, 768],
    [360, 740],
  ] as const) {
    it(`at ${width}×${height} Rosenbrock's formula and gradient are shown whole or scroll visibly`, async () => {
      const { page, errors } = await openAt(width, height);
      await page.getByRole("button", { name: "Rosenbrock", exact: true }).click();
      await waitForQuiet(page);
      for (const name of [/^f\(x, y\) =/, /^gradient of f =/]) {
        const math = page.getByRole("math", { name });
        await math.scrollIntoViewIfNeeded();
        const state = await math.evaluate((el) => {
          const helpers = (
            window as unknown as {
              __screens: { place(el: Element): Placement; scrollbarHeight(el: Element): number };
            }
          ).__screens;
          // The nearest ancestor that cuts it off, if any: it must scroll and show a scrollbar.
          let cutter: Element | null = null;
          for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            if (a.scrollWidth > a.clientWidth + 1 && getComputedStyle(a).overflowX !== "visible") {
              cutter = a;
              break;
            }
          }
          const scrolls = cutter ? /auto|scroll/.test(getComputedStyle(cutter).overflowX) : false;
          return {
            placement: helpers.place(el),
            text: el.textContent,
            cutter: cutter ? `${cutter.tagName}.${cutter.className}` : null,
            scrollsVisibly: scrolls && cutter !== null && helpers.scrollbarHeight(cutter) > 0,
          };
        });
        expect(
          state.placement.shown || state.scrollsVisibly,
          `${width}×${height}: "${state.text}" at ${describeBox(state.placement.rect)} shown in ${describeBox(state.placement.clip)}` +
            (state.cutter ? ` (cut by ${state.cutter}, which shows no scrollbar)` : ""),
        ).toBe(true);
      }
      await screenshot(page, `screens-rosenbrock-${width}x${height}`);
      expect(errors).toEqual([]);
    });

    it(`at ${width}×${height} the loss curve's note is shown whole`, async () => {
      const { page, errors } = await openAt(width, height);
      await page.getByRole("button", { name: "Learning-rate regimes", exact: true }).click();
      await waitForQuiet(page);
      const note = page.getByRole("region", { name: "Loss curve" }).getByText(/^Clipped above f/);
      await note.scrollIntoViewIfNeeded();
      const placement = await placeOf(note);
      const state = await note.evaluate((el) => ({
        scrollWidth: el.scrollWidth,
        clientWidth: el.clientWidth,
        text: el.textContent ?? "",
      }));
      expect(state.text).toMatch(/▲ marks where a run leaves the scale\.$/);
      expect(
        state.scrollWidth <= state.clientWidth,
        `${width}×${height}: the note's text (${state.scrollWidth} px) fits its box (${state.clientWidth} px)`,
      ).toBe(true);
      expect(
        placement.shown,
        `${width}×${height}: note ${describeBox(placement.rect)} shown in ${describeBox(placement.clip)}`,
      ).toBe(true);
      expect(errors).toEqual([]);
    });
  }

  it("the loss curve's tick labels stay inside its canvas with a 10000-step run", async () => {
    const { page, errors } = await openAt(1024, 768);
    // Record every label drawn on a 2D canvas, with where it lands in device pixels.
    await page.evaluate(() => {
      const drawn: {
        text: string;
        left: number;
        right: number;
        canvasWidth: number;
        rotated: boolean;
      }[] = [];
      (window as unknown as { __labels: typeof drawn }).__labels = drawn;
      const original = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (text, x, y, maxWidth) {
        const width = this.measureText(text).width;
        const align = this.textAlign;
        const start =
          align === "center" ? x - width / 2 : align === "right" || align === "end" ? x - width : x;
        const m = this.getTransform();
        drawn.push({
          text,
          left: m.a * start + m.c * y + m.e,
          right: m.a * (start + width) + m.c * y + m.e,
          canvasWidth: this.canvas.width,
          rotated: m.b !== 0 || m.c !== 0,
        });
        original.call(this, text, x, y, maxWidth);
      };
    });
    const lab = await labHandle(page);
    // x² + y² with lr 1e-4 shrinks the gradient by 0.9998 a step: still far from converged
    // after 10000 steps, so the step axis runs to 10000 and its last tick sits at the corner.
    await lab.evaluate((hook) => {
      const state = hook.store.getState();
      state.setText("x^2 + y^2");
      const first = hook.store.getState().runs[0];
      if (first) state.updateRun(first.id, { maxSteps: 10000, params: { lr: 1e-4 } });
    });
    await waitForQuiet(page);
    const lastStep = await lab.evaluate((hook) =>
      Math.max(...hook.store.getState().runs.map((run) => run.result.steps)),
    );
    expect(lastStep).toBe(10000);
    const labels = await page.evaluate(
      () =>
        (
          window as unknown as {
            __labels: {
              text: string;
              left: number;
              right: number;
              canvasWidth: number;
              rotated: boolean;
            }[];
          }
        ).__labels,
    );
    const tenThousand = labels.filter((label) => label.text === "10000");
    expect(tenThousand.length, 'a "10000" tick label was drawn').toBeGreaterThan(0);
    for (const label of labels.filter((l) => !l.rotated)) {
      expect(
        label.left >= -0.5 && label.right <= label.canvasWidth + 0.5,
        `label "${label.text}" spans ${label.left.toFixed(1)}–${label.right.toFixed(1)} of a ${label.canvasWidth} px canvas`,
      ).toBe(true);
    }
    expect(errors).toEqual([]);
  });
});

describe("presets", () => {
  for (const [width, height] of [
    [911, 512],
    [1024, 768],
    [360, 740],
  ] as const) {
    it(`at ${width}×${height} a preset click keeps its explanation in view`, async () => {
      const { page, errors } = await openAt(width, height);
      const explanation = page.locator(".scenario-explanation");
      for (const preset of presets) {
        const button = page.getByRole("button", { name: preset.title, exact: true });
        await button.click();
        await expect.poll(() => explanation.textContent()).toBe(preset.explanation);
        // Let any scrolling that follows the load happen before looking.
        await page.waitForTimeout(150);
        const text = await placeOf(explanation);
        expect(
          text.shown,
          `${width}×${height}, ${preset.title}: explanation ${describeBox(text.rect)} shown in ${describeBox(text.clip)}`,
        ).toBe(true);
        // Nothing fixed on the page (the playback bar) covers it.
        const uncovered = await explanation.evaluate((el) => {
          const r = el.getBoundingClientRect();
          return [r.top + 2, (r.top + r.bottom) / 2, r.bottom - 2].every((y) => {
            const hit = document.elementFromPoint(r.left + 4, y);
            return hit !== null && el.contains(hit);
          });
        });
        expect(uncovered, `${width}×${height}, ${preset.title}: explanation not covered`).toBe(
          true,
        );
        // The button that was clicked stays in view too, wherever the two fit together.
        const pressed = await placeOf(button);
        const span = text.rect.bottom - Math.min(pressed.rect.top, text.rect.top);
        if (span <= text.clip.bottom - text.clip.top) {
          expect(
            pressed.shown,
            `${width}×${height}, ${preset.title}: its button ${describeBox(pressed.rect)} stays in view`,
          ).toBe(true);
        }
      }
      await waitForQuiet(page);
      expect(errors).toEqual([]);
      // Every preset, each computed and drawn in software WebGL: more than one page load's time.
    }, 180_000);
  }
});
