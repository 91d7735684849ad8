// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, fireEvent, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { totalSteps, useExplorerStore } from "../../src/store/index.ts";
import { getPlayhead } from "../../src/store/playhead.ts";
import { explainStep } from "../../src/ui/StepExplainer.tsx";
import { resetAll } from "./helpers.ts";

afterEach(resetAll);

const total = () => totalSteps(useExplorerStore.getState());

describe("playback bar", () => {
  it("Play reads Pause while playing, and back", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    await user.click(screen.getByRole("button", { name: "Play" }));
    expect(useExplorerStore.getState().playing).toBe(true);
    await user.click(screen.getByRole("button", { name: "Pause" }));
    expect(useExplorerStore.getState().playing).toBe(false);
    expect(screen.getByRole("button", { name: "Play" })).toBeTruthy();
  });

  it("steps, resets and shows Step k of n", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    expect(screen.getByText(`Step 0 of ${total()}`)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Step forward" }));
    await user.click(screen.getByRole("button", { name: "Step forward" }));
    expect(getPlayhead().step).toBe(2);
    expect(screen.getByText(`Step 2 of ${total()}`)).toBeTruthy();
    expect(screen.getByRole("slider", { name: "Timeline" })).toHaveProperty("value", "2");
    await user.click(screen.getByRole("button", { name: "Step back" }));
    expect(screen.getByText(`Step 1 of ${total()}`)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Reset" }));
    expect(getPlayhead().step).toBe(0);
  });

  it("the timeline scrubs to any step", () => {
    render(<App views={false} />);
    const slider = screen.getByRole("slider", { name: "Timeline" });
    expect(slider.getAttribute("max")).toBe(String(total()));
    fireEvent.input(slider, { target: { value: "37" } });
    expect(getPlayhead().step).toBe(37);
    expect(screen.getByText(`Step 37 of ${total()}`)).toBeTruthy();
  });

  it("explains the selected run's step with the numbers of the update rule", () => {
    render(<App views={false} />);
    const text = () => screen.getByRole("region", { name: /This step of Run 1/ }).textContent;
    // f = x^2 + 10y^2 at (-2.5, 1.5): f = 28.75, grad = (-5, 30); lr 0.09 step = (0.45, -2.7).
    expect(text()).toContain("(-2.5, 1.5)");
    expect(text()).toContain("28.75");
    expect(text()).toContain("(-5, 30)");
    expect(text()).toContain("(0.45, -2.7)");
    act(() => useExplorerStore.getState().stepForward());
    // At x1 = (-2.05, -1.2): grad = (-4.1, -24).
    expect(text()).toContain("(-4.1, -24)");
  });

  it("explainStep reports the end of a run with its classification", () => {
    const run = useExplorerStore.getState().runs[0]!;
    const rows = explainStep(run, run.result.steps + 10);
    const stopped = rows.find(([term]) => term === "Stopped");
    expect(stopped?.[1]).toMatch(/converged.*minimum.*eigenvalues 2, 20/);
  });
});

describe("keyboard", () => {
  it("Space plays and pauses, arrows step, R resets", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    await user.keyboard(" ");
    expect(useExplorerStore.getState().playing).toBe(true);
    await user.keyboard(" ");
    expect(useExplorerStore.getState().playing).toBe(false);
    act(() => useExplorerStore.getState().seek(0));
    await user.keyboard("{ArrowRight}{ArrowRight}{ArrowRight}");
    expect(getPlayhead().step).toBe(3);
    await user.keyboard("{ArrowLeft}");
    expect(getPlayhead().step).toBe(2);
    await user.keyboard("r");
    expect(getPlayhead().step).toBe(0);
  });

  it("Space on a focused button presses that button only", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    screen.getByRole("button", { name: "Step forward" }).focus();
    await user.keyboard(" ");
    expect(useExplorerStore.getState().playing).toBe(false);
    expect(getPlayhead().step).toBe(1);
  });

  it("Space on a focused checkbox toggles it and does not play", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const checkbox = screen.getByRole("checkbox", { name: "Add run on click" });
    checkbox.focus();
    await user.keyboard(" ");
    expect((checkbox as HTMLInputElement).checked).toBe(true);
    expect(useExplorerStore.getState().view.addMode).toBe(true);
    expect(useExplorerStore.getState().playing).toBe(false);
    await user.keyboard(" ");
    expect((checkbox as HTMLInputElement).checked).toBe(false);
    expect(useExplorerStore.getState().playing).toBe(false);
  });

  it("arrows on a focused slider are the slider's, not the playhead's", () => {
    render(<App views={false} />);
    act(() => useExplorerStore.getState().seek(3));
    const slider = screen.getByRole("slider", { name: "lr slider" });
    slider.focus();
    // fireEvent returns false when a handler prevented the default, which would stop the slider.
    expect(fireEvent.keyDown(slider, { key: "ArrowRight" })).toBe(true);
    expect(fireEvent.keyDown(slider, { key: "ArrowLeft" })).toBe(true);
    expect(getPlayhead().step).toBe(3);
    // Space means nothing to a slider, so it still plays.
    expect(fireEvent.keyDown(slider, { key: " " })).toBe(false);
    expect(useExplorerStore.getState().playing).toBe(true);
  });

  it("a focused select keeps Space, arrows and letters", () => {
    render(<App views={false} />);
    act(() => useExplorerStore.getState().seek(3));
    const select = screen.getByRole("combobox", { name: "Optimizer" });
    select.focus();
    for (const key of [" ", "ArrowRight", "ArrowLeft", "r"]) {
      expect(fireEvent.keyDown(select, { key }), key).toBe(true);
    }
    expect(getPlayhead().step).toBe(3);
    expect(useExplorerStore.getState().playing).toBe(false);
  });

  it("keys typed into the function or a select are not shortcuts", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    act(() => useExplorerStore.getState().seek(5));
    const input = screen.getByRole("textbox", { name: "Function" });
    await user.click(input);
    await user.keyboard("r {ArrowLeft}");
    expect(getPlayhead().step).toBe(5);
    expect(useExplorerStore.getState().playing).toBe(false);
    expect((input as HTMLInputElement).value).toContain("r ");
  });
});
