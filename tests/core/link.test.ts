import { describe, expect, it } from "vitest";
import { linkFromState, MAX_LINK_F_LENGTH, parseLink } from "../../src/core/link.ts";

function q(params: Record<string, string>): string {
  return `?${new URLSearchParams(params).toString()}`;
}

describe("parseLink", () => {
  it("reads a well-formed link into a request", () => {
    const { request, messages } = parseLink(
      q({ f: "x^2 + 3*y^2", start: "1.5,-2", optimizer: "adam", lr: "0.05" }),
    );
    expect(messages).toEqual([]);
    expect(request).toEqual({ f: "x^2 + 3*y^2", start: [1.5, -2], optimizer: "adam", lr: 0.05 });
  });

  it("reads the scenario and box parameters", () => {
    const { request, messages } = parseLink("scenario=saddle&box=-1,2,-3,4");
    expect(messages).toEqual([]);
    expect(request).toEqual({ scenario: "saddle", box: { xmin: -1, xmax: 2, ymin: -3, ymax: 4 } });
  });

  it("an empty query asks for nothing", () => {
    expect(parseLink("")).toEqual({ request: {}, messages: [] });
  });

  it("keeps one-number starts for one-variable functions and trims x,y to x", () => {
    expect(parseLink(q({ f: "100*x - x^2", start: "57" })).request.start).toEqual([57]);
    expect(parseLink(q({ f: "100*x - x^2", start: "57,3" })).request.start).toEqual([57]);
  });

  it("refuses a script as f with a message naming f and its position, without running it", () => {
    let ran = false;
    (globalThis as Record<string, unknown>).__linkProbe = () => {
      ran = true;
    };
    const { request, messages } = parseLink(
      q({ f: "<script>__linkProbe()</script>", start: "1,1" }),
    );
    expect(ran).toBe(false);
    expect(request.f).toBeUndefined();
    expect(request.start).toEqual([1, 1]);
    expect(messages).toHaveLength(1);
    // "<" is the first character: "at character 1".
    expect(messages[0]).toMatch(/^Link parameter "f": .*at character 1 of .*default function/);
  });

  it("says where in f the problem is", () => {
    expect(parseLink(q({ f: "x^2+y^2+(" })).messages[0]).toContain("at the end of");
    expect(parseLink(q({ f: "x^2 + wobble" })).messages[0]).toContain("at characters 7 to 12 of");
  });

  it("refuses code-like identifiers in f", () => {
    for (const f of ["constructor", "this.constructor", "import('x')", "eval(1)"]) {
      const { request, messages } = parseLink(q({ f }));
      expect(request.f, f).toBeUndefined();
      expect(messages[0], f).toContain('"f"');
    }
  });

  it("refuses a 100k-character f by its length, before parsing", () => {
    const f = "x+".repeat(50_000) + "1";
    const { request, messages } = parseLink(q({ f }));
    expect(request.f).toBeUndefined();
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
      const { request, messages } = parseLink(q({ start }));
      expect(request.start, start).toBeUndefined();
      expect(messages, start).toHaveLength(1);
      expect(messages[0], start).toMatch(/^Link parameter "start": /);
      expect(messages[0], start).toMatch(reason);
      expect(messages[0], start).toContain("using the default start");
    }
  });

  it("asks for two coordinates when f depends on x and y", () => {
    const { request, messages } = parseLink(q({ f: "x^2 + y^2", start: "1" }));
    expect(request.f).toBe("x^2 + y^2");
    expect(request.start).toBeUndefined();
    expect(messages[0]).toMatch(/"start".*two numbers/);
  });

  it("refuses unknown optimizers, including prototype names", () => {
    for (const optimizer of ["warp-drive", "__proto__", "constructor", "toString"]) {
      const { request, messages } = parseLink(q({ optimizer }));
      expect(request.optimizer, optimizer).toBeUndefined();
      expect(messages[0], optimizer).toMatch(/^Link parameter "optimizer": .* is not an optimizer/);
      expect(messages[0], optimizer).toContain("gd");
    }
  });

  it("refuses learning rates that are not numbers or outside the optimizer's range", () => {
    for (const lr of ["NaN", "-1", "0", "1e309", "abc", "1e5"]) {
      const { request, messages } = parseLink(q({ lr }));
      expect(request.lr, lr).toBeUndefined();
      expect(messages[0], lr).toMatch(/^Link parameter "lr": /);
    }
  });

  it("ignores lr for an optimizer without one, and says so", () => {
    const { request, messages } = parseLink(q({ optimizer: "linesearch", lr: "0.1" }));
    expect(request.optimizer).toBe("linesearch");
    expect(request.lr).toBeUndefined();
    expect(messages[0]).toMatch(/"lr".*linesearch.*no learning rate/);
  });

  it("refuses unknown scenarios and bad boxes", () => {
    const { request, messages } = parseLink(q({ scenario: "<img src=x>", box: "1,0,0,1" }));
    expect(request).toEqual({});
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/"scenario".*is not a scenario.*elongated-bowl/);
    expect(messages[1]).toMatch(/"box".*xmin < xmax/);
  });

  it("each bad parameter falls back alone", () => {
    const { request, messages } = parseLink(
      q({ f: "x^2 + y^2", start: "oops", optimizer: "momentum", lr: "NaN" }),
    );
    expect(request).toEqual({ f: "x^2 + y^2", optimizer: "momentum" });
    expect(messages).toHaveLength(2);
  });
});

describe("linkFromState", () => {
  const box = { xmin: -3, xmax: 3, ymin: -2, ymax: 2 };

  it("names an unchanged scenario", () => {
    expect(linkFromState({ scenarioId: "saddle", text: "x^2 - y^2", box, run: null })).toBe(
      "?scenario=saddle",
    );
  });

  it("round-trips function, start, optimizer, learning rate and box through parseLink", () => {
    const text = "sin(x) * cos(y) + (x/2)^2 & more?";
    const link = linkFromState({
      scenarioId: null,
      text: "sin(x) * cos(y) + (x/2)^2",
      box,
      run: { start: [0.1 + 0.2, -1e-7], optimizer: "adam", params: { lr: 0.003, beta1: 0.9 } },
    });
    expect(link.startsWith("?f=sin(x)%20*%20cos(y)%20%2B%20(x%2F2)%5E2&start=")).toBe(true);
    const { request, messages } = parseLink(link);
    expect(messages).toEqual([]);
    expect(request).toEqual({
      f: "sin(x) * cos(y) + (x/2)^2",
      start: [0.1 + 0.2, -1e-7],
      optimizer: "adam",
      lr: 0.003,
      box,
    });
    // Characters that mean something in a query stay inside f.
    const hostile = linkFromState({ scenarioId: null, text, box, run: null });
    expect(new URLSearchParams(hostile).get("f")).toBe(text);
  });
});
