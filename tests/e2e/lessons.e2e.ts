import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { blurFocus, labHandle, useApp, waitForQuiet } from "./support.ts";
import { ensureArtifactsDir } from "./harness.ts";
import { lessons } from "../../src/core/lessons/lessons.ts";

const PROJECTOR = { width: 1024, height: 768 };

describe("lessons", () => {
  const app = useApp();

  it("a clicker's Page Down and Page Up step a lesson opened from its link", async () => {
    const { page, errors } = await app.open("/?lesson=learning-rates&step=2");
    await page.setViewportSize(PROJECTOR);
    await waitForQuiet(page);
    const lesson = page.getByRole("region", { name: "Lesson" });
    await expect.poll(() => lesson.textContent()).toContain("Step 2 of 5");
    await blurFocus(page);
    await page.keyboard.press("PageDown");
    await expect.poll(() => lesson.textContent()).toContain("Step 3 of 5");
    await expect
      .poll(() => page.evaluate(() => location.search))
      .toBe("?lesson=learning-rates&step=3");
    const lab = await labHandle(page);
    expect(await lab.evaluate((hook) => hook.store.getState().runs.length)).toBe(3);
    // The step's picture is drawn: the loss curve names its three runs.
    await waitForQuiet(page);
    await page.keyboard.press("PageDown");
    await page.keyboard.press("PageDown");
    await expect.poll(() => lesson.textContent()).toContain("Step 5 of 5");
    // The last step compares the four rates side by side.
    await expect.poll(() => page.getByRole("region", { name: "Variants" }).isVisible()).toBe(true);
    await page.keyboard.press("PageDown");
    await expect.poll(() => lesson.textContent()).toContain("Step 5 of 5");
    await page.keyboard.press("PageUp");
    await expect.poll(() => lesson.textContent()).toContain("Step 4 of 5");
    await expect
      .poll(() => page.getByRole("region", { name: "Contour map" }).isVisible())
      .toBe(true);
    // A reload keeps the step: the address is that step's link.
    await page.reload();
    await expect
      .poll(() => page.getByRole("region", { name: "Lesson" }).textContent())
      .toContain("Step 4 of 5");
    expect(errors).toEqual([]);
  });

  it("the lessons load when first wanted: not with the page, but when the list opens", async () => {
    const { page, errors } = await app.open("/");
    const fetched: string[] = [];
    page.on("request", (request) => fetched.push(new URL(request.url()).pathname));
    await waitForQuiet(page);
    const lessonChunk = (path: string) => /\/assets\/lessons-[\w-]+\.js$/.test(path);
    // The page loaded before the listener: what it has loaded is in its resource timings.
    const loaded = await page.evaluate(() =>
      performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname),
    );
    expect(loaded.some((path) => path.endsWith(".js"))).toBe(true);
    expect(loaded.filter(lessonChunk)).toEqual([]);
    await page.getByRole("button", { name: "Lessons", exact: true }).click();
    const list = page.getByRole("group", { name: "Lessons" });
    await expect.poll(() => list.getByRole("listitem").count()).toBe(lessons.length);
    expect(fetched.filter(lessonChunk)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  // One picture a lesson: the time grows with the lessons, so it has room of its own.
  it(
    "each lesson's first step in presenter mode at 1024×768 (pictures in test-artifacts)",
    {
      timeout: 150_000,
    },
    async () => {
      const { page, errors } = await app.open("/?presenter=1");
      await page.setViewportSize(PROJECTOR);
      const lab = await labHandle(page);
      ensureArtifactsDir();
      for (const [index, lesson] of lessons.entries()) {
        await lab.evaluate((hook, id) => hook.store.getState().openLesson(id), lesson.id);
        const region = page.getByRole("region", { name: "Lesson" });
        await expect.poll(() => region.textContent()).toContain(`Lesson ${index + 1}: `);
        await expect.poll(() => region.textContent()).toContain("Step 1 of ");
        await waitForQuiet(page);
        await page.screenshot({
          path: join("test-artifacts", `lesson-${index + 1}-${lesson.id}-1024x768.png`),
        });
        // The step's text is all on screen: its box is inside the window, nothing scrolled away.
        const box = await region.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.y + box!.height).toBeLessThanOrEqual(PROJECTOR.height);
        const overflow = await region.evaluate(
          (element) => element.scrollHeight - element.clientHeight,
        );
        expect(overflow, lesson.id).toBeLessThanOrEqual(1);
      }
      expect(errors).toEqual([]);
    },
  );
});
