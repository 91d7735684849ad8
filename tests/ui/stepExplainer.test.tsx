// @vitest-environment jsdom
import { afterEach, describe, expect, it } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { App } from "../../src/App.tsx";
import { useExplorerStore } from "../../src/store/index.ts";
import { resetAll } from "./helpers.ts";
import type { OptimizerName } from "../../src/core/optimizers/index.ts";

afterEach(resetAll);

/** The panel's rows as term → value. */
function panelRows(): Map<string, string> {
  const panel = screen.getByRole("region", { name: /This step of Run 1/ });
  const rows = new Map<string, string>();
  for (const term of panel.querySelectorAll("dt")) {
    rows.set(term.textContent ?? "", term.nextElementSibling?.textContent ?? "");
  }
  return rows;
}

/** Makes Run 1 (selected) use `optimizer` from `start`, on the default x² + 10y² unless told. */
function setRun1(optimizer: OptimizerName, params: Record<string, number>, start?: number[]) {
  act(() => {
    const state = useExplorerStore.getState();
    const id = state.runs[0]!.id;
    state.updateRun(id, { optimizer, params });
    if (start) state.setRunStart(id, start);
  });
}

describe("This step at iterate 0 shows the state of the first step", () => {
  it("Newton on x² + 10y² from (−2.5, 1.5): H = diag(2, 20), step −H⁻¹g = (2.5, −1.5)", () => {
    setRun1("newton", { lr: 1 });
    render(<App views={false} />);
    const rows = panelRows();
    expect(rows.get("Iterate")).toBe(`0 of ${useExplorerStore.getState().runs[0]!.result.steps}`);
    // g = (2x, 20y) = (−5, 30) at the start.
    expect(rows.get("State: hessian")).toBe("(2, 0, 0, 20)");
    expect(rows.get("State: newtonStep")).toBe("(2.5, -1.5)");
    expect(rows.get("State: fallback")).toBe("false");
    expect(rows.get("Step x₁ − x₀")).toBe("(2.5, -1.5)");
  });

  it("Newton on x² − y² from (1, 0.5) falls back at iterate 0 and says so", () => {
    act(() => useExplorerStore.getState().setText("x^2 - y^2"));
    setRun1("newton", { lr: 1 }, [1, 0.5]);
    render(<App views={false} />);
    const rows = panelRows();
    // H = diag(2, −2) is not positive definite: a gradient step −g = −(2, −1).
    expect(rows.get("State: fallback")).toBe("not positive definite");
    expect(rows.get("State: hessian")).toBe("(2, 0, 0, -2)");
    expect(rows.get("Step x₁ − x₀")).toBe("(-2, 1)");
  });

  it("Adam from (−2.5, 1.5): m = 0.1·g = (−0.5, 3), v = 0.001·g² = (0.025, 0.9)", () => {
    setRun1("adam", { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    render(<App views={false} />);
    const rows = panelRows();
    expect(rows.get("State: m")).toBe("(-0.5, 3)");
    expect(rows.get("State: v")).toBe("(0.025, 0.9)");
    // Bias-corrected with t = 1: m̂ = g, v̂ = g².
    expect(rows.get("State: mHat")).toBe("(-5, 30)");
    expect(rows.get("State: vHat")).toBe("(25, 900)");
  });

  it("the final iterate took no step and shows no state", () => {
    setRun1("adam", { lr: 0.001, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
    render(<App views={false} />);
    act(() => useExplorerStore.getState().seek(1e9));
    const rows = panelRows();
    expect(rows.has("Stopped")).toBe(true);
    expect([...rows.keys()].filter((term) => term.startsWith("State:"))).toEqual([]);
  });
});
