// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { App } from "../../src/App.tsx";
import { currentDocument, currentLinkQuery, useExplorerStore } from "../../src/store/index.ts";
import { getLesson, lessons } from "../../src/core/lessons/lessons.ts";
import { loadedLessons, loadLessons } from "../../src/store/lessonLibrary.ts";
import { resetAll } from "./helpers.ts";

afterEach(() => {
  resetAll();
});

const lessonRegion = () => screen.getByRole("region", { name: "Lesson" });

function pressKey(key: string) {
  act(() => {
    fireEvent.keyDown(window, { key });
  });
}

describe("the lessons, loaded when first wanted", () => {
  it("load when the list first opens, which says so meanwhile", async () => {
    expect(loadedLessons()).toBeNull();
    render(<App views={false} />);
    fireEvent.click(screen.getByRole("button", { name: "Lessons" }));
    const list = screen.getByRole("group", { name: "Lessons" });
    expect(within(list).getByRole("status").textContent).toBe("Loading the lessons…");
    expect(await within(list).findAllByRole("listitem")).toHaveLength(10);
    expect(within(list).queryByRole("status")).toBeNull();
    expect(loadedLessons()).toBe(lessons);
  });
});

describe("lessons in the page", () => {
  beforeAll(() => loadLessons());

  it("lists the ten lessons and opens one at its first step", () => {
    render(<App views={false} />);
    expect(screen.queryByRole("region", { name: "Lesson" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Lessons" }));
    const list = screen.getByRole("group", { name: "Lessons" });
    const choices = within(list).getAllByRole("listitem");
    expect(choices).toHaveLength(10);
    expect(choices.map((item) => item.textContent)).toEqual(
      lessons.map((lesson, i) => `${i + 1}. ${lesson.title}${lesson.summary}`),
    );
    // The first choice has the focus, so the keyboard can pick one at once.
    expect(document.activeElement?.textContent).toContain("1. The update rule");
    fireEvent.click(within(list).getByRole("button", { name: /^3\. The four learning-rate/ }));
    expect(screen.queryByRole("group", { name: "Lessons" })).toBeNull();
    const region = lessonRegion();
    expect(within(region).getByRole("heading").textContent).toBe(
      "Lesson 3: The four learning-rate regimes Step 1 of 5",
    );
    expect(region.textContent).toContain("A good rate.");
    expect(currentDocument()).toEqual(getLesson("learning-rates")!.steps[0]!.document);
    // The scenario panel does not call a lesson's picture the person's own setup.
    expect(
      screen.getByText("A lesson's picture: the lesson above says what to notice."),
    ).toBeTruthy();
    expect(within(region).getByRole("button", { name: "Back" })).toHaveProperty("disabled", true);
  });

  it("steps with Next and Back, and with Page Down and Page Up, to the ends and no further", () => {
    render(<App views={false} />);
    act(() => useExplorerStore.getState().openLesson("saddles"));
    const next = within(lessonRegion()).getByRole("button", { name: "Next" });
    fireEvent.click(next);
    expect(lessonRegion().textContent).toContain("Step 2 of 3");
    expect(currentLinkQuery()).toBe("?lesson=saddles&step=2");
    pressKey("PageDown");
    expect(lessonRegion().textContent).toContain("Step 3 of 3");
    expect(within(lessonRegion()).getByRole("button", { name: "Next" })).toHaveProperty(
      "disabled",
      true,
    );
    pressKey("PageDown");
    expect(lessonRegion().textContent).toContain("Step 3 of 3");
    pressKey("PageUp");
    pressKey("PageUp");
    pressKey("PageUp");
    expect(lessonRegion().textContent).toContain("Step 1 of 3");
    expect(useExplorerStore.getState().runs).toHaveLength(1);
    fireEvent.click(within(lessonRegion()).getByRole("button", { name: "Back" }));
    expect(lessonRegion().textContent).toContain("Step 1 of 3");
  });

  it("leaves Page Down to a focused slider and to the page when no lesson is open", () => {
    render(<App views={false} />);
    const event = new KeyboardEvent("keydown", {
      key: "PageDown",
      bubbles: true,
      cancelable: true,
    });
    window.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
    act(() => useExplorerStore.getState().openLesson("valleys"));
    const slider = screen.getAllByRole("slider")[0]!;
    slider.focus();
    fireEvent.keyDown(slider, { key: "PageDown" });
    expect(useExplorerStore.getState().lesson?.step).toBe(0);
    slider.blur();
    pressKey("PageDown");
    expect(useExplorerStore.getState().lesson?.step).toBe(1);
  });

  it("closes with ×, keeping the picture; Escape closes the list", () => {
    render(<App views={false} />);
    act(() => useExplorerStore.getState().openLesson("curvature", 2));
    const runs = useExplorerStore.getState().runs;
    fireEvent.click(within(lessonRegion()).getByRole("button", { name: "Close lesson" }));
    expect(screen.queryByRole("region", { name: "Lesson" })).toBeNull();
    expect(useExplorerStore.getState().runs).toBe(runs);
    const button = screen.getByRole("button", { name: "Lessons" });
    fireEvent.click(button);
    fireEvent.keyDown(screen.getByRole("group", { name: "Lessons" }), { key: "Escape" });
    expect(screen.queryByRole("group", { name: "Lessons" })).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});
