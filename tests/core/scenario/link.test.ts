import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OptimizerName } from "../../../src/core/optimizers/index.ts";
import {
  checkDocument,
  type RunSettings,
  type ScenarioDocument,
} from "../../../src/core/scenario/document.ts";
import { packText } from "../../../src/core/scenario/compress.ts";
import {
  linkTooLong,
  MAX_LINK_F_LENGTH,
  MAX_LINK_LENGTH,
  readLink,
  writeLink,
} from "../../../src/core/scenario/link.ts";
import { MAX_PACKED_LENGTH, MAX_UNPACKED_LENGTH } from "../../../src/core/scenario/packed.ts";
import { bowl, documentArbitrary, linkOptions, presets, saddle } from "./arbitraries.ts";
import { getLesson, lessons } from "../../../src/core/lessons/lessons.ts";

function q(params: Record<string, string>): string {
  return `?${new URLSearchParams(params).toString()}`;
}

function read(search: string) {
  return readLink(search, linkOptions);
}

/** The default preset with some of its fields replaced. */
function bowlWith(fields: Partial<ScenarioDocument>): ScenarioDocument {
  return { ...structuredClone(bowl.document), ...fields };
}

/** A run as a hand-written link makes it: the first label and colour, seed 1, the default budget. */
function linkRun(
  start: number[],
  optimizer: OptimizerName,
  params: Record<string, number>,
): RunSettings {
  return {
    label: "Run 1",
    color: "#0072B2",
    start,
    optimizer,
    params,
    gradient: "analytic",
    seed: 1,
    // The core's one default step budget (1000), stated here on its own.
    maxSteps: 1000,
  };
}

describe("readLink: hand-written links, as they have always read", () => {
  it("reads a well-formed link into one run on that function", () => {
    const { document, presetId, messages } = read(
      q({ f: "x^2 + 3*y^2", start: "1.5,-2", optimizer: "adam", lr: "0.05" }),
    );
    expect(messages).toEqual([]);
    expect(presetId).toBeNull();
    expect(document).toStrictEqual(
      bowlWith({
        f: "x^2 + 3*y^2",
        runs: [linkRun([1.5, -2], "adam", { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 })],
        selectedRun: 0,
      }),
    );
  });

  it("reads the scenario and box parameters, keeping every run of the preset", () => {
    const { document, presetId, messages } = read("scenario=saddle&box=-1,2,-3,4");
    expect(messages).toEqual([]);
    expect(presetId).toBeNull();
    expect(document).toStrictEqual({
      ...saddle.document,
      box: { xmin: -1, xmax: 2, ymin: -3, ymax: 4 },
    });
  });

  it("an empty query is the default preset; a named one is that preset, unchanged", () => {
    expect(read("")).toStrictEqual({
      document: bowl.document,
      presetId: bowl.id,
      messages: [],
      lesson: null,
    });
    expect(read("?scenario=saddle")).toStrictEqual({
      document: saddle.document,
      presetId: "saddle",
      messages: [],
      lesson: null,
    });
    // The box it already has changes nothing.
    expect(read("?scenario=saddle&box=-2,2,-1,1").presetId).toBe("saddle");
  });

  it("builds on the preset's first run when the link gives no function", () => {
    // Bowl run 1: gd at (-2.5, 1.5) with lr 0.09; the link changes only lr.
    const { document, messages } = read("?lr=0.05");
    expect(messages).toEqual([]);
    expect(document.runs).toStrictEqual([linkRun([-2.5, 1.5], "gd", { lr: 0.05 })]);
    // A named optimizer starts from its own defaults (momentum: lr 0.01, momentum 0.9).
    expect(read("?optimizer=momentum").document.runs).toStrictEqual([
      linkRun([-2.5, 1.5], "momentum", { lr: 0.01, momentum: 0.9 }),
    ]);
    // The preset's step budget is kept: saddle run 1 has 300.
    expect(read("?scenario=saddle&start=1,0.5").document.runs).toStrictEqual([
      {
        ...linkRun([1, 0.5], "adam", { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 }),
        maxSteps: 300,
      },
    ]);
  });

  it("starts a link's own function at 80% across and 75% up its box", () => {
    const { document } = read(q({ f: "x^2 + y^2", box: "0,10,-4,4" }));
    // (0 + 0.8 * 10, -4 + 0.75 * 8) = (8, 2), with gradient descent's defaults.
    expect(document.runs).toStrictEqual([linkRun([8, 2], "gd", { lr: 0.01 })]);
  });

  it("keeps one-number starts for one-variable functions and trims x,y to x", () => {
    expect(read(q({ f: "100*x - x^2", start: "57" })).document.runs[0]!.start).toEqual([57]);
    expect(read(q({ f: "100*x - x^2", start: "57,3" })).document.runs[0]!.start).toEqual([57]);
    expect(read(q({ scenario: "parabola", start: "57,3" })).document.runs[0]!.start).toEqual([57]);
  });

  it("refuses a script as f with a message naming f and its position, without running it", () => {
    let ran = false;
    (globalThis as Record<string, unknown>).__linkProbe = () => {
      ran = true;
    };
    const { document, messages } = read(q({ f: "<script>__linkProbe()</script>", start: "1,1" }));
    expect(ran).toBe(false);
    expect(document.f).toBe(bowl.document.f);
    expect(document.runs).toStrictEqual([linkRun([1, 1], "gd", { lr: 0.09 })]);
    expect(messages).toHaveLength(1);
    // "<" is the first character: "at character 1".
    expect(messages[0]).toMatch(/^Link parameter "f": .*at character 1 of .*default function/);
  });

  it("says where in f the problem is", () => {
    expect(read(q({ f: "x^2+y^2+(" })).messages[0]).toContain("at the end of");
    expect(read(q({ f: "x^2 + wobble" })).messages[0]).toContain("at characters 7 to 12 of");
  });

  it("refuses code-like identifiers in f", () => {
    for (const f of ["constructor", "this.constructor", "import('x')", "eval(1)"]) {
      const { document, messages } = read(q({ f }));
      expect(document, f).toStrictEqual(bowl.document);
      expect(messages[0], f).toContain('"f"');
    }
  });

  it("refuses a 100k-character f by its length, before parsing", () => {
    const f = "x+".repeat(50_000) + "1";
    const { document, messages } = read(q({ f }));
    expect(document.f).toBe(bowl.document.f);
    expect(messages[0]).toContain('Link parameter "f"');
    expect(messages[0]).toContain(`at most ${MAX_LINK_F_LENGTH} characters`);
    // The message quotes only the beginning of the text.
    expect(messages[0]!.length).toBeLessThan(200);
  });

  it("refuses huge, non-finite and non-numeric starts, each with the reason", () => {
    const cases: [string, RegExp][] = [
      ["1e400,2", /too large/],
      ["NaN,1", /not a number/],
      ["Infinity,0", /not a number/],
      ["1e7,0", /outside -1000000 to 1000000/],
      ["1,2,3", /one or two numbers/],
      ["", /not a number/],
      ["0x10,1", /not a number/],
      [`${"9".repeat(100)},1`, /too long to be a number/],
      [`${"9".repeat(500)},1`, /too long/],
    ];
    for (const [start, reason] of cases) {
      const { document, messages } = read(q({ start }));
      expect(document, start).toStrictEqual(bowl.document);
      expect(messages, start).toHaveLength(1);
      expect(messages[0], start).toMatch(/^Link parameter "start": /);
      expect(messages[0], start).toMatch(reason);
      expect(messages[0], start).toContain("using the default start");
    }
  });

  it("asks for two coordinates when f depends on x and y", () => {
    const { document, messages } = read(q({ f: "x^2 + y^2", start: "1" }));
    expect(document.f).toBe("x^2 + y^2");
    // The bowl's box is [-3, 3]²: (-3 + 0.8 * 6, -3 + 0.75 * 6) = (1.8, 1.5).
    const [x, y] = document.runs[0]!.start;
    expect(x).toBeCloseTo(1.8, 12);
    expect(y).toBeCloseTo(1.5, 12);
    expect(messages).toEqual([
      'Link parameter "start": "1" needs two numbers x,y for a function of x and y; using the default start.',
    ]);
  });

  it("refuses unknown optimizers, including prototype names", () => {
    for (const optimizer of ["warp-drive", "__proto__", "constructor", "toString"]) {
      const { document, messages } = read(q({ optimizer }));
      expect(document, optimizer).toStrictEqual(bowl.document);
      expect(messages[0], optimizer).toMatch(/^Link parameter "optimizer": .* is not an optimizer/);
      expect(messages[0], optimizer).toContain("gd");
      expect(messages[0], optimizer).toMatch(/; using gradient descent\.$/);
    }
    // The run it falls back to is named: the saddle's first run is Adam.
    expect(read(q({ scenario: "saddle", optimizer: "warp" })).messages[0]).toMatch(
      /; keeping Adam\.$/,
    );
  });

  it("refuses learning rates that are not numbers or outside the optimizer's range", () => {
    for (const lr of ["NaN", "-1", "0", "1e309", "abc", "1e5"]) {
      const { document, messages } = read(q({ lr }));
      expect(document, lr).toStrictEqual(bowl.document);
      expect(messages[0], lr).toMatch(/^Link parameter "lr": /);
    }
    // The bowl's first run uses lr 0.09, and gradient descent takes 1e-8 to 1000.
    expect(read(q({ lr: "1e5" })).messages).toEqual([
      'Link parameter "lr": "1e5" is outside 1e-8 to 1000; using the default learning rate 0.09.',
    ]);
    expect(read(q({ lr: "abc" })).messages).toEqual([
      'Link parameter "lr": "abc" is not a number; using the default learning rate.',
    ]);
  });

  it("ignores lr for an optimizer without one, and says so", () => {
    const { document, messages } = read(q({ optimizer: "linesearch", lr: "0.1" }));
    expect(document.runs).toStrictEqual([linkRun([-2.5, 1.5], "linesearch", {})]);
    expect(messages).toEqual([
      'Link parameter "lr": optimizer "linesearch" has no learning rate; ignored.',
    ]);
  });

  it("refuses unknown scenarios and bad boxes", () => {
    const { document, presetId, messages } = read(q({ scenario: "<img src=x>", box: "1,0,0,1" }));
    expect(document).toStrictEqual(bowl.document);
    expect(presetId).toBe(bowl.id);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/"scenario".*is not a scenario.*elongated-bowl, saddle, parabola/);
    expect(messages[1]).toMatch(/"box".*xmin must be less than xmax/);
  });

  it("each bad parameter falls back alone", () => {
    const { document, messages } = read(
      q({ f: "x^2 + y^2", start: "oops", optimizer: "momentum", lr: "NaN" }),
    );
    expect(document.f).toBe("x^2 + y^2");
    expect(document.runs).toHaveLength(1);
    expect(document.runs[0]!.optimizer).toBe("momentum");
    expect(document.runs[0]!.params).toStrictEqual({ lr: 0.01, momentum: 0.9 });
    expect(messages).toHaveLength(2);
  });

  it("reads a repeated parameter once, its first value", () => {
    expect(read("?lr=0.05&lr=abc").document.runs[0]!.params.lr).toBe(0.05);
    expect(read("?lr=0.05&lr=abc").messages).toEqual([]);
    const link = writeLink(saddle.document, null);
    expect(read(`${link}&s=garbage&scenario=nothing`).document).toStrictEqual(saddle.document);
  });
});

describe("writeLink", () => {
  it("names an unchanged preset alone", () => {
    expect(writeLink(saddle.document, "saddle")).toBe("?scenario=saddle");
    expect(read(writeLink(saddle.document, "saddle"))).toStrictEqual({
      document: saddle.document,
      presetId: "saddle",
      messages: [],
      lesson: null,
    });
  });

  it("names a preset shown in presenter mode by its id and presenter=1, and reads it back", () => {
    const presenting = structuredClone(saddle.document);
    presenting.view.presenter = true;
    expect(writeLink(presenting, "saddle")).toBe("?scenario=saddle&presenter=1");
    expect(read("?scenario=saddle&presenter=1")).toStrictEqual({
      document: presenting,
      presetId: "saddle",
      messages: [],
      lesson: null,
    });
    // Presenter mode changes nothing else: off again, it is the preset exactly.
    expect(read("?scenario=saddle&presenter=0").document).toStrictEqual(saddle.document);
  });

  it("reads presenter as people write a switch, and refuses anything else by name", () => {
    for (const word of ["1", "true", "ON", " yes "]) {
      expect(read(`?presenter=${encodeURIComponent(word)}`).document.view.presenter).toBe(true);
    }
    for (const word of ["0", "false", "off", "No"]) {
      expect(read(`?presenter=${word}`).document.view.presenter).toBe(false);
    }
    const { document, messages } = read("?scenario=saddle&presenter=maybe");
    expect(document).toStrictEqual(saddle.document);
    expect(messages).toEqual([
      'Link parameter "presenter": "maybe" is not 1 or 0; presenter mode stays as it was.',
    ]);
  });

  it("writes presenter=1 beside a changed picture, and a hand edit to 0 turns it off", () => {
    const presenting = bowlWith({ f: "x^2 + 3*y^2" });
    presenting.view.presenter = true;
    const link = writeLink(presenting, null);
    expect(new URLSearchParams(link).get("presenter")).toBe("1");
    expect(read(link)).toStrictEqual({
      document: presenting,
      presetId: null,
      messages: [],
      lesson: null,
    });
    const off = read(link.replace("presenter=1", "presenter=0")).document;
    expect(off).toStrictEqual({ ...presenting, view: { ...presenting.view, presenter: false } });
  });

  it("writes the readable parameters for people, then s", () => {
    const document = { ...structuredClone(bowl.document), f: "sin(x) * cos(y) + (x/2)^2" };
    document.runs[0]!.start = [0.1 + 0.2, -1e-7];
    const link = writeLink(document, null);
    expect(link).toMatch(
      /^\?box=-3,3,-3,3&f=sin\(x\)%20\*%20cos\(y\)%20%2B%20\(x%2F2\)%5E2&start=0\.30000000000000004,-1e-7&optimizer=gd&lr=0\.09&s=[A-Za-z0-9%$-]+$/,
    );
    expect(read(link)).toStrictEqual({ document, presetId: null, messages: [], lesson: null });
  });

  it("keeps characters that mean something in a query inside f", () => {
    const text = "sin(x) * cos(y) + (x/2)^2 & more?#=%";
    const link = writeLink({ ...bowl.document, f: text }, null);
    expect(new URLSearchParams(link).get("f")).toBe(text);
  });

  it("leaves out start, optimizer and lr when there is no run, and lr when the rule has none", () => {
    const empty = { ...structuredClone(bowl.document), runs: [], selectedRun: null };
    expect(writeLink(empty, null)).toMatch(/^\?box=-3,3,-3,3&f=[^&]+&s=[^&]+$/);
    const newton = structuredClone(bowl.document);
    newton.runs[0] = { ...newton.runs[0]!, optimizer: "linesearch", params: {} };
    expect(writeLink(newton, null)).not.toContain("lr=");
    for (const document of [empty, newton]) {
      expect(read(writeLink(document, null))).toStrictEqual({
        document,
        presetId: null,
        messages: [],
        lesson: null,
      });
    }
  });

  it("carries the floor field, and reads a link packed before it existed with the field off", () => {
    const floor = bowlWith({ view: { ...bowl.document.view, floorQuiver: true } });
    expect(read(writeLink(floor, null))).toStrictEqual({
      document: floor,
      presetId: null,
      messages: [],
      lesson: null,
    });
    // An older link's s: the view without floorQuiver, packed as the codec packs it.
    const older = {
      version: 1,
      runs: [],
      view: { showQuiver: false, logLoss: true, addMode: false },
    };
    const { document, messages } = read(`?f=x%5E2&s=${packText(JSON.stringify(older))}`);
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

  it("carries a run's schedule and noise, and reads an older link's runs without them", () => {
    const scheduled = bowlWith({});
    scheduled.runs[0] = {
      ...scheduled.runs[0]!,
      optimizer: "adam",
      params: { lr: 0.05, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
      schedule: { kind: "cosine", params: { t_max: 30, eta_min: 0.001 } },
      noise: 0.1,
    };
    expect(read(writeLink(scheduled, null))).toStrictEqual({
      document: scheduled,
      presetId: null,
      messages: [],
      lesson: null,
    });
    // An older link's s: a run packed before schedules and noise existed.
    const older = { version: 1, runs: [{ start: [1, 2], optimizer: "gd", params: { lr: 0.1 } }] };
    const { document, messages } = read(`?f=x%5E2%2By%5E2&s=${packText(JSON.stringify(older))}`);
    expect(messages).toEqual([]);
    expect(document.runs[0]).not.toHaveProperty("schedule");
    expect(document.runs[0]).not.toHaveProperty("noise");
    expect(document.runs[0]!.params).toEqual({ lr: 0.1 });
  });

  it("refuses a bad schedule or noise in s, naming the field, and keeps the other runs", () => {
    const bad = {
      version: 1,
      runs: [
        {
          start: [1, 2],
          optimizer: "newton",
          schedule: { kind: "step", params: { step_size: 2, gamma: 0.5 } },
        },
        { start: [1, 2], optimizer: "gd", schedule: { kind: "step", params: { gamma: 5 } } },
        { start: [1, 2], optimizer: "random-search", noise: 0.5 },
        { start: [0, 1], optimizer: "gd", noise: 0.5 },
      ],
    };
    const { document, messages } = read(`?f=x%5E2%2By%5E2&s=${packText(JSON.stringify(bad))}`);
    expect(messages.join("\n")).toMatch(
      /runs\[0\]\.schedule: newton takes no learning-rate schedule/,
    );
    expect(messages.join("\n")).toMatch(
      /runs\[1\]\.schedule\.params: step schedule: gamma must be a number from 0 to 2, got 5/,
    );
    expect(messages.join("\n")).toMatch(/runs\[2\]\.noise: random-search uses no gradient/);
    expect(document.runs).toHaveLength(1);
    expect(document.runs[0]!.noise).toBe(0.5);
  });

  it("packs the four-run default preset into a short link", () => {
    const link = writeLink(bowl.document, null);
    // Measured at 318 characters; the whole document's JSON alone is 824.
    expect(link.length).toBeLessThan(400);
    expect(linkTooLong(`https://example.org/descent-lab/${link}`)).toBe(false);
    expect(linkTooLong("x".repeat(MAX_LINK_LENGTH + 1))).toBe(true);
  });
});

describe("readLink over writeLink: every document survives the round trip", () => {
  it("reads back any valid document unchanged, with no messages", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const { document: back, presetId, messages } = read(writeLink(document, null));
        expect(messages).toEqual([]);
        expect(back).toStrictEqual(document);
        expect(presetId === null || presets.some((preset) => preset.id === presetId)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("reads back every preset from its id", () => {
    for (const preset of presets) {
      expect(read(writeLink(preset.document, preset.id))).toStrictEqual({
        document: preset.document,
        presetId: preset.id,
        messages: [],
        lesson: null,
      });
    }
  });

  it("survives the address bar's own encoding of the query", () => {
    fc.assert(
      fc.property(documentArbitrary, (document) => {
        const link = writeLink(document, null);
        // What a browser hands back from location.search after URL parsing.
        const search = new URL(`https://example.org/${link}`).search;
        expect(read(search).document).toStrictEqual(document);
      }),
      { numRuns: 50 },
    );
  });
});

describe("readLink: hand edits of a written link", () => {
  /** A picture the edits start from: the bowl with its second run removed, at step 37. */
  const picture: ScenarioDocument = {
    ...structuredClone(bowl.document),
    runs: structuredClone(bowl.document.runs.filter((_, index) => index !== 1)),
    playback: { step: 37, speed: 20 },
    view: {
      showQuiver: true,
      logLoss: true,
      addMode: false,
      floorQuiver: true,
      presenter: false,
      lossByEpoch: false,
      basinMap: true,
      curvature: false,
      stepVectors: true,
      gradientCheck: false,
    },
  };

  function edit(name: string, value: string) {
    const query = new URLSearchParams(writeLink(picture, null));
    query.set(name, value);
    return read(`?${query.toString()}`);
  }

  it("a changed lr changes the first run's, and only that", () => {
    const { document, messages } = edit("lr", "0.05");
    expect(messages).toEqual([]);
    const expected = structuredClone(picture);
    expected.runs[0]!.params.lr = 0.05;
    expect(document).toStrictEqual(expected);
  });

  it("a changed f, start or box changes that field and keeps every run", () => {
    expect(edit("f", "x^2 + y^2").document).toStrictEqual({ ...picture, f: "x^2 + y^2" });
    const moved = edit("start", "1,2").document;
    expect(moved.runs.map((run) => run.start)).toEqual([
      [1, 2],
      [-2.5, 1.5],
      [-2.5, 1.5],
    ]);
    expect(edit("box", "-5,5,-1,1").document).toStrictEqual({
      ...picture,
      box: { xmin: -5, xmax: 5, ymin: -1, ymax: 1 },
    });
  });

  it("a changed optimizer takes its defaults, then the link's lr", () => {
    const { document } = edit("optimizer", "adam");
    expect(document.runs[0]!.optimizer).toBe("adam");
    expect(document.runs[0]!.params).toStrictEqual({
      lr: 0.09,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
    });
    expect(document.runs.slice(1)).toStrictEqual(picture.runs.slice(1));
  });

  it("a bad edit is refused alone, with the usual message", () => {
    const { document, messages } = edit("lr", "-3");
    expect(document).toStrictEqual(picture);
    expect(messages).toEqual([
      'Link parameter "lr": "-3" is outside 1e-8 to 1000; using the default learning rate 0.09.',
    ]);
  });
});

describe("readLink: hostile s", () => {
  const link = writeLink(bowl.document, null);
  const s = new URLSearchParams(link).get("s")!;
  /** The bowl's link as a person would have written it, with no s. */
  const readable = link.slice(0, link.indexOf("&s="));

  function withS(value: string) {
    return read(`${readable}&s=${encodeURIComponent(value)}`);
  }

  it("refuses a garbled s and reads the rest of the link as a hand-written one", () => {
    const { document, messages } = withS(`${s.slice(0, 10)}!!${s.slice(12)}`);
    expect(messages).toEqual([
      'Link parameter "s": does not unpack (the link was cut short or altered); it is ignored.',
    ]);
    expect(document).toStrictEqual(read(readable).document);
    expect(document.runs).toHaveLength(1);
  });

  it("refuses every cut-short s, or reads it whole when the cut left it whole", () => {
    for (let length = 0; length < s.length; length += 1) {
      const { document, messages } = withS(s.slice(0, length));
      expect(checkDocument(document).ok, String(length)).toBe(true);
      // The last digit may hold only padding bits after the end code.
      if (messages.length === 0) expect(document, String(length)).toStrictEqual(bowl.document);
      else {
        expect(messages, String(length)).toHaveLength(1);
        expect(messages[0], String(length)).toMatch(/^Link parameter "s": .*; it is ignored\.$/);
      }
    }
  });

  it("refuses an s that is not JSON, or JSON that is no document", () => {
    expect(withS(packText("{not json")).messages).toEqual([
      'Link parameter "s": does not hold a scenario (its text is not JSON); it is ignored.',
    ]);
    expect(withS(packText("[1,2]")).messages).toEqual([
      'Link parameter "s": document: a list is not a scenario document; it is ignored.',
    ]);
    expect(withS(packText('{"version":7}')).messages).toEqual([
      'Link parameter "s": version: this is a version 7 document; Descent Lab reads version 1; it is ignored.',
    ]);
  });

  it("names prototype keys in s and uses none of them", () => {
    const text =
      '{"version":1,"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},' +
      '"runs":[{"start":[1,1],"optimizer":"gd","__proto__":{"polluted":1}},' +
      '{"start":[2,2],"optimizer":"gd","params":{"__proto__":{"lr":5},"constructor":1}},' +
      '{"start":[0,1],"optimizer":"gd"}],"selectedRun":2}';
    const { document, messages } = withS(packText(text));
    expect(messages).toEqual([
      'Link parameter "s": document: unknown fields "__proto__", "constructor" ignored.',
      'Link parameter "s": runs[0]: Unrecognized key: "__proto__"; the run is left out.',
      'Link parameter "s": runs[1].params: gd has no parameter "constructor" (its parameters: lr); the run is left out.',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    // The one run kept; the link's readable start/optimizer/lr then edit it.
    expect(document.runs).toStrictEqual([
      { ...linkRun([-2.5, 1.5], "gd", { lr: 0.09 }), seed: 3, label: "Run 3", color: "#009E73" },
    ]);
    expect(document.selectedRun).toBe(0);
  });

  it("keeps 16 of 10,000 runs, quickly, with one message", () => {
    // Sixteen runs, then 9,984 zeros: small enough to unpack, too many to keep.
    const runs = Array.from({ length: 10_000 }, (_, k) =>
      k < 16 ? { start: [k, 1], optimizer: "gd" } : 0,
    );
    const packed = packText(JSON.stringify({ version: 1, runs }));
    const started = performance.now();
    const { document, messages } = withS(packed);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(document.runs).toHaveLength(16);
    expect(messages).toEqual([
      'Link parameter "s": runs: 10000 runs, more than the 16 a document may hold; the runs after the first 16 are left out.',
    ]);
  });

  it("refuses an s that unpacks past the limit, and a 1 MB s unread", () => {
    const huge = packText(JSON.stringify({ version: 1, f: "x".repeat(MAX_UNPACKED_LENGTH) }));
    expect(huge.length).toBeLessThan(MAX_PACKED_LENGTH);
    expect(withS(huge).messages).toEqual([
      `Link parameter "s": unpacks to more than ${MAX_UNPACKED_LENGTH} characters; it is ignored.`,
    ]);
    const started = performance.now();
    const { document, messages } = withS("A".repeat(1_000_000));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(messages).toEqual([
      `Link parameter "s": is 1000000 characters long, more than ${MAX_PACKED_LENGTH}; it is ignored.`,
    ]);
    expect(checkDocument(document).ok).toBe(true);
  });
});

describe("readLink: any input", () => {
  const names = ["scenario", "s", "f", "start", "optimizer", "lr", "box"];
  const valueArbitrary = fc.oneof(
    fc.string(),
    fc.string({ unit: "binary" }),
    fc.constantFrom("", "0", "1,2", "-1,1,-1,1", "gd", "saddle", "x^2", "__proto__", "NaN"),
    fc.constant(new URLSearchParams(writeLink(bowl.document, null)).get("s")!),
    documentArbitrary.map((document) => new URLSearchParams(writeLink(document, null)).get("s")!),
  );

  it("never throws and always gives a valid document, for random values of every parameter", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...names), valueArbitrary), { maxLength: 10 }),
        (pairs) => {
          const { document, presetId, messages } = read(`?${new URLSearchParams(pairs)}`);
          expect(checkDocument(document).ok).toBe(true);
          expect(presetId === null || presets.some((preset) => preset.id === presetId)).toBe(true);
          for (const message of messages) expect(message).toMatch(/^Link parameter "[a-z]+": /);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never throws on any query text at all", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (search) => {
        expect(checkDocument(read(search).document).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("starts from the first preset when the default id is unknown, from a bowl when none", () => {
    expect(readLink("", { presets, defaultPresetId: "nothing" }).presetId).toBe(bowl.id);
    const { document, presetId } = readLink("?lr=0.5", { presets: [], defaultPresetId: "x" });
    expect(presetId).toBeNull();
    expect(checkDocument(document).ok).toBe(true);
    expect(document.runs[0]!.params.lr).toBe(0.5);
  });
});

describe("lesson links", () => {
  const withLessons = { ...linkOptions, lessons };
  const readLesson = (search: string) => readLink(search, withLessons);
  const saddleStep = (n: number) => getLesson("saddles")!.steps[n - 1]!.document;

  it("opens a lesson at a step, counted from 1, and at its first step without one", () => {
    expect(readLesson("?lesson=saddles&step=2")).toStrictEqual({
      document: saddleStep(2),
      presetId: null,
      messages: [],
      lesson: { id: "saddles", step: 1 },
    });
    expect(readLesson("?lesson=saddles").lesson).toEqual({ id: "saddles", step: 0 });
    expect(readLesson("?lesson=saddles").document).toStrictEqual(saddleStep(1));
  });

  it("names a bad lesson or step and falls back alone", () => {
    expect(readLesson("?lesson=nope").messages[0]).toMatch(
      /^Link parameter "lesson": "nope" is not a lesson \(known: update-rule, .*fitting-data\); no lesson is opened\.$/,
    );
    expect(readLesson("?lesson=nope").lesson).toBeNull();
    for (const bad of ["0", "4", "2.5", "-1", "two", "1e1"]) {
      const reading = readLesson(`?lesson=saddles&step=${bad}`);
      expect(reading.messages).toEqual([
        `Link parameter "step": "${bad}" is not a step number from 1 to 3; opening the lesson's first step.`,
      ]);
      expect(reading.lesson).toEqual({ id: "saddles", step: 0 });
      expect(reading.document).toStrictEqual(saddleStep(1));
    }
    expect(readLesson("?step=2").messages).toEqual([
      'Link parameter "step": "2" names a lesson step, but the link names no lesson; ignored.',
    ]);
    // Without lessons to look in (a reader given none), every lesson is unknown.
    expect(read("?lesson=saddles").lesson).toBeNull();
  });

  it("writes an unchanged step alone, a changed one after its picture, and reads both back", () => {
    const position = { id: "saddles", step: 1 };
    expect(writeLink(saddleStep(2), null, { position, unchanged: true })).toBe(
      "?lesson=saddles&step=2",
    );
    const presenting = { ...saddleStep(2), view: { ...saddleStep(2).view, presenter: true } };
    const short = writeLink(presenting, null, { position, unchanged: true });
    expect(short).toBe("?lesson=saddles&step=2&presenter=1");
    expect(readLesson(short).document).toStrictEqual(presenting);
    const changed = structuredClone(saddleStep(2));
    changed.runs[1]!.start = [2.5, -0.02];
    const long = writeLink(changed, null, { position, unchanged: false });
    expect(long).toMatch(/&lesson=saddles&step=2$/);
    expect(readLesson(long)).toStrictEqual({
      document: changed,
      presetId: null,
      messages: [],
      lesson: position,
    });
  });
});
