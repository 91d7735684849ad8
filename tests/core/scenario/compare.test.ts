import { describe, expect, it } from "vitest";
import { checkDocument, type ScenarioDocument } from "../../../src/core/scenario/document.ts";
import { readDocument } from "../../../src/core/scenario/read.ts";
import { packDocument, unpackDocument } from "../../../src/core/scenario/packed.ts";
import { bowl } from "./arbitraries.ts";

/** The test bowl with its four runs compared by learning rate. */
function compared(): ScenarioDocument {
  return { ...structuredClone(bowl.document), compare: { by: "lr", runs: [0, 1, 2, 3] } };
}

function plain(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

describe("the compare field of a document", () => {
  it("leaves a document without it exactly as it was: no field appears", () => {
    const check = checkDocument(plain(bowl.document));
    expect(check.ok).toBe(true);
    if (check.ok) expect("compare" in check.document).toBe(false);
    const reading = readDocument(plain(bowl.document), bowl.document);
    expect(reading.messages).toEqual([]);
    expect("compare" in reading.document).toBe(false);
  });

  it("is accepted with the runs it names, and refused for a run that is not there", () => {
    expect(checkDocument(plain(compared())).ok).toBe(true);
    const bad = plain({ ...compared(), compare: { by: "lr", runs: [0, 7] } });
    expect(checkDocument(bad)).toEqual({
      ok: false,
      message: "compare.runs[1]: there is no run 7",
    });
    const twice = plain({ ...compared(), compare: { by: "lr", runs: [1, 1] } });
    expect(checkDocument(twice)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/twice/),
    });
    const unknown = plain({ ...compared(), compare: { by: "colour", runs: [0] } });
    expect(checkDocument(unknown)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^compare\.by/),
    });
  });

  it("follows its runs past a run left out when read leniently", () => {
    const value = plain(compared());
    (value.runs as Record<string, unknown>[])[1]!.params = { lr: -1 };
    const { document, messages } = readDocument(value, bowl.document);
    expect(document.runs).toHaveLength(3);
    // Runs 0, 2, 3 given are kept as 0, 1, 2; the bad run 1 leaves the comparison.
    expect(document.compare).toEqual({ by: "lr", runs: [0, 1, 2] });
    expect(messages.some((m) => m.startsWith("compare.runs[1]: there is no run 1"))).toBe(true);
  });

  it("drops a comparison it cannot read, keeping every run, and says so", () => {
    const value = plain({ ...compared(), compare: { by: "lr", runs: [] } });
    const { document, messages } = readDocument(value, bowl.document);
    expect(document.compare).toBeUndefined();
    expect(document.runs).toHaveLength(4);
    expect(messages[0]).toMatch(/^compare\.runs: .*without the comparison\.$/);
  });

  it("travels in a link's packed form and comes back the same", () => {
    const document = compared();
    const unpacked = unpackDocument(packDocument(document), bowl.document);
    expect(unpacked.ok).toBe(true);
    if (unpacked.ok) {
      expect(unpacked.reading.messages).toEqual([]);
      expect(unpacked.reading.document.compare).toEqual({ by: "lr", runs: [0, 1, 2, 3] });
    }
  });
});
