// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useExplorerStore } from "../../src/store/index.ts";
import { useLongRuns } from "../../src/store/longRunJobs.ts";
import { RunList } from "../../src/ui/RunList.tsx";
import { resetAll } from "./helpers.ts";

afterEach(() => {
  resetAll();
  useLongRuns.setState({ progress: {} });
});

/** One gradient-descent run crawling down Rosenbrock at lr 1e-5, selected. */
function openCrawl(): string {
  const state = useExplorerStore.getState();
  state.setText("(1 - x)^2 + 100*(y - x^2)^2");
  for (const run of useExplorerStore.getState().runs.slice(1))
    useExplorerStore.getState().removeRun(run.id);
  const id = useExplorerStore.getState().runs[0]!.id;
  useExplorerStore
    .getState()
    .updateRun(id, { optimizer: "gd", params: { lr: 1e-5 }, start: [-1.2, 1] });
  useExplorerStore.getState().selectRun(id);
  return id;
}

describe("a run with a budget past 10,000 steps", () => {
  it("takes the budget from the Step budget field and shows its progress with Cancel", async () => {
    const user = userEvent.setup();
    const id = openCrawl();
    render(<RunList />);
    const budget = screen.getByRole("textbox", { name: "Step budget" });
    await user.clear(budget);
    await user.type(budget, "100000{Enter}");
    const run = useExplorerStore.getState().runs.find((r) => r.id === id)!;
    expect(run.maxSteps).toBe(100_000);
    expect(run.fullRun).toBe("computing");
    expect(
      screen.getByText("still going after 10000 of 100000 steps; computing the rest."),
    ).toBeTruthy();
    act(() => useLongRuns.setState({ progress: { [id]: { done: 25_000, total: 100_000 } } }));
    const bar = screen.getByRole("progressbar", { name: "Run 1: 100,000 steps" });
    expect(bar.getAttribute("aria-valuenow")).toBe("25");

    await user.click(within(bar.parentElement!).getByRole("button", { name: "Cancel" }));
    expect(useExplorerStore.getState().runs[0]!.fullRun).toBe("stopped");
    expect(screen.queryByRole("progressbar")).toBeNull();
    expect(
      screen.getByText("still going after 10000 of 100000 steps; the rest was cancelled."),
    ).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Compute all steps" }));
    expect(useExplorerStore.getState().runs[0]!.fullRun).toBe("computing");
    expect(screen.getByRole("progressbar", { name: "Run 1: 100,000 steps" })).toBeTruthy();
  });

  it("refuses a budget past 100,000 steps and says the range", async () => {
    const user = userEvent.setup();
    openCrawl();
    render(<RunList />);
    const budget = screen.getByRole("textbox", { name: "Step budget" });
    await user.clear(budget);
    await user.type(budget, "100001{Enter}");
    expect(budget.getAttribute("aria-invalid")).toBe("true");
    expect(useExplorerStore.getState().runs[0]!.maxSteps).not.toBe(100_001);
    expect(screen.queryByRole("progressbar")).toBeNull();
  });
});
