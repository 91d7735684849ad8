import { describe, expect, it } from "vitest";
import type { Frame, Locator, Page } from "playwright-core";
import { pixelStats } from "./harness.ts";
import { alertTexts, capture, labHandle, region, useApp, waitForQuiet } from "./support.ts";

const BOWL = "f=x%5E2%2B2*y%5E2&start=-2.5,2&optimizer=gd&lr=0.05";

/** The names of the page's regions, in order. */
async function regionNames(page: Page | Frame): Promise<string[]> {
  return page.$$eval("[role=region]", (nodes) =>
    nodes.map((node) => node.getAttribute("aria-label") ?? ""),
  );
}

async function canvasIn(locator: Locator) {
  return locator.locator("canvas").first();
}

describe("embedded views", () => {
  const app = useApp();

  it("?embed=contour shows the contour map alone, drawn, with a minimal playback bar", async () => {
    const { page, errors } = await app.open(`/?${BOWL}&embed=contour`);
    await page.setViewportSize({ width: 720, height: 480 });
    await waitForQuiet(page);
    await capture(page.locator("#root"), "embed-contour-page-720x480");
    expect(await regionNames(page)).toEqual(["Contour map"]);
    // None of the full page: no editor, no settings, no other view.
    expect(await page.getByRole("textbox").count()).toBe(0);
    expect(await page.getByRole("complementary", { name: "Settings" }).count()).toBe(0);
    const map = region(page, "Contour map");
    const box = await map.boundingBox();
    // It fills the frame above the playback bar.
    expect(box!.width).toBeGreaterThan(700);
    expect(box!.height).toBeGreaterThan(380);
    const image = await capture(await canvasIn(map), "embed-contour-720x480");
    expect(pixelStats(image).distinctColours).toBeGreaterThan(50);
    // Play, the timeline and the step; no speed or step buttons.
    const bar = page.getByRole("group", { name: "Playback" });
    expect(await bar.getByRole("button").allInnerTexts()).toEqual(["▶ Play"]);
    expect(await bar.getByRole("slider", { name: "Timeline" }).count()).toBe(1);
    await bar.getByRole("button", { name: "Play" }).click();
    await expect
      .poll(async () => (await page.getByText(/Step \d+ of/).innerText()).trim())
      .not.toBe("Step 0 of 50");
    // The link opens the same picture in the full page, in a new tab.
    const open = page.getByRole("link", { name: "Open in Descent Lab" });
    expect(await open.getAttribute("target")).toBe("_blank");
    const href = new URL((await open.getAttribute("href"))!);
    expect(href.searchParams.has("embed")).toBe(false);
    expect(href.searchParams.get("f")).toBe("x^2+2*y^2");
    expect(errors).toEqual([]);
  });

  it("embeds the surface, the loss curve, a one-variable curve and a comparison", async () => {
    const cases: [string, string[]][] = [
      [`/?${BOWL}&embed=surface`, ["3D surface"]],
      [`/?${BOWL}&embed=loss`, ["Loss curve"]],
      ["/?scenario=fence&embed=curve", ["Curve of f"]],
      // A view the picture does not have stands in with the full page's own.
      ["/?scenario=fence&embed=contour", ["Curve of f"]],
      [`/?${BOWL}&embed=compare`, ["Contour map"]],
    ];
    for (const [path, names] of cases) {
      const { page, errors } = await app.open(path);
      await waitForQuiet(page);
      expect(await regionNames(page), path).toEqual(names);
      const image = await capture(
        await canvasIn(region(page, names[0] as "Contour map")),
        `embed-${new URL(`http://x${path}`).searchParams.get("embed")}`,
      );
      expect(pixelStats(image).distinctColours, path).toBeGreaterThan(20);
      expect(errors, path).toEqual([]);
    }

    // A comparison made on the full page, embedded from its own link: every variant's map.
    const full = await app.open(`/?${BOWL}`);
    await waitForQuiet(full.page);
    await full.page.getByRole("button", { name: "Compare", exact: true }).click();
    await waitForQuiet(full.page);
    await expect.poll(() => new URL(full.page.url()).searchParams.has("s")).toBe(true);
    const query = new URL(full.page.url()).search;
    const embedded = await app.open(`/${query}&embed=compare`);
    await waitForQuiet(embedded.page);
    const names = await regionNames(embedded.page);
    expect(names[0]).toBe("Variants");
    expect(names.filter((name) => name.startsWith("Contour map: lr = "))).toHaveLength(4);
    await capture(embedded.page.locator("#root"), "embed-compare");
    expect(embedded.errors).toEqual([]);
  });

  it("keeps the host page's keys unless the frame has focus", async () => {
    const { page, errors } = await app.open("/");
    const source = new URL(page.url());
    await page.setContent(
      `<!doctype html><title>Slides</title><p>Slide text</p>` +
        `<iframe src="${source.origin}/?${BOWL}&embed=contour" width="640" height="420"></iframe>`,
    );
    const frame = page.frames().find((f) => f !== page.mainFrame())!;
    await frame.waitForFunction(() => "__descentLab" in window);
    const playing = () =>
      frame.evaluate(() => {
        const hook = (
          window as unknown as { __descentLab: { store: { getState(): { playing: boolean } } } }
        ).__descentLab;
        return hook.store.getState().playing;
      });
    // The host page has focus: its keys are its own.
    await page.keyboard.press("Space");
    await page.keyboard.press("ArrowRight");
    await page.waitForTimeout(300);
    expect(await playing()).toBe(false);
    // A click in the frame gives it focus: now Space plays the view.
    await page
      .frameLocator("iframe")
      .getByRole("region", { name: "Contour map" })
      .click({
        position: { x: 20, y: 40 },
      });
    await page.keyboard.press("Space");
    await expect.poll(playing).toBe(true);
    expect(errors).toEqual([]);
  });

  it("leaves the person's own session alone, and refuses an unknown view with a message", async () => {
    const { page, errors } = await app.open("/?scenario=himmelblau");
    await waitForQuiet(page);
    // A change on the full page is kept in its session (written after a quiet moment).
    const full = await labHandle(page);
    await full.evaluate((hook) => hook.store.getState().setSpeed(50));
    await page.waitForTimeout(800);
    await page.goto(new URL(`/?${BOWL}&embed=loss`, page.url()).toString());
    await waitForQuiet(page);
    expect(await regionNames(page)).toEqual(["Loss curve"]);
    // The embed's address is left as it was.
    await page.waitForTimeout(800);
    expect(new URL(page.url()).searchParams.get("embed")).toBe("loss");
    // Back on the full page with no link: the session it kept, not the embed's picture.
    await page.goto(new URL("/", page.url()).toString());
    await waitForQuiet(page);
    const lab = await labHandle(page);
    expect(await lab.evaluate((hook) => hook.store.getState().text)).toBe(
      "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    );
    expect(await lab.evaluate((hook) => hook.store.getState().speed)).toBe(50);

    await page.goto(new URL(`/?${BOWL}&embed=slides`, page.url()).toString());
    await waitForQuiet(page);
    expect(await alertTexts(page)).toContainEqual(
      expect.stringContaining(
        'Link parameter "embed": "slides" is not one of surface, contour, loss, curve, compare; showing the whole page.',
      ),
    );
    expect(await regionNames(page)).toContain("3D surface");
    expect(errors).toEqual([]);
  });

  it("Embed gives the iframe code of the chosen view, which opens that view", async () => {
    const { page, errors } = await app.open(`/?${BOWL}`);
    await waitForQuiet(page);
    const button = page.getByRole("button", { name: "Embed", exact: true });
    await button.focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("group", { name: "Embed a view" });
    const view = panel.getByRole("combobox", { name: "View" });
    expect(await view.locator("option").allInnerTexts()).toEqual([
      "Contour map",
      "3D surface",
      "Loss curve",
    ]);
    await view.selectOption("loss");
    const code = await panel.getByRole("textbox", { name: "Embed code" }).inputValue();
    expect(code).toMatch(
      /^<iframe src="[^"]+" width="720" height="480" title="Descent Lab: Loss curve"/,
    );
    await capture(page.locator("#root"), "embed-button-panel");
    const src = code.match(/src="([^"]+)"/)![1]!.replaceAll("&amp;", "&");
    const url = new URL(src);
    expect(url.searchParams.get("embed")).toBe("loss");
    const opened = await app.open(url.pathname + url.search);
    await waitForQuiet(opened.page);
    expect(await regionNames(opened.page)).toEqual(["Loss curve"]);
    // Escape closes the panel and puts focus back on its button; the button opens it again.
    await panel.getByRole("combobox", { name: "View" }).focus();
    await page.keyboard.press("Escape");
    expect(await panel.count()).toBe(0);
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    await button.click();
    expect(await panel.count()).toBe(1);
    expect(errors).toEqual([]);
    expect(opened.errors).toEqual([]);
  });
});
