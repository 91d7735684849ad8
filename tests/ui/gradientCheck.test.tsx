// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../../src/App.tsx";
import { useExplorerStore } from "../../src/store/index.ts";
import { setPlayheadStep } from "../../src/store/playhead.ts";
import { resetAll } from "./helpers.ts";

beforeEach(() => {
  // jsdom has neither ResizeObserver nor a 2D canvas: the chart measures nothing and draws
  // nothing, and the rest of the region is plain DOM.
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});

afterEach(() => {
  resetAll();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Run 1 runs gradient descent with rate 0.1 on `text` from `start`. */
function setUp(text: string, start: number[]): void {
  act(() => {
    const state = useExplorerStore.getState();
    state.setText(text);
    const id = useExplorerStore.getState().runs[0]!.id;
    useExplorerStore.getState().updateRun(id, { optimizer: "gd", params: { lr: 0.1 } });
    useExplorerStore.getState().setRunStart(id, start);
    useExplorerStore.getState().selectRun(id);
  });
}

/** The body rows of the region's table: row name → its cells' text. */
function tableRows(): Map<string, string[]> {
  const region = screen.getByRole("region", { name: "Gradient check" });
  const rows = new Map<string, string[]>();
  for (const row of within(region).getAllByRole("row").slice(1)) {
    const name = within(row).getByRole("rowheader").textContent ?? "";
    rows.set(
      name,
      within(row)
        .getAllByRole("cell")
        .map((cell) => cell.textContent ?? ""),
    );
  }
  return rows;
}

async function switchOn(): Promise<void> {
  await userEvent.setup().click(screen.getByRole("checkbox", { name: "Gradient check" }));
}

describe("the Gradient check region", () => {
  it("appears with the view option and compares the exact gradient with three differences", async () => {
    setUp("sin(x) * cos(y)", [1, 0.5]);
    render(<App views={false} />);
    expect(screen.queryByRole("region", { name: "Gradient check" })).toBeNull();
    await switchOn();
    const region = screen.getByRole("region", { name: "Gradient check" });
    expect(within(region).getByRole("heading", { level: 2 }).textContent).toMatch(/x₀ of Run 1$/);
    const headers = within(region)
      .getAllByRole("columnheader")
      .map((cell) => cell.textContent);
    expect(headers).toEqual(["Gradient", "∂f/∂x", "∂f/∂y", "relative error", "step h"]);
    const rows = tableRows();
    expect([...rows.keys()]).toEqual(["exact", "forward", "backward", "central"]);
    // ∇(sin x cos y) = (cos x cos y, −sin x sin y) at (1, 0.5).
    const [dx, dy] = rows.get("exact")!.map(Number);
    expect(dx).toBeCloseTo(Math.cos(1) * Math.cos(0.5), 9);
    expect(dy).toBeCloseTo(-Math.sin(1) * Math.sin(0.5), 9);
    // One-sided at h ≈ 1.5e-8: about (h/2)·|f''|/|f'| ≈ 1e-8 plus round-off; central far less.
    const forward = Number(rows.get("forward")![2]);
    const central = Number(rows.get("central")![2]);
    expect(forward).toBeGreaterThan(1e-10);
    expect(forward).toBeLessThan(1e-6);
    expect(central).toBeLessThan(forward / 100);
    expect(rows.get("forward")![3]).toBe("1.49e-8");
    expect(rows.get("central")![3]).toBe("6.06e-6");
    // The chart's words: a slope and a best h for each kind.
    for (const kind of ["forward", "backward", "central"]) {
      expect(region.textContent).toMatch(
        new RegExp(`slope of the ${kind} error on the truncation side: \\d\\.\\d\\d`),
      );
      expect(region.textContent).toContain(`best h of the ${kind} difference:`);
    }
    expect(within(region).getByRole("img").getAttribute("aria-label")).toMatch(
      /^Relative error against step h, both on log scales\./,
    );
  });

  it("follows the playhead to the next iterate", async () => {
    setUp("sin(x) * cos(y)", [1, 0.5]);
    render(<App views={false} />);
    await switchOn();
    act(() => setPlayheadStep(1));
    const region = screen.getByRole("region", { name: "Gradient check" });
    expect(within(region).getByRole("heading", { level: 2 }).textContent).toMatch(/x₁ of Run 1$/);
    // One step of gradient descent with rate 0.1 from (1, 0.5).
    const x1 = 1 - 0.1 * Math.cos(1) * Math.cos(0.5);
    const y1 = 0.5 + 0.1 * Math.sin(1) * Math.sin(0.5);
    const [dx, dy] = tableRows().get("exact")!.map(Number);
    expect(dx).toBeCloseTo(Math.cos(x1) * Math.cos(y1), 9);
    expect(dy).toBeCloseTo(-Math.sin(x1) * Math.sin(y1), 9);
  });

  it("one variable: one gradient column, f′(x)", async () => {
    setUp("x^3", [2]);
    render(<App views={false} />);
    await switchOn();
    const region = screen.getByRole("region", { name: "Gradient check" });
    const headers = within(region)
      .getAllByRole("columnheader")
      .map((cell) => cell.textContent);
    expect(headers).toEqual(["Gradient", "f′(x)", "relative error", "step h"]);
    expect(tableRows().get("exact")![0]).toBe("12");
  });

  it("where f is not defined it says so, with no table and no chart", async () => {
    setUp("log(x) + y^2", [-1, 1.5]);
    render(<App views={false} />);
    await switchOn();
    const region = screen.getByRole("region", { name: "Gradient check" });
    expect(region.textContent).toContain("f is not defined here (log of a negative number)");
    expect(within(region).queryByRole("table")).toBeNull();
    expect(within(region).queryByRole("img")).toBeNull();
  });

  it("at a zero gradient it says the relative errors say little", async () => {
    setUp("x^2 + y^2", [0, 0]);
    render(<App views={false} />);
    await switchOn();
    const region = screen.getByRole("region", { name: "Gradient check" });
    expect(region.textContent).toContain("The exact gradient is 0 here");
  });
});
