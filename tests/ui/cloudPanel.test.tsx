// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ComputedCloud } from "../../src/workers/cloudJob.ts";
import { useCloudJob } from "../../src/store/cloudJob.ts";
import { useExplorerStore } from "../../src/store/index.ts";
import { CloudPanel } from "../../src/ui/CloudPanel.tsx";
import { resetAll } from "./helpers.ts";

afterEach(() => {
  resetAll();
  useCloudJob.setState({ cloud: null, progress: null, error: null });
});

const field = () => screen.getByRole("textbox", { name: "Number of starts" });
const button = (name: string) => screen.getByRole("button", { name });

/** A finished cloud of 10 starts: 6 at one minimum, 2 at another, 1 diverged, 1 unfinished. */
const finished: ComputedCloud = {
  paths: {
    count: 10,
    frames: 1,
    stride: 1,
    steps: 0,
    parts: [{ count: 10, frames: 1, stride: 1, steps: 0, positions: new Float32Array(20) }],
  },
  summary: {
    count: 10,
    minima: [
      { point: [0.0898, -0.7127], value: -1.0316, count: 6, eigenvalues: [7.7, 16.5] },
      { point: [1.7036, -0.7961], value: -0.2155, count: 2, eigenvalues: [18, 24] },
    ],
    diverged: 1,
    notConverged: 1,
    notMinimum: 0,
    undefinedStart: 0,
    best: { index: 3, start: [0.25, -0.5], end: [0.0898, -0.7127], value: -1.0316 },
  },
};

describe("random starts panel", () => {
  it("explains a number of starts it cannot use, keeps it for correction and applies nothing", async () => {
    const user = userEvent.setup();
    act(() => useExplorerStore.getState().setCloud({ count: 700 }));
    render(<CloudPanel />);
    expect(field()).toHaveProperty("value", "700");
    expect(screen.getByText("1 to 10,000")).toBeTruthy();
    for (const [typed, message] of [
      ["abc", "Type a whole number from 1 to 10,000."],
      ["20000", "Type a number from 1 to 10,000, not 20000."],
      ["0", "Type a number from 1 to 10,000, not 0."],
      ["2.5", "Type a whole number from 1 to 10,000, not 2.5."],
      ["", "Type a whole number from 1 to 10,000."],
    ]) {
      await user.clear(field());
      if (typed) await user.type(field(), typed);
      expect(field().getAttribute("aria-invalid")).toBe("true");
      const hint = document.getElementById(field().getAttribute("aria-describedby")!);
      expect(hint?.textContent).toBe(message);
      await user.click(button("Random starts"));
      // The cloud is as it was, the text stays for correction, and the field has the focus.
      expect(useExplorerStore.getState().cloud).toEqual({ count: 700 });
      expect(field()).toHaveProperty("value", typed);
      expect(document.activeElement).toBe(field());
    }
    await user.clear(field());
    await user.type(field(), " 1500 ");
    expect(field().getAttribute("aria-invalid")).toBe("false");
    await user.click(button("Random starts"));
    expect(useExplorerStore.getState().cloud).toEqual({ count: 1500 });
  });

  it("adds the cloud with the number typed, resizes it and removes it", async () => {
    const user = userEvent.setup();
    render(<CloudPanel />);
    expect(screen.queryByRole("button", { name: "Remove random starts" })).toBeNull();
    await user.clear(field());
    await user.type(field(), "2000");
    await user.click(button("Random starts"));
    expect(useExplorerStore.getState().cloud).toEqual({ count: 2000 });
    await user.clear(field());
    await user.type(field(), "10000");
    await user.click(button("Random starts"));
    expect(useExplorerStore.getState().cloud).toEqual({ count: 10000 });
    await user.click(button("Remove random starts"));
    expect(useExplorerStore.getState().cloud).toBeNull();
  });

  it("shows progress with Cancel, which stops the cloud", async () => {
    const user = userEvent.setup();
    act(() => useExplorerStore.getState().setCloud({ count: 10000 }));
    act(() => useCloudJob.setState({ progress: { count: 10000, done: 8, total: 32 } }));
    render(<CloudPanel />);
    const bar = screen.getByRole("progressbar", { name: "Computing 10,000 starts" });
    expect(bar.getAttribute("aria-valuenow")).toBe("25");
    expect(screen.queryByRole("region", { name: "Random starts" })).toBeNull();
    await user.click(button("Cancel"));
    expect(useExplorerStore.getState().cloud).toBeNull();
  });

  it("summarises the cloud and makes the best start a run in one click", async () => {
    const user = userEvent.setup();
    act(() => useExplorerStore.getState().setCloud({ count: 10 }));
    act(() => useCloudJob.setState({ cloud: finished }));
    render(<CloudPanel />);
    const region = screen.getByRole("region", { name: "Random starts" });
    const items = within(region).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      "6 starts at (0.0898, -0.7127), f = -1.0316",
      "2 starts at (1.7036, -0.7961), f = -0.2155",
    ]);
    expect(region.textContent).toContain("Diverged: 1 · Not converged: 1");
    expect(region.textContent).toContain(
      "Lowest value found: f = -1.0316, from the start (0.25, -0.5)",
    );
    const before = useExplorerStore.getState();
    await user.click(within(region).getByRole("button", { name: "Add the best start as a run" }));
    const after = useExplorerStore.getState();
    expect(after.runs).toHaveLength(before.runs.length + 1);
    const added = after.runs.at(-1)!;
    expect(added.start).toEqual([0.25, -0.5]);
    expect(added.optimizer).toBe(before.runs[0]!.optimizer);
    expect(added.params).toEqual(before.runs[0]!.params);
    // The cloud keeps following the run it was made from.
    expect(after.selectedRunId).toBe(before.selectedRunId);
  });
});
