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

  it("refuses a box too narrow to draw: under 1e-12, or a billionth of its edges' size", () => {
    // 5e-324 wide: any width divided across the box underflows to 0.
    expect(boxProblem({ xmin: 5e-324, xmax: 1e-323, ymin: 0, ymax: 1 })).toEqual({
      edge: "xmax",
      message: "xmax − xmin is 4.94e-324, too narrow to draw: at least 1e-12 here",
    });
    expect(boxProblem({ xmin: 0, xmax: 1, ymin: 0, ymax: 1e-300 })?.edge).toBe("ymax");
    expect(boxProblem({ xmin: 0, xmax: 1e-12, ymin: 0, ymax: 1 })).toBeNull();
    expect(boxProblem({ xmin: 0, xmax: 0.9e-12, ymin: 0, ymax: 1 })?.edge).toBe("xmax");
    // Near 1e6 a billionth is 1e-3: 1e6 + 0.002 is wide enough, 1e6 + 0.0005 is not.
    expect(boxProblem({ xmin: 1e6, xmax: 1e6 + 0.002, ymin: 0, ymax: 1 })).toBeNull();
    expect(boxProblem({ xmin: 1e6, xmax: 1e6 + 0.0005, ymin: 0, ymax: 1 })?.message).toBe(
      "xmax − xmin is 0.0005, too narrow to draw: at least 0.001 here",
    );
  });
});
