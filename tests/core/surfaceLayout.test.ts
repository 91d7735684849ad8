import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Asks V8 itself, in a child node process with its test intrinsics enabled, whether objects keep
 * the fast property layout. A surface in dictionary mode makes every `surface.f` read in a
 * batch's inner loop a hash lookup, which once doubled the batch runner's time; this guards
 * that without timing anything.
 */
function layouts(expressions: string[]): { fast: boolean[]; sameMap: boolean[] } {
  const script = [
    'import { parseSurface } from "./src/core/surface.ts";',
    `const surfaces = ${JSON.stringify(expressions)}.map((text) => parseSurface(text));`,
    "for (const surface of surfaces) void surface.tex;",
    "const fast = surfaces.map((surface) => %HasFastProperties(surface));",
    "const sameMap = surfaces.map((surface) => %HaveSameMap(surface, surfaces[0]));",
    "console.log(JSON.stringify({ fast, sameMap }));",
  ].join("\n");
  const output = execFileSync(
    process.execPath,
    ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "-e", script],
    { cwd: root, encoding: "utf8" },
  );
  return JSON.parse(output.trim()) as { fast: boolean[]; sameMap: boolean[] };
}

describe("surface object layout", () => {
  it(
    "every parsed surface keeps fast properties and the same hidden class, after its TeX is read",
    { timeout: 60_000 },
    () => {
      const expressions = [
        "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
        "(1 - x)^2 + 100*(y - x^2)^2",
        "x^3 - 3*x",
        "sin(x) * cos(y)",
        "x^2 + 2*y^2",
      ];
      const { fast, sameMap } = layouts(expressions);
      expect(fast).toEqual(expressions.map(() => true));
      // One variable and two differ only in field values, not in layout.
      expect(sameMap).toEqual(expressions.map(() => true));
    },
  );
});
