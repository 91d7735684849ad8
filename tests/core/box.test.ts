import { describe, expect, it } from "vitest";
import { boxProblem, checkBox } from "../../src/core/box.ts";
import { checkDocument } from "../../src/core/scenario/document.ts";
import { getPreset } from "../../src/core/scenario/presets.ts";

describe("the domain box's one check", () => {
  it("accepts a box with finite edges in order, and names the first problem otherwise", () => {
    expect(boxProblem({ xmin: -1, xmax: 1, ymin: 0, ymax: 1e-9 })).toBeNull();
    expect(boxProblem({ xmin: NaN, xmax: 1, ymin: 0, ymax: 1 })).toEqual({
      edge: "xmin",
      message: "xmin must be a finite number",
    });
    expect(boxProblem({ xmin: 0, xmax: 1, ymin: 0, ymax: Infinity })?.edge).toBe("ymax");
    expect(boxProblem({ xmin: 1, xmax: 1, ymin: 0, ymax: 1 })?.message).toBe(
      "xmin must be less than xmax",
    );
    expect(boxProblem({ xmin: 0, xmax: 1, ymin: 2, ymax: -2 })?.message).toBe(
      "ymin must be less than ymax",
    );
    // Both edges finite, but 1e308 − (−1e308) = +∞: no grid or draw could use that width.
    expect(boxProblem({ xmin: -1e308, xmax: 1e308, ymin: 0, ymax: 1 })?.edge).toBe("xmax");
    expect(boxProblem({ xmin: 0, xmax: 1, ymin: -1e308, ymax: 1e308 })?.edge).toBe("ymax");
    expect(boxProblem({ xmin: -8e307, xmax: 8e307, ymin: 0, ymax: 1 })).toBeNull();
    expect(() => checkBox({ xmin: 0, xmax: -1, ymin: 0, ymax: 1 })).toThrow(
      new RangeError("box xmin must be less than xmax"),
    );
  });

  it("is the rule the scenario document applies, at the edge it names", () => {
    const document = {
      ...getPreset("saddle")!.document,
      box: { xmin: 0, xmax: 1, ymin: 3, ymax: 3 },
    };
    expect(checkDocument(document)).toEqual({
      ok: false,
      message: "box.ymax: ymin must be less than ymax",
    });
  });
});
