// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { useExplorerStore } from "../../src/store/index.ts";
import { setPlayheadStep } from "../../src/store/playhead.ts";
import { resetAll } from "./helpers.ts";

afterEach(resetAll);

const runItems = () => screen.getAllByRole("listitem", { name: /^Run \d/ });

describe("run list", () => {
  it("lists every run with its outcome, its final value and its value at the playhead", () => {
    render(<App views={false} />);
    const items = runItems();
    expect(items).toHaveLength(4);
    // Run 1 is plain descent with lr 0.09 on x^2 + 10y^2: it converges to the minimum, where
    // f is below the tolerance's reach; at the playhead (step 0) f(-2.5, 1.5) = 28.75.
    const run1 = screen.getByRole("listitem", {
      name: /^Run 1 Gradient descent · lr 0\.09 converged to a minimum in \d+ steps\. Final f = (\S+); now at step 0: f = 28\.75$/,
    });
    const final = /Final f = (\S+);/.exec(run1.textContent ?? "")?.[1];
    expect(Math.abs(Number(final))).toBeLessThan(1e-10);
    expect(within(run1).getByText(/^converged to a minimum/).className).toContain("tone-success");
  });

  it("a run that stops at a saddle says so, not in the colour of success", () => {
    act(() => useExplorerStore.getState().loadScenario("saddle"));
    render(<App views={false} />);
    // The preset's first run starts on the x-axis of x² − y², so it ends at the saddle (0, 0).
    const status = within(runItems()[0]!).getByText(/^stopped at a saddle point after \d+ steps/);
    expect(status.className).toContain("tone-caution");
    expect(status.className).not.toContain("tone-success");
  });

  it("a start where f is not defined says why; a run that leaves the domain says at which step", () => {
    act(() => useExplorerStore.getState().setText("log(x) + y^2"));
    const first = useExplorerStore.getState().runs[0]!;
    act(() => useExplorerStore.getState().setRunStart(first.id, [-1, 1.5]));
    render(<App views={false} />);
    const item = runItems()[0]!;
    expect(item.textContent).toContain("f is not defined at the start (log of a negative number)");
    expect(item.textContent).toContain("now at step 0: f not defined");
    expect(item.textContent).not.toContain("diverged");
    expect(within(item).getByText(/^f is not defined/).className).toContain("tone-danger");
    // From (0.5, 1) with lr 1: x₁ = 0.5 − 1/0.5 = −1.5, where log is not defined.
    act(() => {
      useExplorerStore.getState().setRunStart(first.id, [0.5, 1]);
      useExplorerStore.getState().updateRun(first.id, { optimizer: "gd", params: { lr: 1 } });
    });
    expect(runItems()[0]!.textContent).toContain(
      "left the domain of f: f is not defined at step 1 (log of a negative number)",
    );
  });

  it("the loss text follows the playhead without re-rendering", () => {
    render(<App views={false} />);
    // x1 = (-2.05, -1.2): f = 4.2025 + 14.4 = 18.6025.
    act(() => setPlayheadStep(1));
    expect(screen.getByRole("listitem", { name: /^Run 1 .*f = 18\.6025$/ })).toBeTruthy();
  });

  it("has exactly one Optimizer and one Learning rate control: the selected run's", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    expect(screen.getAllByRole("combobox", { name: "Optimizer" })).toHaveLength(1);
    expect(screen.getByLabelText("Learning rate")).toHaveProperty("value", "0.09");
    await user.click(screen.getByRole("button", { name: "Run 2" }));
    expect(screen.getAllByRole("combobox", { name: "Optimizer" })).toHaveLength(1);
    expect(screen.getByLabelText("Learning rate")).toHaveProperty("value", "0.02");
    expect(useExplorerStore.getState().selectedRunId).toBe(useExplorerStore.getState().runs[1]!.id);
  });

  it("edits the learning rate, refusing values outside its range", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const lr = screen.getByLabelText("Learning rate");
    await user.clear(lr);
    await user.type(lr, "0.01");
    const run = () => useExplorerStore.getState().runs[0]!;
    expect(run().params.lr).toBe(0.01);
    // x1 = -2.5 - 0.01 * (-5) = -2.45.
    expect(run().result.xs[1]).toBeCloseTo(-2.45, 12);
    await user.clear(lr);
    // Every keystroke is checked: "-" is not a number, "-1" is below the minimum.
    await user.type(lr, "-1");
    expect(run().params.lr).toBe(0.01);
    expect(lr.getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByText(/Learning rate must be between/)).toBeTruthy();
  });

  it("the learning-rate slider moves the run's learning rate on every change", () => {
    render(<App views={false} />);
    // gd's default lr is 0.01: the slider spans 1e-5 .. 10 (six decades), so position 333 is
    // 10^(-5 + 1.998) = 9.954e-4, read as 0.000995.
    fireEvent.change(screen.getByRole("slider", { name: "lr slider" }), {
      target: { value: "333" },
    });
    expect(useExplorerStore.getState().runs[0]!.params.lr).toBe(0.000995);
    expect(screen.getByLabelText("Learning rate")).toHaveProperty("value", "0.000995");
    expect(screen.getByText("slider 1e-5 to 10 · type 1e-8 to 1000")).toBeTruthy();
  });

  it("keeps a typed learning rate beyond the slider, pins the slider and says so", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const lr = screen.getByLabelText("Learning rate");
    await user.clear(lr);
    await user.type(lr, "20");
    await user.tab();
    // 20 is valid (up to 1000) but above gd's slider, which stops at 10.
    expect(useExplorerStore.getState().runs[0]!.params.lr).toBe(20);
    expect(lr).toHaveProperty("value", "20");
    const slider = screen.getByRole("slider", { name: "lr slider" });
    expect(slider).toHaveProperty("value", "1000");
    expect(slider.getAttribute("aria-valuetext")).toBe("20, beyond the slider's end");
    expect(screen.getByText("20 kept: the slider stops at 10 · type 1e-8 to 1000")).toBeTruthy();
    expect(lr.getAttribute("aria-invalid")).toBe("false");
    // The run's line shows the value that was kept.
    expect(runItems()[0]!.querySelector(".run-summary")!.textContent).toBe(
      "Gradient descent · lr 20",
    );
  });

  it("switches optimizer and shows that optimizer's parameters", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    await user.selectOptions(screen.getByRole("combobox", { name: "Optimizer" }), "adam");
    expect(useExplorerStore.getState().runs[0]!.optimizer).toBe("adam");
    expect(screen.getByLabelText("β1")).toHaveProperty("value", "0.9");
    expect(screen.getByLabelText("β2")).toHaveProperty("value", "0.999");
    expect(screen.getByRole("listitem", { name: /^Run 1/ }).textContent).toContain("Adam");
  });

  it("each run's line shows its optimizer and what sets it apart", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    // The elongated bowl: gd at 0.09 and 0.02, momentum 0.02 with μ 0.8, Adam at 0.2.
    expect(runItems().map((item) => item.querySelector(".run-summary")!.textContent)).toEqual([
      "Gradient descent · lr 0.09",
      "Gradient descent · lr 0.02",
      "Momentum · lr 0.02, μ 0.8",
      "Adam · lr 0.2",
    ]);
    expect(
      screen.getByRole("listitem", { name: /^Run 3 Momentum · lr 0\.02, μ 0\.8 / }),
    ).toBeTruthy();
    const lr = screen.getByLabelText("Learning rate");
    await user.clear(lr);
    await user.type(lr, "0.05");
    expect(runItems()[0]!.querySelector(".run-summary")!.textContent).toBe(
      "Gradient descent · lr 0.05",
    );
    await user.selectOptions(screen.getByRole("combobox", { name: "Gradient" }), "central");
    expect(runItems()[0]!.querySelector(".run-summary")!.textContent).toBe(
      "Gradient descent · lr 0.05 · central difference",
    );
  });

  it("Add run starts the new run at the centre of the box, nudged when a run is there", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    const add = screen.getByRole("button", { name: "Add run" });
    await user.click(add);
    // The box is −3..3 in x and y; no run starts at its centre yet.
    expect(useExplorerStore.getState().runs.at(-1)!.start).toEqual([0, 0]);
    expect(within(runItems()[4]!).getByText("start (0, 0)")).toBeTruthy();
    await user.click(add);
    // (0, 0) is taken: one 25th of the 6-wide box up the diagonal.
    expect(useExplorerStore.getState().runs.at(-1)!.start).toEqual([0.24, 0.24]);
    // The new run copies the selected run's settings (here the one just added: gd at 0.09).
    expect(runItems()[5]!.querySelector(".run-summary")!.textContent).toBe(
      "Gradient descent · lr 0.09",
    );
  });

  it("adds and removes runs", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    await user.click(screen.getByRole("button", { name: "Add run" }));
    expect(runItems()).toHaveLength(5);
    const added = screen.getByRole("listitem", { name: /^Run 5/ });
    expect(within(added).getByRole("button", { name: "Run 5" }).getAttribute("aria-pressed")).toBe(
      "true",
    );
    await user.click(screen.getByRole("button", { name: "Remove Run 2" }));
    expect(runItems()).toHaveLength(4);
    expect(screen.queryByRole("listitem", { name: /^Run 2/ })).toBeNull();
  });

  it("toggles add-run-on-click mode for the views", async () => {
    const user = userEvent.setup();
    render(<App views={false} />);
    await user.click(screen.getByRole("checkbox", { name: "Add run on click" }));
    expect(useExplorerStore.getState().view.addMode).toBe(true);
  });
});
