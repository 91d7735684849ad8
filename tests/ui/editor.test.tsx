// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { useExplorerStore } from "../../src/store/index.ts";
import { resetAll } from "./helpers.ts";

afterEach(() => {
  resetAll();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("function editor", () => {
  it("shows the typeset function and its gradient", () => {
    render(<App views={false} />);
    expect(screen.getByRole("textbox", { name: "Function" })).toHaveProperty(
      "value",
      "x^2 + 10*y^2",
    );
    expect(screen.getByRole("math", { name: /^f\(x, y\) = / })).toBeTruthy();
    expect(screen.getByRole("math", { name: /^gradient of f = / })).toBeTruthy();
  });

  it("validates on every keystroke, underlines the offending character, and keeps every run", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    const runsBefore = useExplorerStore.getState().runs;
    await user.clear(input);
    await user.type(input, "x^2 + z");
    const alert = screen.getByRole("alert");
    // "z" is the 7th character of "x^2 + z".
    expect(alert.textContent).toContain("at character 7");
    expect(alert.textContent).toMatch(/z/);
    const marks = alert.querySelectorAll("mark");
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe("z");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    // The last valid surface stays. "x^2" on the way was valid but of one variable, so it waited
    // for a pause in typing that never came: the function drawn is still the first one.
    expect(alert.textContent).toContain("Still showing f = x^2 + 10*y^2");
    expect(screen.getAllByRole("listitem", { name: /^Run \d/ })).toHaveLength(4);
    expect(useExplorerStore.getState().runs.map((r) => r.id)).toEqual(runsBefore.map((r) => r.id));

    await user.clear(input);
    await user.type(input, "x^2 + y^2");
    expect(screen.getByRole("alert").textContent).toBe("");
    expect(input.getAttribute("aria-invalid")).toBe("false");
    expect(useExplorerStore.getState().surface.text).toBe("x^2 + y^2");
    expect(screen.getAllByRole("listitem", { name: /^Run \d/ })).toHaveLength(4);
  });

  it("marks an error at the very end of the text", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    await user.clear(input);
    await user.type(input, "x^2 +");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toMatch(/Function at (the end|character 5)/);
    expect(within(alert).getByText(/Still showing/)).toBeTruthy();
  });
});

describe("hostile text in the editor", () => {
  it("names an invisible character, shows it as a mark, and keeps quoted text from reordering the alert", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    await user.clear(input);
    // A right-to-left override would show "x + 1" after it backwards, and the rest of the line.
    await user.type(input, "x^2\u202E + 1");
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain(
      "Function at character 4: an invisible character is here, the right-to-left override (U+202E): delete it",
    );
    const mark = alert.querySelector("mark")!;
    expect(mark.textContent).toBe("⟨U+202E⟩");
    // The quoted formula sits in an isolate, and no override reaches the page's own text.
    expect(mark.closest("bdi")).not.toBeNull();
    expect(alert.textContent).not.toContain("\u202E");
    // A link's message quoting hidden characters: the same marks, each message isolated.
    act(() => useExplorerStore.getState().notify('label "Run\u2067 2" was not used'));
    const notice = within(alert).getByText('label "Run⟨U+2067⟩ 2" was not used');
    expect(notice.tagName).toBe("BDI");
    expect(alert.textContent).not.toContain("\u2067");
  });

  it("a pasted 100k-character function is refused by length; the alert quotes only a window", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    const runs = useExplorerStore.getState().runs;
    await user.clear(input);
    await user.click(input);
    await user.paste("x+".repeat(50_000) + "1");
    const alert = screen.getByRole("alert");
    expect(useExplorerStore.getState().surfaceError?.code).toBe("too-long");
    expect(alert.querySelector("code")!.textContent!.length).toBeLessThan(200);
    expect(useExplorerStore.getState().runs).toBe(runs);
  });

  it("markup typed as a function stays text", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" });
    await user.clear(input);
    await user.type(input, "<img src=x onerror=alert(1)>");
    expect(document.querySelector("img")).toBeNull();
    expect(screen.getByRole("alert").textContent).toContain("<img");
  });
});

describe("changing the number of variables waits until typing pauses", () => {
  /** A user whose pauses run on fake timers, and the Function box with its text selected. */
  function setup() {
    vi.useFakeTimers();
    // Testing Library lets React settle with a zero-delay timeout, which it advances itself only
    // when it sees a `jest` global; point that at vitest's clock.
    vi.stubGlobal("jest", { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) });
    const user = userEvent.setup({ advanceTimers: (ms) => vi.advanceTimersByTime(ms) });
    render(<App views={false} />);
    const input = screen.getByRole("textbox", { name: "Function" }) as HTMLInputElement;
    input.setSelectionRange(0, input.value.length);
    return { user, input };
  }
  const state = () => useExplorerStore.getState();

  it("typing x^2 + y^2 over a function of two variables never draws one of one variable", async () => {
    const { user, input } = setup();
    const dimensions: number[] = [];
    const unsubscribe = useExplorerStore.subscribe((s) => dimensions.push(s.surface.dimension));
    await user.click(input);
    await user.keyboard("{Control>}a{/Control}");
    // Keys 100 ms apart, far under the 600 ms pause.
    for (const key of "x^2 + y^2") {
      await user.keyboard(key);
      act(() => vi.advanceTimersByTime(100));
      expect(state().surface.dimension, `after "${input.value}"`).toBe(2);
    }
    unsubscribe();
    expect(input.value).toBe("x^2 + y^2");
    expect(state().surface.text).toBe("x^2 + y^2");
    expect(dimensions.every((d) => d === 2)).toBe(true);
    act(() => vi.advanceTimersByTime(2000));
    expect(state().surface.dimension).toBe(2);
  });

  it("a function of one variable applies after a 600 ms pause", async () => {
    const { user, input } = setup();
    await user.type(input, "x^2", { initialSelectionStart: 0, initialSelectionEnd: 99 });
    expect(input.value).toBe("x^2");
    expect(state().surface.text).toBe("x^2 + 10*y^2");
    // No error while the text waits: it is valid.
    expect(screen.getByRole("alert").textContent).toBe("");
    expect(input.getAttribute("aria-invalid")).toBe("false");
    act(() => vi.advanceTimersByTime(599));
    expect(state().surface.dimension).toBe(2);
    act(() => vi.advanceTimersByTime(1));
    expect(state().surface.text).toBe("x^2");
    expect(state().surface.dimension).toBe(1);
    expect(state().text).toBe("x^2");
    expect(input.value).toBe("x^2");
  });

  it("Enter or leaving the field applies it at once", async () => {
    const { user, input } = setup();
    await user.type(input, "x^2{Enter}", { initialSelectionStart: 0, initialSelectionEnd: 99 });
    expect(state().surface.text).toBe("x^2");
    await user.type(input, "+y", { initialSelectionStart: 3, initialSelectionEnd: 3 });
    // "x^2+y" has two variables again: it waits until the field loses focus.
    expect(state().surface.dimension).toBe(1);
    await user.tab();
    expect(state().surface.text).toBe("x^2+y");
    expect(state().surface.dimension).toBe(2);
  });

  it("an error shows at once, and a valid text typed after it clears it at once", async () => {
    const { user, input } = setup();
    await user.clear(input);
    // The empty box is an error, shown without waiting.
    expect(screen.getByRole("alert").textContent).toMatch(/type a function/);
    await user.type(input, "x");
    // "x" is valid (one variable): it waits, but the error about the empty box is gone.
    expect(state().surface.dimension).toBe(2);
    expect(screen.getByRole("alert").textContent).toBe("");
    expect(input.getAttribute("aria-invalid")).toBe("false");
    await user.type(input, "^");
    expect(screen.getByRole("alert").textContent).toContain("Function at");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    // The error cancelled the wait: nothing is applied later.
    act(() => vi.advanceTimersByTime(1000));
    expect(state().surface.text).toBe("x^2 + 10*y^2");
  });

  it("a change that keeps the number of variables applies at once", async () => {
    const { user, input } = setup();
    await user.type(input, "x^2 + 3*y^2", { initialSelectionStart: 0, initialSelectionEnd: 99 });
    expect(state().surface.text).toBe("x^2 + 3*y^2");
  });

  it("a preset opened while a text waits wins; the waiting text is dropped", async () => {
    const { user, input } = setup();
    await user.type(input, "x", { initialSelectionStart: 0, initialSelectionEnd: 99 });
    act(() => state().loadScenario("convex-bowl"));
    expect(input.value).toBe("x^2 + y^2");
    act(() => vi.advanceTimersByTime(1000));
    expect(state().surface.text).toBe("x^2 + y^2");
    expect(input.value).toBe("x^2 + y^2");
  });
});
