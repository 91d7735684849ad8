// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { DataView } from "../../src/views/DataView.tsx";
import { useExplorerStore, type RunEntry } from "../../src/store/index.ts";
import { setPlayheadStep } from "../../src/store/playhead.ts";
import { dataLossSurface } from "../../src/core/data/loss.ts";
import { noisyLine } from "../../src/core/data/datasets.ts";
import { presenterColor } from "../../src/core/presenterPalette.ts";
import { resetAll } from "../ui/helpers.ts";

/** One drawing call on a fake 2D context, with the stroke settings in force when it was made. */
interface Call {
  op: string;
  args: unknown[];
  strokeStyle: unknown;
  lineWidth: unknown;
}

/**
 * jsdom has no 2D canvas: each canvas gets a fake context that records its calls, so a test can
 * see what a frame drew (the views' code only calls methods and sets properties on it).
 */
const contexts = new WeakMap<HTMLCanvasElement, { calls: Call[] }>();

function fakeContext(canvas: HTMLCanvasElement): { calls: Call[] } {
  const calls: Call[] = [];
  const state: Record<string | symbol, unknown> = {
    canvas,
    strokeStyle: "#000000",
    lineWidth: 1,
    calls,
    getTransform: () => ({ a: 1 }),
    measureText: (text: string) => ({ width: 6 * text.length }),
  };
  return new Proxy(state, {
    get(target, key) {
      if (key in target) return target[key];
      return (...args: unknown[]) => {
        calls.push({
          op: String(key),
          args,
          strokeStyle: target.strokeStyle,
          lineWidth: target.lineWidth,
        });
      };
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  }) as unknown as { calls: Call[] };
}

/** The calls of the last frame drawn on the plot's top canvas (since its last clear). */
function lastFrame(): Call[] {
  const canvas = screen.getByRole("img") as HTMLCanvasElement;
  const calls = contexts.get(canvas)?.calls ?? [];
  const cleared = calls.map((call) => call.op).lastIndexOf("clearRect");
  return calls.slice(cleared + 1);
}

beforeEach(() => {
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  vi.spyOn(HTMLElement.prototype, "clientWidth", "get").mockReturnValue(480);
  vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(320);
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    let context = contexts.get(this);
    if (!context) {
      context = fakeContext(this);
      contexts.set(this, context);
    }
    return context as unknown as CanvasRenderingContext2D;
  });
});

afterEach(() => {
  resetAll();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const data = noisyLine();

/** The mean squared error of the line w·x + b over the noisy line, summed here from the data. */
function meanSquaredError(w: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < data.xs.length; i++) {
    const r = w * data.xs[i]! + b - data.ys[i]!;
    sum += r * r;
  }
  return sum / data.xs.length;
}

/** A store on the line fitted by MSE to the noisy line, with one run of gradient descent. */
function openLineFit(): RunEntry {
  const surface = dataLossSurface(noisyLine(), "line", "mse");
  useExplorerStore.setState({
    surface,
    text: surface.text,
    surfaceError: null,
    box: { xmin: -1, xmax: 4, ymin: -2, ymax: 3 },
    runs: [],
    selectedRunId: null,
    compare: null,
  });
  const id = useExplorerStore
    .getState()
    .addRun([0.5, -1], { optimizer: "gd", params: { lr: 0.05 }, maxSteps: 200 });
  return useExplorerStore.getState().runs.find((run) => run.id === id)!;
}

/** The numbers of the readout "step k: w = …, b = …, MSE = …". */
function readNumbers(): { step: number; w: number; b: number; mse: number } {
  const text = screen.getByText(/^step \d+:/).textContent ?? "";
  const match = /^step (\d+): w = (\S+), b = (\S+), MSE = (\S+)$/.exec(text);
  expect(match, text).not.toBeNull();
  const [, step, w, b, mse] = match!;
  return { step: Number(step), w: Number(w), b: Number(b), mse: Number(mse) };
}

/** `actual` is `expected` to the five significant digits of a readout. */
function expectFiveDigits(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(5e-5 * Math.abs(expected) + 1e-12);
}

describe("data view", () => {
  it("reads out the start's parameters and loss at step 0", () => {
    openLineFit();
    render(<DataView />);
    const at0 = readNumbers();
    expect(at0.step).toBe(0);
    expect(at0.w).toBe(0.5);
    expect(at0.b).toBe(-1);
    expectFiveDigits(at0.mse, meanSquaredError(0.5, -1));
    expect(screen.getByRole("img", { name: "50 points of noisy line; the line at step 0" }));
  });

  it("follows the playhead to the parameters and loss of step k", () => {
    const run = openLineFit();
    render(<DataView />);
    for (const k of [1, 12, 60]) {
      act(() => setPlayheadStep(k));
      const { step, w, b, mse } = readNumbers();
      expect(step).toBe(k);
      expectFiveDigits(w, run.result.xs[k]!);
      expectFiveDigits(b, run.result.ys[k]!);
      expectFiveDigits(mse, meanSquaredError(run.result.xs[k]!, run.result.ys[k]!));
      expect(screen.getByRole("img").getAttribute("aria-label")).toBe(
        `50 points of noisy line; the line at step ${k}`,
      );
    }
    // The run walks downhill: the loss at step 60 is below the start's.
    expect(readNumbers().mse).toBeLessThan(meanSquaredError(0.5, -1));
    // Past the run's end the readout stays at its last iterate.
    act(() => setPlayheadStep(run.result.steps + 50));
    expect(readNumbers().step).toBe(run.result.steps);
  });

  it("redraws when the run changes, as when its start is dragged", () => {
    const run = openLineFit();
    render(<DataView />);
    act(() => useExplorerStore.getState().setRunStart(run.id, [1, 2]));
    const { w, b, mse } = readNumbers();
    expect([w, b]).toEqual([1, 2]);
    expectFiveDigits(mse, meanSquaredError(1, 2));
  });

  it("draws the curve in the run's colour, thicker in presenter mode", () => {
    const run = openLineFit();
    render(<DataView />);
    const curve = () => lastFrame().filter((call) => call.op === "stroke");
    expect(curve().at(-1)).toMatchObject({ strokeStyle: run.color, lineWidth: 2 });
    act(() => useExplorerStore.getState().setView({ presenter: true }));
    expect(curve().at(-1)).toMatchObject({ strokeStyle: presenterColor(run.color), lineWidth: 4 });
  });

  it("draws one residual line a point while Residuals is checked", async () => {
    const user = userEvent.setup();
    openLineFit();
    render(<DataView />);
    const box = screen.getByRole("checkbox", { name: "Residuals" });
    expect((box as HTMLInputElement).checked).toBe(false);
    const moves = () => lastFrame().filter((call) => call.op === "moveTo").length;
    const without = moves();
    // From the keyboard: Tab to the box, Space to check it.
    await user.tab();
    expect(document.activeElement).toBe(box);
    await user.keyboard(" ");
    expect((box as HTMLInputElement).checked).toBe(true);
    expect(moves() - without).toBe(data.xs.length);
    await user.click(box);
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(moves()).toBe(without);
  });

  it("shows the data alone, with a note, when the run has an error or there is none", () => {
    const run = openLineFit();
    useExplorerStore.setState({ runs: [{ ...run, error: "the step rule failed" }] });
    render(<DataView />);
    expect(
      screen.getByText(`No curve: ${run.label} could not be computed (the step rule failed).`),
    );
    expect(screen.queryByText(/^step \d+:/)).toBeNull();
    expect(screen.getByRole("img", { name: "50 points of noisy line; no fitted curve" }));
    expect(lastFrame().filter((call) => call.op === "stroke")).toEqual([]);
    expect(screen.getByRole("checkbox", { name: "Residuals" })).toHaveProperty("disabled", true);
    act(() => useExplorerStore.setState({ runs: [], selectedRunId: null }));
    expect(screen.getByText(/^No run yet/));
  });

  it("renders nothing on a typed function", () => {
    const { container } = render(<DataView />);
    expect(container.innerHTML).toBe("");
  });
});
