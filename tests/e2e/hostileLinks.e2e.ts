/**
 * Links from anyone: script and markup in every parameter, prototype keys, invisible and
 * direction-changing characters, numbers at the edges of floating point, damaged packed
 * documents, repeated, very long and unknown parameters. Every link must open a usable page
 * (the function editor, the runs or the "No runs" note, a drawn view), run no script, put no
 * element of its own into the document, log no error, and name in the alert exactly the
 * parameters it refused.
 */
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { packText } from "../../src/core/scenario/compress.ts";
import { writeLink } from "../../src/core/scenario/link.ts";
import { DEFAULT_PRESET_ID, getPreset } from "../../src/core/scenario/presets.ts";
import { decodePng, pixelStats } from "./harness.ts";
import { alertTexts, useApp, waitForQuiet } from "./support.ts";

interface HostileLink {
  name: string;
  /** The query string, starting with "?", exactly as it stands in the address. */
  query: string;
  /** The parameters the alert must name, and no others; none: the page shows no alert. */
  named: string[];
  /** What else the page must show for this link. */
  check?: (page: Page) => Promise<void>;
}

// Payloads: each one that could run sets window.__pwned or opens a dialog.
const SCRIPT = "<script>window.__pwned=1</script>";
const IMG = "<img src=x onerror=window.__pwned=1>";
const IMG_ALERT = "<img src=x onerror=alert(1)>";
const JS_URL = "javascript:window.__pwned=1";
const SVG = '"><svg onload=window.__pwned=1>';
const ENTITIES = "&lt;img src=x onerror=alert(1)&gt;&#60;script&#62;alert(1)&#60;/script&#62;";

/** Characters that are invisible or turn text around (see src/core/invisible.ts). */
const INVISIBLE_CHARACTER =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** A query from name-value pairs, each part percent-encoded as a browser's form would. */
function query(...pairs: [string, string][]): string {
  return `?${pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&")}`;
}

/** Packed text for `s`: JSON written out by hand (to hold "__proto__" keys, 1e309...) or a value. */
function pack(value: unknown): string {
  return packText(typeof value === "string" ? value : JSON.stringify(value));
}

/** Every character as %XX, then the "%" itself encoded again: "%254E%2534...". */
function percentEncodedTwice(text: string): string {
  const once = Array.from(text, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return encodeURIComponent(once.join(""));
}

// A real packed document: the default preset with its first run's rate and second run's start
// changed, as the page's own link would carry it.
const picture = structuredClone(getPreset(DEFAULT_PRESET_ID)!.document);
picture.runs[0]!.params.lr = 0.07;
picture.runs[1]!.start = [1.25, -0.75];
const REAL_S = new URLSearchParams(writeLink(picture, null)).get("s")!;
const DEFAULT_F = getPreset(DEFAULT_PRESET_ID)!.document.f;

/** A run as a packed document holds it, with a label of its own. */
function labelled(label: string, start = [1, 1]) {
  return { label, start, optimizer: "gd" };
}

/** The runs panel's label buttons. */
function runLabels(page: Page) {
  return page.getByRole("region", { name: "Runs" }).locator("button.run-label");
}

/** The labels of the runs listed, in order. */
async function labelsShown(page: Page): Promise<string[]> {
  return runLabels(page).allInnerTexts();
}

async function functionShown(page: Page): Promise<string> {
  return page.getByRole("textbox", { name: "Function" }).inputValue();
}

/** Runs labelled exactly these, in this order, are listed. */
function showsRuns(...labels: string[]) {
  return async (page: Page) => expect(await labelsShown(page)).toEqual(labels);
}

/** The Function box shows `f`. */
function showsFunction(f: string) {
  return async (page: Page) => expect(await functionShown(page)).toBe(f);
}

const SCRIPT_AND_MARKUP: HostileLink[] = [
  {
    name: "f: <script>, start: <svg onload>",
    query: query(["f", SCRIPT], ["start", `${SVG},1`]),
    named: ["f", "start"],
  },
  {
    name: "f: <img onerror>, optimizer: javascript: URL",
    query: query(["f", IMG], ["optimizer", JS_URL]),
    named: ["f", "optimizer"],
  },
  {
    name: "f: javascript: URL, lr: <script>",
    query: query(["f", JS_URL], ["lr", SCRIPT]),
    named: ["f", "lr"],
  },
  {
    name: 'f: "><svg onload>, box: <img onerror>',
    query: query(["f", SVG], ["box", `${IMG},1,2,3`]),
    named: ["f", "box"],
  },
  {
    name: "f, lr and presenter: HTML entities",
    query: query(
      ["f", ENTITIES],
      ["lr", "&#x3C;svg onload=alert(1)&#x3E;"],
      ["presenter", "&#49;"],
    ),
    named: ["f", "lr", "presenter"],
  },
  {
    name: "scenario: <script>, optimizer: <img onerror=alert>",
    query: query(["scenario", SCRIPT], ["optimizer", IMG_ALERT]),
    named: ["scenario", "optimizer"],
  },
  {
    name: 'scenario: "><img onerror>, box: javascript: URL',
    query: query(["scenario", `">${IMG}`], ["box", JS_URL]),
    named: ["scenario", "box"],
  },
  {
    name: "data: <img onerror>, model: <script>, loss: <svg onload>, standardize: javascript:",
    query: query(["data", IMG], ["model", SCRIPT], ["loss", SVG], ["standardize", JS_URL]),
    named: ["data", "model", "loss", "standardize"],
  },
  {
    name: "lesson: <script>, step: <img onerror>, embed: <svg onload>",
    query: query(["lesson", SCRIPT], ["step", IMG], ["embed", SVG]),
    named: ["lesson", "step", "embed"],
  },
  { name: "s: <script>", query: query(["s", SCRIPT]), named: ["s"] },
  {
    // Markup is a fine label: it must be listed as text.
    name: "s: run labels of markup, shown as text",
    query: query([
      "s",
      pack({
        version: 1,
        runs: [labelled(IMG), labelled(SVG, [-1, 1]), labelled(JS_URL, [1, -1])],
      }),
    ]),
    named: [],
    check: showsRuns(IMG, SVG, JS_URL),
  },
  {
    name: "s: own data labelled with markup, shown as text",
    query: query([
      "s",
      pack({
        version: 1,
        runs: [{ start: [0.5, 0.5], optimizer: "gd" }],
        data: {
          source: "csv",
          model: "line",
          loss: "mse",
          points: {
            label: SCRIPT,
            xLabel: IMG_ALERT,
            yLabel: JS_URL,
            xs: [0, 1, 2, 3],
            ys: [1, 3, 5, 7],
          },
        },
      }),
    ]),
    named: [],
    check: async (page) => expect(await page.locator("body").innerText()).toContain(SCRIPT),
  },
];

// JSON written out: an object literal's "__proto__" would set a prototype, not a key.
const PROTO_DOCUMENT =
  '{"version":1,"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},' +
  '"prototype":{"polluted":1},"runs":[{"start":[1,1],"optimizer":"gd"}]}';
const PROTO_RUNS =
  '{"version":1,"runs":[{"start":[1,1],"optimizer":"gd","__proto__":{"polluted":1}},' +
  '{"start":[2,2],"optimizer":"gd","params":{"__proto__":{"lr":5},"constructor":1}},' +
  '{"start":[-1,-1],"optimizer":"constructor"},{"start":[-2,2],"optimizer":"gd"}]}';

const PROTOTYPE_KEYS: HostileLink[] = [
  { name: "scenario=__proto__", query: query(["scenario", "__proto__"]), named: ["scenario"] },
  {
    name: "optimizer=__proto__, lr=prototype",
    query: query(["f", "x^2 + y^2"], ["optimizer", "__proto__"], ["lr", "prototype"]),
    named: ["optimizer", "lr"],
  },
  {
    name: "optimizer=constructor, start=constructor",
    query: query(["optimizer", "constructor"], ["start", "constructor"]),
    named: ["optimizer", "start"],
  },
  {
    name: "data=__proto__, model=constructor, loss=prototype",
    query: query(["data", "__proto__"], ["model", "constructor"], ["loss", "prototype"]),
    named: ["data", "model", "loss"],
  },
  {
    name: "lesson=__proto__, embed=__proto__, presenter=constructor",
    query: query(["lesson", "__proto__"], ["embed", "__proto__"], ["presenter", "constructor"]),
    named: ["lesson", "embed", "presenter"],
  },
  {
    name: "__proto__, constructor and prototype as parameter names",
    query:
      "?__proto__=1&constructor=1&prototype=%7B%22polluted%22%3A1%7D&__proto__%5Bpolluted%5D=1" +
      "&constructor%5Bprototype%5D%5Bpolluted%5D=1&f%5B__proto__%5D=1&f.constructor=1",
    named: [],
    check: showsFunction(DEFAULT_F),
  },
  {
    name: "s: __proto__, constructor and prototype as document keys",
    query: query(["s", pack(PROTO_DOCUMENT)]),
    named: ["s"],
    check: showsRuns("Run 1"),
  },
  {
    name: "s: __proto__ inside runs and their parameters, constructor as an optimizer",
    query: query(["s", pack(PROTO_RUNS)]),
    named: ["s"],
    check: showsRuns("Run 3"),
  },
  {
    name: "s: prototype names as labels and values",
    query: query([
      "s",
      pack({
        version: 1,
        runs: [labelled("__proto__"), labelled("constructor", [2, 2])],
        compare: { by: "__proto__", runs: [0, 1] },
        view: { showQuiver: "constructor", logLoss: false, addMode: false },
      }),
    ]),
    named: ["s"],
    check: showsRuns("__proto__", "constructor"),
  },
];

const INVISIBLE: HostileLink[] = [
  { name: "f with U+202E", query: query(["f", "x^2\u202E + y^2"]), named: ["f"] },
  { name: "f with U+2066 and U+2069", query: query(["f", "x^2 + \u2066y^2\u2069"]), named: ["f"] },
  { name: "f with U+200B", query: query(["f", "x\u200B^2 + y^2"]), named: ["f"] },
  { name: "f starting with U+FEFF", query: query(["f", "\uFEFFx^2 + y^2"]), named: ["f"] },
  {
    name: "optimizer and scenario with invisible characters",
    query: query(["optimizer", "\u2067adam\u2068"], ["scenario", "convex-bowl\uFEFF"]),
    named: ["optimizer", "scenario"],
  },
  {
    name: "s: run labels with U+202E, U+2066..U+2069, U+200B and U+FEFF",
    query: query([
      "s",
      pack({
        version: 1,
        runs: [
          labelled("Run\u202E1"),
          labelled("\u2066Run\u2069", [2, 1]),
          labelled("\u2067R\u2068", [1, 2]),
          labelled("\u200B", [0, 1]),
          labelled("\uFEFF", [1, 0]),
          labelled("kept", [-1, -1]),
        ],
      }),
    ]),
    named: ["s"],
    check: showsRuns("kept"),
  },
  {
    name: "s: own data labels with direction characters",
    query: query([
      "s",
      pack({
        version: 1,
        runs: [{ start: [0.5, 0.5], optimizer: "gd" }],
        data: {
          source: "csv",
          model: "line",
          loss: "mse",
          points: {
            label: "cars\u202Esrac",
            xLabel: "\u2066x\u2069",
            yLabel: "y\u200B",
            xs: [0, 1, 2],
            ys: [0, 1, 2],
          },
        },
      }),
    ]),
    named: ["s"],
  },
];

const NUMBERS: HostileLink[] = [
  {
    name: "1e308 and -1e308 in start, lr and box",
    query: query(["start", "1e308,-1e308"], ["lr", "1e308"], ["box", "-1e308,1e308,-1,1"]),
    named: ["start", "lr", "box"],
  },
  {
    name: "5e-324 and -0: a fine start, too small a rate",
    query: query(["f", "x^2 + y^2"], ["start", "5e-324,-0"], ["lr", "5e-324"]),
    named: ["lr"],
    check: showsRuns("Run 1"),
  },
  {
    name: "-0 as a rate and as a box edge",
    query: query(["lr", "-0"], ["box", "-0,0,-1,1"]),
    named: ["lr", "box"],
  },
  {
    name: "Infinity and NaN in start, lr and box",
    query: query(["start", "Infinity,NaN"], ["lr", "NaN"], ["box", "NaN,Infinity,-0,0x10"]),
    named: ["start", "lr", "box"],
  },
  {
    name: "1e309 in start, lr and box",
    query: query(["start", "1e309,1"], ["lr", "1e309"], ["box", "0,1e309,0,1"]),
    named: ["start", "lr", "box"],
  },
  {
    name: "0x10 and 1_000 in start, lr and box",
    query: query(["start", "0x10,1_000"], ["lr", "0x10"], ["box", "1_000,2000,0,1"]),
    named: ["start", "lr", "box"],
  },
  { name: "start, lr and box empty", query: "?start=&lr=&box=", named: ["start", "lr", "box"] },
  {
    name: "lesson step 1e309 and presenter 1e309",
    query: query(["lesson", "update-rule"], ["step", "1e309"], ["presenter", "1e309"]),
    named: ["step", "presenter"],
  },
  {
    name: "s: numbers past every limit",
    query: query([
      "s",
      pack(
        '{"version":1,"runs":[{"start":[1e308,5e-324],"optimizer":"gd"},' +
          '{"start":[1,1],"optimizer":"gd","maxSteps":1e9},' +
          '{"start":[1e309,1],"optimizer":"gd"},{"start":[-0,0.5],"optimizer":"gd"}],' +
          '"playback":{"step":1e309,"speed":1e308},"selectedRun":1e309,' +
          '"camera":{"azimuth":-0,"elevation":0,"zoom":5e-324,"target":[0,0,0]}}',
      ),
    ]),
    named: ["s"],
    check: showsRuns("Run 4"),
  },
  {
    name: "s: NaN and Infinity are no JSON",
    query: query(["s", pack('{"version":1,"runs":[{"start":[NaN,Infinity],"optimizer":"gd"}]}')]),
    named: ["s"],
  },
];

const DAMAGED_S: HostileLink[] = [
  { name: "s cut in half", query: query(["s", REAL_S.slice(0, REAL_S.length >> 1)]), named: ["s"] },
  {
    name: "s with one character flipped",
    query: query([
      "s",
      `${REAL_S.slice(0, 20)}${REAL_S[20] === "A" ? "B" : "A"}${REAL_S.slice(21)}`,
    ]),
    named: ["s"],
  },
  { name: "s base64-encoded twice", query: query(["s", btoa(btoa(REAL_S))]), named: ["s"] },
  { name: "s percent-encoded twice", query: `?s=${percentEncodedTwice(REAL_S)}`, named: ["s"] },
  {
    name: "s with characters outside its alphabet",
    query: query(["s", `${REAL_S}!*~`]),
    named: ["s"],
  },
  { name: "s empty", query: "?s=", named: ["s"] },
  {
    name: "s that unpacks to 300,000 characters",
    query: query(["s", pack("a".repeat(300_000))]),
    named: ["s"],
  },
  {
    name: "s of text that is no JSON",
    query: query(["s", pack("<svg onload=alert(1)>")]),
    named: ["s"],
  },
  {
    name: "s of another version",
    query: query(["s", pack({ version: 2, runs: [] })]),
    named: ["s"],
  },
];

const REPEATED: HostileLink[] = [
  {
    name: "f twice, the first good",
    query: query(["f", "x^2 + y^2"], ["f", SCRIPT]),
    named: [],
    check: showsFunction("x^2 + y^2"),
  },
  {
    name: "f twice, the first hostile",
    query: query(["f", IMG], ["f", "x^2 + y^2"]),
    named: ["f"],
    check: showsFunction(DEFAULT_F),
  },
  {
    name: "optimizer three times",
    query: query(["optimizer", "adam"], ["optimizer", "__proto__"], ["optimizer", SCRIPT]),
    named: [],
  },
  {
    name: "s twice, the second damaged",
    query: query(["s", REAL_S], ["s", REAL_S.slice(0, 9)]),
    named: [],
    check: showsRuns("Run 1", "Run 2", "Run 3", "Run 4"),
  },
  {
    name: "start 5,000 times",
    query: `?${Array.from({ length: 5000 }, (_, i) => `start=${i % 3},1`).join("&")}`,
    named: [],
  },
];

const LONG: HostileLink[] = [
  {
    name: "f of 100,000 characters of markup",
    query: query(["f", IMG.repeat(2800)]),
    named: ["f"],
    check: showsFunction(DEFAULT_F),
  },
  {
    name: "lesson of 100,000 characters",
    query: query(["lesson", SVG.repeat(3300)]),
    named: ["lesson"],
  },
  {
    name: "start of 10,000 numbers",
    query: query(["start", Array(10_000).fill("1").join(",")]),
    named: ["start"],
  },
  {
    name: "box of 10,000 numbers",
    query: query(["box", Array(10_000).fill("1").join(",")]),
    named: ["box"],
  },
  {
    name: "s of 10,000 runs",
    query: query([
      "s",
      pack({
        version: 1,
        runs: [
          { start: [1, 1], optimizer: "gd" },
          ...Array.from({ length: 9_999 }, () => ({ optimizer: "gd" })),
        ],
      }),
    ]),
    named: ["s"],
    check: showsRuns("Run 1"),
  },
  {
    name: "s comparing a list of 10,000 runs",
    query: query([
      "s",
      pack({
        version: 1,
        runs: [{ start: [1, 1], optimizer: "gd" }],
        compare: { by: "lr", runs: Array<number>(10_000).fill(0) },
      }),
    ]),
    named: ["s"],
    check: showsRuns("Run 1"),
  },
  {
    name: "s with 10,000 points of data",
    query: query([
      "s",
      pack({
        version: 1,
        runs: [{ start: [0.5, 0.5], optimizer: "gd" }],
        data: {
          source: "csv",
          model: "line",
          loss: "mse",
          points: {
            label: "ten thousand",
            xLabel: "x",
            yLabel: "y",
            xs: Array.from({ length: 10_000 }, (_, i) => i % 10),
            ys: Array.from({ length: 10_000 }, (_, i) => (i % 10) * 2 + (i % 3)),
          },
        },
      }),
    ]),
    named: [],
  },
  { name: "s of 20,001 characters", query: query(["s", "A".repeat(20_001)]), named: ["s"] },
];

const UNKNOWN: HostileLink[] = [
  {
    name: "unknown names with hostile values",
    query: query(["foo", SCRIPT], ["bar", IMG], ["x", JS_URL], [SCRIPT, "1"], [SVG, IMG]),
    named: [],
    check: showsFunction(DEFAULT_F),
  },
  {
    name: "known names in other cases",
    query: query(["F", SCRIPT], ["START", "1e309"], ["Optimizer", "__proto__"]),
    named: [],
    check: showsFunction(DEFAULT_F),
  },
  {
    name: "empty names and separators",
    query: "?&&=&==&=%3Csvg%20onload%3Dalert(1)%3E&",
    named: [],
  },
  { name: "a 100,000-character unknown value", query: query(["zzz", IMG.repeat(2800)]), named: [] },
  {
    name: "a broken percent escape and a NUL",
    query: "?f=%E0%A4%A&start=%00,%%",
    named: ["f", "start"],
  },
];

const COMBINED: HostileLink[] = [
  {
    name: "every parameter hostile at once",
    query: query(
      ["scenario", "__proto__"],
      ["s", REAL_S.slice(0, 40)],
      ["f", `\u202E${SCRIPT}`],
      ["start", "1e309,NaN"],
      ["optimizer", "constructor"],
      ["lr", "0x10"],
      ["box", `${SVG},0,1,2`],
      ["presenter", IMG],
      ["data", "__proto__"],
      ["model", JS_URL],
      ["loss", ENTITIES],
      ["standardize", "\u200B"],
      ["embed", IMG_ALERT],
    ),
    named: [
      "scenario",
      "s",
      "f",
      "start",
      "optimizer",
      "lr",
      "box",
      "presenter",
      "data",
      "model",
      "loss",
      "standardize",
      "embed",
    ],
  },
  {
    name: "a real s with a hostile f and lr, repeated",
    query: query(["s", REAL_S], ["f", SVG], ["lr", "1e308"], ["f", "x"], ["lr", "0.1"]),
    named: ["f", "lr"],
    check: showsRuns("Run 1", "Run 2", "Run 3", "Run 4"),
  },
  {
    name: "a lesson with a hostile step and markup labels in s",
    query: query(
      ["lesson", "update-rule"],
      ["step", "-0"],
      ["s", pack({ version: 1, runs: [labelled(SCRIPT), labelled("\u202Ex", [2, 2])] })],
    ),
    named: ["step", "s"],
    check: showsRuns(SCRIPT),
  },
];

/**
 * Boxes narrower than floating point can step across: the box check (src/core/box.ts) refuses a
 * width under 1e-12 or a billionth of the edges' size, so each falls back and is named.
 */
const NARROW_BOXES: HostileLink[] = [
  { name: "box 5e-324 wide", query: query(["box", "5e-324,1e-323,0,1"]), named: ["box"] },
  { name: "box 1e-300 wide", query: query(["box", "0,1e-300,0,1"]), named: ["box"] },
  {
    name: "s carrying a box 1e-310 wide",
    query: query([
      "s",
      pack({
        version: 1,
        box: { xmin: 0, xmax: 1e-310, ymin: 0, ymax: 1 },
        runs: [{ start: [0, 0.5], optimizer: "gd" }],
      }),
    ]),
    named: ["s"],
  },
];

describe("hostile links", () => {
  const app = useApp();
  let opened: { page: Page; errors: string[]; dialogs: string[] } | undefined;

  /** One page for every link: opened once, then moved from link to link. */
  async function visit(
    link: HostileLink,
  ): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
    if (opened === undefined) {
      const { page, errors } = await app.open("/?scenario=convex-bowl");
      // Fewer pixels for software WebGL to fill on every link.
      await page.setViewportSize({ width: 1000, height: 700 });
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      // The test server refuses request lines past 16 KB (node's header limit); a static host
      // would serve its one page for any query, so a long address gets that page here too.
      const origin = inject("baseURL");
      await page.route(
        (url) => url.href.length > 8000,
        async (route) => route.fulfill({ response: await route.fetch({ url: `${origin}/` }) }),
      );
      opened = { page, errors, dialogs };
    }
    const { page, errors, dialogs } = opened;
    errors.length = 0;
    dialogs.length = 0;
    await page.goto(`${inject("baseURL")}/${link.query}`, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => "__descentLab" in window, null, { timeout: 10_000 });
    return opened;
  }

  /** The parameters the alert names, each once, sorted. */
  async function namedInAlert(page: Page): Promise<string[]> {
    const text = (await alertTexts(page)).join("\n");
    const names = Array.from(text.matchAll(/Link parameter "([^"]+)"/g), (match) => match[1]!);
    return [...new Set(names)].sort();
  }

  async function expectSafeAndUsable(link: HostileLink): Promise<void> {
    const { page, errors, dialogs } = await visit(link);
    await waitForQuiet(page, 150, 10_000);
    const expected = [...link.named].sort();
    if (expected.length > 0) {
      await expect.poll(() => namedInAlert(page), { timeout: 10_000 }).toEqual(expected);
    }
    // A handler of an image that failed to load runs a moment after the page settles.
    await page.waitForTimeout(100);
    if (expected.length === 0) expect(await alertTexts(page)).toEqual([]);

    // Usable: the function can be edited, the runs (or the note that there are none) are
    // listed, and a view is drawn.
    const editor = page.getByRole("textbox", { name: "Function" });
    expect(await editor.isVisible()).toBe(true);
    expect(await editor.isEditable()).toBe(true);
    const runs = await runLabels(page).count();
    if (runs === 0) expect(await page.getByText("No runs: add one.").isVisible()).toBe(true);
    const view = page.getByRole("region", { name: /^(Contour map|Curve of f)$/ }).first();
    const image = decodePng(await view.locator("canvas").first().screenshot());
    expect(pixelStats(image).distinctColours).toBeGreaterThan(20);

    // Nothing ran, nothing was added, nothing was polluted.
    const state = await page.evaluate(() => {
      const found: string[] = [];
      for (const element of Array.from(document.querySelectorAll("*"))) {
        for (const attribute of Array.from(element.attributes)) {
          if (/^on/i.test(attribute.name)) found.push(`${element.tagName} ${attribute.name}`);
          if (/^\s*javascript:/i.test(attribute.value) && /href|src|action/i.test(attribute.name)) {
            found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
          }
        }
      }
      for (const script of Array.from(document.querySelectorAll("script:not([src])"))) {
        found.push(`inline script ${script.textContent?.slice(0, 60)}`);
      }
      for (const selector of ['img[src="x"]', "svg[onload]", "iframe", "object", "embed"]) {
        if (document.querySelector(selector) !== null) found.push(selector);
      }
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        polluted: ({} as { polluted?: unknown }).polluted,
        prototypeKeys: Object.keys(Object.prototype),
        origin: location.origin,
        found,
        // Direction overrides and isolates shown anywhere on the page, as they are.
        bidi: /[\u202A-\u202E\u2066-\u2069\uFEFF]/.test(document.body.innerText),
      };
    });
    expect(state).toEqual({
      pwned: undefined,
      polluted: undefined,
      prototypeKeys: [],
      origin: new URL(inject("baseURL")).origin,
      found: [],
      bidi: false,
    });
    // The alert shows every invisible character as a mark (⟨U+200B⟩), never as itself.
    expect((await alertTexts(page)).join("\n")).not.toMatch(INVISIBLE_CHARACTER);
    expect(dialogs).toEqual([]);
    await link.check?.(page);
    expect(errors).toEqual([]);
  }

  /** Every link of `links` checked; the failures are reported together, by link. */
  async function expectAll(links: HostileLink[]): Promise<void> {
    const failures: string[] = [];
    for (const link of links) {
      try {
        await expectSafeAndUsable(link);
      } catch (error) {
        failures.push(`${link.name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  }

  const groups: [string, HostileLink[]][] = [
    ["script and markup in every parameter", SCRIPT_AND_MARKUP],
    ["prototype keys as names, values and packed keys", PROTOTYPE_KEYS],
    ["direction overrides and zero-width characters", INVISIBLE],
    ["numbers at the limits of floating point", NUMBERS],
    ["truncated, corrupted and double-encoded s", DAMAGED_S],
    ["repeated parameters", REPEATED],
    ["very long values", LONG],
    ["unknown parameters", UNKNOWN],
    ["several at once", COMBINED],
    ["boxes too narrow to draw", NARROW_BOXES],
  ];
  for (const [title, links] of groups) {
    it(`${title}: safe and usable (${links.length} links)`, () => expectAll(links), 400_000);
  }

  it("the table holds at least 60 links", () => {
    const count = groups.reduce((sum, [, links]) => sum + links.length, 0);
    expect(count).toBeGreaterThanOrEqual(60);
  });
});
