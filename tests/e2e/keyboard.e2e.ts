import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import {
  blurFocus,
  labHandle,
  loadScenario,
  runLoss,
  snapshot,
  stepText,
  useApp,
} from "./support.ts";
import { decodePng, differingFraction } from "./harness.ts";

/** Puts the playhead at step `k` with the page's own shortcut, focus on nothing. */
async function stepTo(page: Page, k: number): Promise<void> {
  await blurFocus(page);
  for (let i = 0; i < k; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(async () => (await stepText(page)).k).toBe(k);
}

describe("a focused control gets its own keys", () => {
  const app = useApp();

  it("Space on a focused checkbox toggles it and does not play", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    const checkbox = page.getByRole("checkbox", { name: "Add run on click" });
    await checkbox.focus();
    expect(await checkbox.isChecked()).toBe(false);
    await page.keyboard.press("Space");
    await expect.poll(() => checkbox.isChecked()).toBe(true);
    await page.waitForTimeout(300);
    const state = await snapshot(page);
    expect(state.playing).toBe(false);
    expect(state.step).toBe(0);
    await page.keyboard.press("Space");
    await expect.poll(() => checkbox.isChecked()).toBe(false);
    expect((await snapshot(page)).playing).toBe(false);
    expect(errors).toEqual([]);
  });

  it("Space on a focused button presses that button only", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    await page.getByRole("button", { name: "Step forward", exact: true }).focus();
    await page.keyboard.press("Space");
    await expect.poll(async () => (await stepText(page)).k).toBe(1);
    await page.waitForTimeout(300);
    const state = await snapshot(page);
    expect(state.playing).toBe(false);
    expect(state.step).toBe(1);
  });

  it("arrows on a focused range slider move the slider, not the playhead", async () => {
    const { page } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    await stepTo(page, 3);
    const slider = page.getByRole("slider", { name: "lr slider" });
    const before = Number(await slider.inputValue());
    const lrBefore = (await snapshot(page)).runs[0]!.params.lr!;
    await slider.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => Number(await slider.inputValue())).toBe(before + 2);
    // The slider moved the selected run's learning rate up; the playhead stayed at step 3.
    await expect
      .poll(async () => (await snapshot(page)).runs[0]!.params.lr!)
      .toBeGreaterThan(lrBefore);
    expect((await stepText(page)).k).toBe(3);
    await page.keyboard.press("ArrowLeft");
    await expect.poll(async () => Number(await slider.inputValue())).toBe(before + 1);
    expect((await stepText(page)).k).toBe(3);
    const lab = await labHandle(page);
    expect(await lab.evaluate((hook) => hook.getPlayhead().step)).toBe(3);
  });
});

describe("a start point moves without a mouse", () => {
  const app = useApp();

  /** A number field's value as the page shows it. */
  async function fieldValue(page: Page, name: string): Promise<number> {
    return Number(await page.getByRole("textbox", { name, exact: true }).inputValue());
  }

  it("Tab reaches the contour map, and Shift+arrows move the selected run's start", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    // The second run (start (-2, -1)) is the one to move.
    await page.getByRole("button", { name: "Run 2", exact: true }).click();
    const [xmin, xmax, ymin, ymax] = await Promise.all(
      ["x min", "x max", "y min", "y max"].map((name) => fieldValue(page, name)),
    );
    expect([xmin, xmax, ymin, ymax]).toEqual([-3, 3, -3, 3]);

    // Tab from the top of the page until focus is on the map: it is in the tab order.
    await blurFocus(page);
    const map = page.getByRole("img", { name: /^Contour map/ });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await map.evaluate((element) => element === document.activeElement);
    }
    expect(reached, "Tab should reach the contour map").toBe(true);

    for (let i = 0; i < 3; i++) await page.keyboard.press("Shift+ArrowRight");
    for (let i = 0; i < 2; i++) await page.keyboard.press("Shift+ArrowUp");
    // A fiftieth of the 6-wide box per press: x = -2 + 3·0.12, y = -1 + 2·0.12.
    await expect.poll(() => fieldValue(page, "Start x")).toBeCloseTo(-1.64, 9);
    await expect.poll(() => fieldValue(page, "Start y")).toBeCloseTo(-0.76, 9);
    // The path followed: at step 0 the run reads f at its new start, 1.64² + 0.76².
    expect(await runLoss(page, 2)).toBeCloseTo(3.2672, 3);
    // The first run did not move.
    await page.getByRole("button", { name: "Run 1", exact: true }).click();
    expect(await fieldValue(page, "Start x")).toBe(2.5);
    expect(await fieldValue(page, "Start y")).toBe(2);

    // Plain arrows on the focused map still step the playhead.
    await map.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await stepText(page)).k).toBe(1);
    expect(errors).toEqual([]);
  });
});

describe("every control is reachable with Tab and shows where focus is", () => {
  const app = useApp();

  it("each stop in the tab order visibly changes when it takes focus", async () => {
    const { page, errors } = await app.open("/");
    await loadScenario(page, "convex-bowl");
    await blurFocus(page);
    const viewport = page.viewportSize()!;
    const stops: string[] = [];
    const unmarked: string[] = [];
    const seen = new Set<unknown>();
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluateHandle(() => document.activeElement);
      const element = focused.asElement();
      if (!element) break;
      const info = await element.evaluate((e) => {
        const label = e.id ? document.querySelector(`label[for="${e.id}"]`)?.textContent : null;
        const name = e.getAttribute("aria-label") ?? label ?? e.textContent ?? "";
        const r = e.getBoundingClientRect();
        return {
          body: e === document.body,
          name: `${e.tagName.toLowerCase()} "${name.trim().slice(0, 40)}"`,
          rect: { x: r.x, y: r.y, width: r.width, height: r.height },
        };
      });
      if (info.body || seen.has(info.name + JSON.stringify(info.rect))) break;
      seen.add(info.name + JSON.stringify(info.rect));
      stops.push(info.name);
      // The element and a ring's width around it, inside the viewport.
      const x = Math.max(0, Math.floor(info.rect.x - 6));
      const y = Math.max(0, Math.floor(info.rect.y - 6));
      const clip = {
        x,
        y,
        width: Math.min(viewport.width, Math.ceil(info.rect.x + info.rect.width + 6)) - x,
        height: Math.min(viewport.height, Math.ceil(info.rect.y + info.rect.height + 6)) - y,
      };
      const withFocus = decodePng(await page.screenshot({ clip, animations: "disabled" }));
      await element.evaluate((e) => (e as HTMLElement).blur());
      const without = decodePng(await page.screenshot({ clip, animations: "disabled" }));
      // Focus goes back where Tab put it, so the next Tab moves on from here.
      await element.evaluate((e) => (e as HTMLElement).focus());
      const changed = differingFraction(withFocus, without) * clip.width * clip.height;
      // A ring 3 px wide all round changes about 6·(w + h) pixels; ask for a sixth of that.
      if (changed < clip.width + clip.height)
        unmarked.push(`${info.name}: ${Math.round(changed)} px`);
    }
    // The whole page was walked: the run list, the views and the playback bar are all in it.
    expect(stops.length).toBeGreaterThan(20);
    const names = stops.join("\n");
    for (const expected of ["Run 1", "Contour map", "Play", "Copy link"]) {
      expect(names).toContain(expected);
    }
    expect(unmarked).toEqual([]);
    expect(errors).toEqual([]);
  });
});
