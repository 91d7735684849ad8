import { describe, expect, it } from "vitest";
import { MAX_RUNS, type ScenarioDocument } from "../../../src/core/scenario/document.ts";
import { readDocument } from "../../../src/core/scenario/read.ts";
import { bowl, saddle } from "./arbitraries.ts";

/** The bowl preset as JSON would bring it back, with `change` made to it. */
function bowlWith(change: (value: Record<string, unknown> & { runs: unknown[] }) => void) {
  const value = JSON.parse(JSON.stringify(bowl.document)) as ScenarioDocument & {
    runs: unknown[];
  };
  change(value as unknown as Record<string, unknown> & { runs: unknown[] });
  return value;
}

const firstRun = (): Record<string, unknown> =>
  JSON.parse(JSON.stringify(bowl.document.runs[0])) as Record<string, unknown>;

describe("oversized values in a document are refused with a message, not attempted", () => {
  it("a 1 MB function", () => {
    const { document, messages } = readDocument(
      bowlWith((value) => (value.f = "x+".repeat(500_000) + "y")),
      saddle.document,
    );
    expect(document.f).toBe(saddle.document.f);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^f: the expression is 1000001 characters long; at most 2000/);
  });

  it("10,000 runs: the first 16 are kept", () => {
    const { document, messages } = readDocument(
      bowlWith((value) => (value.runs = Array.from({ length: 10_000 }, firstRun))),
      saddle.document,
    );
    expect(document.runs).toHaveLength(MAX_RUNS);
    expect(messages).toEqual([
      `runs: 10000 runs, more than the ${MAX_RUNS} a document may hold; the runs after the first ${MAX_RUNS} are left out.`,
    ]);
  });

  it("10⁹ steps, a 10,000-entry start and a 10,000-entry parameter list", () => {
    const { document, messages } = readDocument(
      bowlWith((value) => {
        value.runs = [
          { ...firstRun(), maxSteps: 1e9 },
          { ...firstRun(), start: Array.from({ length: 10_000 }, () => 1) },
          {
            ...firstRun(),
            params: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`p${i}`, i])),
          },
          firstRun(),
        ];
      }),
      saddle.document,
    );
    expect(messages).toEqual([
      "runs[0].maxSteps: must be a whole number from 0 to 100000; the run is left out.",
      "runs[1].start: must have one coordinate (x) or two (x, y); the run is left out.",
      'runs[2].params: gd has no parameter "p0" (its parameters: lr); the run is left out.',
    ]);
    expect(document.runs).toHaveLength(1);
  });
});
