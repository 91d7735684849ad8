import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkDocument,
  makeDocument,
  type ScenarioDocument,
} from "../../../src/core/scenario/document.ts";
import {
  checkFunctionText,
  MAX_MESSAGE_LENGTH,
  readDocument,
  sameData,
} from "../../../src/core/scenario/read.ts";
import { bowl, documentArbitrary, saddle } from "./arbitraries.ts";

const fallback = bowl.document;

/** A document as JSON would bring it back: plain, unshared data. */
function plain(document: ScenarioDocument): Record<string, unknown> {
  return JSON.parse(JSON.stringify(document)) as Record<string, unknown>;
}

describe("readDocument", () => {
  it("reads a valid document back unchanged, with no messages", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const reading = readDocument(plain(document), fallback);
        expect(reading.messages).toEqual([]);
        expect(reading.document).toStrictEqual(document);
      }),
    );
  });

  it("reads a document written before the floor field existed with the field off, silently", () => {
    const value = plain(saddle.document);
    value.view = { showQuiver: false, logLoss: true, addMode: false };
    const { document, messages } = readDocument(value, fallback);
    expect(messages).toEqual([]);
    expect(document.view).toStrictEqual({
      showQuiver: false,
      logLoss: true,
      addMode: false,
      floorQuiver: false,
      presenter: false,
      lossByEpoch: false,
      basinMap: false,
      curvature: false,
      stepVectors: false,
      gradientCheck: false,
    });
  });

  it("names a floor field that is not true or false and falls back to the default view", () => {
    const value = plain(saddle.document);
    value.view = { showQuiver: false, logLoss: true, addMode: false, floorQuiver: "yes" };
    const { document, messages } = readDocument(value, fallback);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^view\.floorQuiver: .*; using the default view\.$/);
    expect(document.view).toStrictEqual(fallback.view);
  });

  it("a bad field falls back alone and is named", () => {
    const value = plain(saddle.document);
    value.box = { xmin: 2, xmax: 1, ymin: -1, ymax: 1 };
    const { document, messages } = readDocument(value, fallback);
    expect(messages).toEqual(["box.xmax: xmin must be less than xmax; using the default box."]);
    expect(document).toStrictEqual({ ...saddle.document, box: fallback.box });
  });

  it("a bad run is left out alone, named by its place", () => {
    const value = plain(bowl.document);
    const runs = value.runs as { params: Record<string, number> }[];
    runs[3]!.params.lr = -1;
    const { document, messages } = readDocument(value, saddle.document);
    expect(messages).toEqual([
      "runs[3].params: adam: lr must be a number from 1e-8 to 1000, got -1; the run is left out.",
    ]);
    expect(document.runs).toStrictEqual(bowl.document.runs.slice(0, 3));
    expect(document.f).toBe(bowl.document.f);
  });

  it("checks f with the parser and says where the problem is", () => {
    const value = { ...plain(saddle.document), f: "x^2 + wobble" };
    const { document, messages } = readDocument(value, fallback);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(
      /^f: .*at characters 7 to 12 of "x\^2 \+ wobble"\); using the default function\.$/,
    );
    expect(document.f).toBe(fallback.f);
    expect(document.runs).toStrictEqual(saddle.document.runs);
  });

  it("refuses a whole document of another version, or with none, in one message", () => {
    for (const [version, reason] of [
      [2, "version: this is a version 2 document; Descent Lab reads version 1"],
      ["1", "version: this is a version a string document; Descent Lab reads version 1"],
      [undefined, "version: missing, so this is not a scenario document"],
    ] as const) {
      const value: Record<string, unknown> = { ...plain(saddle.document), version };
      if (version === undefined) delete value.version;
      const { document, messages } = readDocument(value, fallback);
      expect(messages).toEqual([`${reason}; none of it is used.`]);
      expect(document).toStrictEqual(fallback);
    }
  });

  it("refuses values that are not objects", () => {
    for (const value of [null, undefined, 3, "text", [], [plain(saddle.document)], true]) {
      const { document, messages } = readDocument(value, fallback);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(
        /^document: .* is not a scenario document; none of it is used\.$/,
      );
      expect(document).toStrictEqual(fallback);
      expect(document).not.toBe(fallback);
    }
  });

  it("clamps a selected run past the last one, with a message", () => {
    const value = { ...plain(saddle.document), selectedRun: 5 };
    const { document, messages } = readDocument(value, fallback);
    expect(document.selectedRun).toBe(1);
    expect(messages).toEqual([
      "selectedRun: there is no run 5 (runs count from 0, and there are 2); selecting the last run.",
    ]);
  });

  it("keeps the selection on its run when runs before it are left out", () => {
    const value = plain(bowl.document);
    const runs = value.runs as { color: string }[];
    runs[1]!.color = "red";
    value.selectedRun = 2;
    const { document, messages } = readDocument(value, saddle.document);
    expect(messages).toEqual([
      "runs[1].color: must be a colour like #0072B2; the run is left out.",
    ]);
    expect(document.runs.map((run) => run.label)).toEqual(["Run 1", "Run 3", "Run 4"]);
    expect(document.selectedRun).toBe(1);
    // The selected run itself left out: the run kept before it.
    value.selectedRun = 1;
    expect(readDocument(value, saddle.document).document.selectedRun).toBe(0);
  });

  it("names fields it does not know and ignores them", () => {
    const value = { ...plain(saddle.document), colour: "blue", zoom: 3 };
    const { document, messages } = readDocument(value, fallback);
    expect(messages).toEqual(['document: unknown fields "colour", "zoom" ignored.']);
    expect(document).toStrictEqual(saddle.document);
  });

  it("treats prototype keys as data, refused and never used", () => {
    const text = JSON.stringify(plain(saddle.document))
      .replace('{"version"', '{"__proto__":{"polluted":1},"constructor":{"x":1},"version"')
      .replace('"params":{"lr":0.05', '"params":{"constructor":1,"lr":0.05');
    const { document, messages } = readDocument(JSON.parse(text), fallback);
    expect(messages).toEqual([
      'document: unknown fields "__proto__", "constructor" ignored.',
      'runs[0].params: adam has no parameter "constructor" (its parameters: lr, beta1, beta2, eps); the run is left out.',
    ]);
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect((document as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(document.runs).toStrictEqual(saddle.document.runs.slice(1));
  });

  it("reads 10,000 runs as the first 16, quickly, with one message for the rest", () => {
    const run = plain(saddle.document).runs as unknown[];
    const value = { ...plain(saddle.document), runs: Array.from({ length: 10_000 }, () => run[0]) };
    const started = performance.now();
    const { document, messages } = readDocument(value, fallback);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(document.runs).toHaveLength(16);
    expect(messages).toEqual([
      "runs: 10000 runs, more than the 16 a document may hold; the runs after the first 16 are left out.",
    ]);
  });

  it("keeps messages short whatever the size of what it quotes", () => {
    const huge = "x".repeat(1_000_000);
    const value = { ...plain(saddle.document), f: huge, [huge]: 1 };
    const { document, messages } = readDocument(value, fallback);
    expect(messages).toHaveLength(2);
    for (const message of messages) expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    expect(document.f).toBe(fallback.f);
  });

  it("never throws, even on a value whose fields throw when read", () => {
    const value = plain(saddle.document);
    Object.defineProperty(value, "box", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    const { document, messages } = readDocument(value, fallback);
    expect(document).toStrictEqual(fallback);
    expect(messages).toEqual(["document: could not be read (boom); none of it is used."]);
  });

  it("any value: never throws, always a valid document and one line per message", () => {
    const arbitrary = fc.oneof(
      fc.anything(),
      fc.jsonValue(),
      // Valid documents with one field replaced by anything.
      fc
        .tuple(
          documentArbitrary,
          fc.constantFrom("f", "box", "runs", "playback", "view", "selectedRun", "camera"),
          fc.jsonValue(),
        )
        .map(([document, key, junk]) => ({ ...plain(document), [key]: junk })),
    );
    fc.assert(
      fc.property(arbitrary, (value) => {
        const { document, messages } = readDocument(value, fallback);
        expect(checkDocument(document).ok).toBe(true);
        for (const message of messages)
          expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
      }),
      { numRuns: 500 },
    );
  });

  it("a field replaced by junk falls back alone: every other field is kept", () => {
    const junk = fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.integer(),
      fc.constant({ a: 1 }),
      fc.constant([1, 2]),
    );
    fc.assert(
      fc.property(
        documentArbitrary,
        fc.constantFrom("f", "box", "playback", "view", "camera"),
        junk,
        (document, key, value) => {
          // Junk that happens to be valid (null for the camera, "x" for f) is not junk.
          fc.pre(!(key === "camera" && value === null));
          fc.pre(!(key === "f" && typeof value === "string" && checkFunctionText(value).ok));
          const reading = readDocument({ ...plain(document), [key]: value }, fallback);
          expect(reading.messages).toHaveLength(1);
          expect(reading.messages[0]!.startsWith(`${key}`)).toBe(true);
          expect(reading.document).toStrictEqual({ ...document, [key]: fallback[key] });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("sameData", () => {
  it("compares plain data by value, in any key order", () => {
    expect(sameData({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, h: undefined })).toBe(true);
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData(null, {})).toBe(false);
    const document = makeDocument("x^2", { xmin: -1, xmax: 1, ymin: -1, ymax: 1 }, []);
    expect(sameData(document, structuredClone(document))).toBe(true);
  });
});
