import { describe, expect, it } from "vitest";
import { parseCsv } from "../../src/core/data/csv.ts";
import { findInvisible, showInvisibles } from "../../src/core/invisible.ts";
import { readDocument } from "../../src/core/scenario/read.ts";
import { trySurface } from "../../src/core/surface.ts";
import { bowl, saddle } from "./scenario/arbitraries.ts";

const RLO = "\u202E";
const ZWSP = "\u200B";

function refusal(text: string): { message: string; start: number; end: number } {
  const result = trySurface(text);
  if (result.ok) throw new Error(`${JSON.stringify(text)} was accepted`);
  return { message: result.error.message, start: result.error.start, end: result.error.end };
}

describe("invisible characters", () => {
  it("are refused by name and place in a formula", () => {
    expect(refusal(`x${RLO} + y`)).toEqual({
      message: "an invisible character is here, the right-to-left override (U+202E): delete it",
      start: 1,
      end: 2,
    });
    expect(refusal(`x +${ZWSP} y`)).toEqual({
      message: "an invisible character is here, the zero-width space (U+200B): delete it",
      start: 3,
      end: 4,
    });
    for (const [c, name] of [
      ["\u2066", "left-to-right isolate"],
      ["\u2069", "pop directional isolate"],
      ["\u200F", "right-to-left mark"],
      ["\u00AD", "soft hyphen"],
    ] as const) {
      expect(refusal(`x${c}+y`).message).toContain(`the ${name} (U+`);
    }
    // A visible character outside the language is still "unexpected", by its code point.
    expect(refusal("x + \u0661").message).toBe("unexpected character U+0661");
  });

  it("are shown as marks that name them, so quoted text cannot reorder a message", () => {
    expect(showInvisibles(`f: "x${RLO}1 + y" at 2`)).toBe('f: "x⟨U+202E⟩1 + y" at 2');
    expect(showInvisibles("plain text, π and 𝑥")).toBe("plain text, π and 𝑥");
    expect(findInvisible(`ab${ZWSP}c`)).toEqual({
      index: 2,
      codePoint: 0x200b,
      name: "zero-width space",
    });
    expect(findInvisible("abc")).toBeNull();
  });

  it("may not be carried by a run's label in a document: the run is left out, by name", () => {
    const value = JSON.parse(JSON.stringify(bowl.document)) as { runs: { label: string }[] };
    value.runs[1]!.label = `Run${RLO} 2`;
    const { document, messages } = readDocument(value, saddle.document);
    expect(messages).toEqual([
      "runs[1].label: must not contain invisible characters: the right-to-left override (U+202E) at character 4; the run is left out.",
    ]);
    expect(document.runs.map((run) => run.label)).toEqual(["Run 1", "Run 3", "Run 4"]);
  });

  it("are dropped from a CSV file's column names", () => {
    const parsed = parseCsv(`hp${RLO}ower,m${ZWSP}pg\n130,18\n165,15\n`);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.header).toEqual(["hpower", "mpg"]);
  });
});
