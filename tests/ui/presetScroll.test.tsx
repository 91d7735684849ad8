// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { getPreset } from "../../src/core/scenario/presets.ts";
import { useExplorerStore } from "../../src/store/index.ts";
import { resetAll } from "./helpers.ts";

/** Which elements were scrolled into view, in order (jsdom has no layout, so none scrolls). */
let scrolled: Element[] = [];

beforeEach(() => {
  scrolled = [];
  Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
    scrolled.push(this);
  });
});
afterEach(() => {
  resetAll();
  delete (Element.prototype as Partial<Element>).scrollIntoView;
});

describe("what a click scrolls into view", () => {
  it("a preset click brings its explanation into view and no run", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    // Convex bowl has two runs, Elongated bowl four: more runs than before, yet none was added
    // (the preset replaced them all), so no run is scrolled to.
    await user.click(screen.getByRole("button", { name: "Convex bowl" }));
    scrolled = [];
    await user.click(screen.getByRole("button", { name: "Elongated bowl" }));
    const explanation = screen.getByText(getPreset("elongated-bowl")!.explanation);
    expect(scrolled).toEqual([explanation]);
    expect(useExplorerStore.getState().runs).toHaveLength(4);
  });

  it("adding a run brings the new run into view", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    await user.click(screen.getByRole("button", { name: "Add run" }));
    const items = screen.getAllByRole("listitem", { name: /^Run \d/ });
    expect(items).toHaveLength(5);
    expect(scrolled).toEqual([items[4]]);
  });

  it("a scenario opened from outside the picker (a file, a link) scrolls nothing", () => {
    render(<App views={false} />);
    act(() => useExplorerStore.getState().loadScenario("himmelblau"));
    expect(scrolled).toEqual([]);
  });
});
