// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { App } from "../../src/App.tsx";
import { useExplorerStore } from "../../src/store/index.ts";
import { setPlayheadStep } from "../../src/store/playhead.ts";
import { ANNOUNCE_DELAY_MS, outcomeChanges } from "../../src/ui/RunAnnouncer.tsx";
import { resetAll } from "./helpers.ts";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  resetAll();
});

const announcer = () => screen.getByRole("status", { name: "Run outcomes" });

describe("run outcomes announced to screen readers", () => {
  it("is a polite live region that says nothing on load", () => {
    render(<App views={false} />);
    expect(announcer().getAttribute("aria-live")).toBe("polite");
    expect(announcer().textContent).toBe("");
  });

  it("announces a changed outcome once the changes rest, not at every change", () => {
    render(<App views={false} />);
    const run = useExplorerStore.getState().runs[0]!;
    // A drag: ten starts in quick succession; nothing is said while it goes on.
    for (let i = 0; i < 10; i++) {
      act(() => {
        useExplorerStore.getState().setRunStart(run.id, [-2.5 + 0.1 * i, 1.5]);
        vi.advanceTimersByTime(50);
      });
      expect(announcer().textContent).toBe("");
    }
    // The rate past the edge: x² + 10y² has λmax = 20, so 2/λmax = 0.1 and lr 0.15 diverges.
    act(() => {
      useExplorerStore.getState().updateRun(run.id, { params: { ...run.params, lr: 0.15 } });
    });
    act(() => {
      vi.advanceTimersByTime(ANNOUNCE_DELAY_MS + 10);
    });
    expect(announcer().textContent).toMatch(/^Run 1: diverged/);
    // Only the run that changed is named.
    expect(announcer().textContent).not.toContain("Run 2");
  });

  it("playback changes no outcome and announces nothing", () => {
    render(<App views={false} />);
    act(() => {
      setPlayheadStep(5);
      useExplorerStore.getState().play();
      vi.advanceTimersByTime(3 * ANNOUNCE_DELAY_MS);
      useExplorerStore.getState().pause();
      vi.advanceTimersByTime(3 * ANNOUNCE_DELAY_MS);
    });
    expect(announcer().textContent).toBe("");
  });

  it("names runs added and removed; a new scenario is told as a whole", () => {
    render(<App views={false} />);
    const [, second] = useExplorerStore.getState().runs;
    act(() => {
      useExplorerStore.getState().removeRun(second!.id);
      vi.advanceTimersByTime(ANNOUNCE_DELAY_MS + 10);
    });
    expect(announcer().textContent).toBe("Run 2 removed.");
    act(() => {
      useExplorerStore.getState().loadScenario("himmelblau");
      vi.advanceTimersByTime(ANNOUNCE_DELAY_MS + 10);
    });
    expect(announcer().textContent).toMatch(
      /^4 runs: Run 1 converged to a minimum in \d+ steps; Run 2 /,
    );
  });

  it("outcomeChanges: one sentence a change, nothing when nothing changed", () => {
    const before = new Map([
      ["a", { label: "Run 1", text: "converged to a minimum in 12 steps" }],
      ["b", { label: "Run 2", text: "diverged after 5 steps" }],
    ]);
    expect(outcomeChanges(before, before)).toBe("");
    const after = new Map([
      ["a", { label: "Run 1", text: "stopped at a saddle point after 40 steps" }],
      ["c", { label: "Run 3", text: "converged to a minimum in 9 steps" }],
    ]);
    expect(outcomeChanges(before, after)).toBe(
      "Run 1: stopped at a saddle point after 40 steps. Run 3 added: converged to a minimum in 9 steps. Run 2 removed.",
    );
  });
});
