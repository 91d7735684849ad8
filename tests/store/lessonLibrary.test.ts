import { afterEach, describe, expect, it, vi } from "vitest";

/** A fresh copy of the store and its lesson library, the lessons not loaded yet. */
async function freshStore() {
  vi.resetModules();
  const library = await import("../../src/store/lessonLibrary.ts");
  const { useExplorerStore, currentLinkQuery } = await import("../../src/store/index.ts");
  return { library, store: useExplorerStore, currentLinkQuery };
}

afterEach(() => {
  vi.doUnmock("../../src/core/lessons/lessons.ts");
});

describe("the lessons, loaded when first wanted", () => {
  it("reads a lesson's link once they have loaded, and opens its step", async () => {
    const { library, store, currentLinkQuery } = await freshStore();
    expect(library.loadedLessons()).toBeNull();
    const before = store.getState().runs;
    store.getState().loadLink("?lesson=saddles&step=2");
    // Nothing changes until they arrive: the picture is not half a link.
    expect(store.getState().lesson).toBeNull();
    expect(store.getState().runs).toBe(before);
    await vi.waitFor(() => expect(store.getState().lesson).toEqual({ id: "saddles", step: 1 }));
    expect(library.loadedLessons()).toHaveLength(10);
    expect(currentLinkQuery()).toBe("?lesson=saddles&step=2");
  });

  it("reads a link without a lesson at once, without loading them", async () => {
    const { library, store } = await freshStore();
    store.getState().loadLink("?scenario=saddle");
    expect(store.getState().scenarioId).toBe("saddle");
    expect(library.loadedLessons()).toBeNull();
  });

  it("opens a lesson asked for before they load, once they have", async () => {
    const { library, store } = await freshStore();
    store.getState().openLesson("curvature", 2);
    expect(store.getState().lesson).toBeNull();
    await vi.waitFor(() => expect(store.getState().lesson).toEqual({ id: "curvature", step: 2 }));
    expect(library.loadedLesson("curvature")?.steps).toHaveLength(
      library.loadedLessons()!.find((lesson) => lesson.id === "curvature")!.steps.length,
    );
  });

  it("says when they cannot load, opens the rest of the link, and tries again later", async () => {
    vi.doMock("../../src/core/lessons/lessons.ts", () => {
      throw new Error("offline");
    });
    const { library, store } = await freshStore();
    store.getState().loadLink("?scenario=saddle&lesson=saddles");
    await vi.waitFor(() => expect(store.getState().notices.length).toBeGreaterThan(0));
    expect(store.getState().notices[0]).toMatch(
      /^The lessons could not be loaded \(.+\); try again later\.$/s,
    );
    expect(store.getState().scenarioId).toBe("saddle");
    expect(store.getState().lesson).toBeNull();
    vi.doUnmock("../../src/core/lessons/lessons.ts");
    store.getState().openLesson("saddles");
    await vi.waitFor(() => expect(store.getState().lesson).toEqual({ id: "saddles", step: 0 }));
    expect(library.loadedLessons()).toHaveLength(10);
  });
});
