import { describe, expect, it } from "vitest";
import { completeRun } from "../../src/core/scenario/document.ts";
import { sweepRange } from "../../src/core/compare/race.ts";
import { sweepJob } from "../../src/workers/sweepJob.ts";

const box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
const run = completeRun(
  { start: [-2.5, 2], optimizer: "gd", params: { lr: 0.01 }, maxSteps: 100 },
  [],
  1,
);

describe("the sweep worker's job", () => {
  it("sweeps 40 rates on x² + 2y² with the edge 0.5: no rate past it converges", () => {
    const response = sweepJob({ id: 3, f: "x^2 + 2*y^2", box, run, range: sweepRange(run, 0.5) });
    expect(response.id).toBe(3);
    if (!response.ok) throw new Error(response.message);
    const { entries, stability } = response.result;
    expect(entries).toHaveLength(40);
    expect(entries[0]!.lr).toBeCloseTo(0.0005, 15);
    expect(entries[39]!.lr).toBeCloseTo(1.5, 12);
    expect(stability?.edge).toBeCloseTo(0.5, 9);
    // |1 − 4·lr| > 1 exactly when lr > 0.5: y grows by that factor each step, f by its square.
    // The run counts as diverged once f passes 1e12·f(start): within 100 steps when
    // |1 − 4·lr|^200 > 1e12, i.e. lr > 0.537; just past the edge it only fails to converge.
    for (const entry of entries) {
      if (entry.lr > 0.5) expect(entry.status).not.toBe("converged");
      if (entry.lr > 0.54) expect(entry.status).toBe("diverged");
      // Below 1/λmax = 0.25 nothing overshoots; with 100 steps the smallest rates crawl.
      if (entry.lr < 0.005) expect(entry.status).toBe("max-steps");
    }
  });

  it("answers a function that does not parse with a message, not an exception", () => {
    const response = sweepJob({ id: 1, f: "x^2 +", box, run, range: sweepRange(run, null) });
    expect(response.ok).toBe(false);
    if (!response.ok) expect(response.message).toMatch(/^f: /);
  });
});
