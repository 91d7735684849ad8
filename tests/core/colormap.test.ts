import { describe, expect, it } from "vitest";
import { colormapViridis, colormapViridisCss, UNDEFINED_COLOR } from "../../src/core/colormap.ts";

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

// CIE L* of an sRGB colour (IEC 61966-2-1 decoding, D65 white), written out independently.
function lightness([r, g, b]: [number, number, number]): number {
  const lin = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  const fy = y > 216 / 24389 ? Math.cbrt(y) : ((24389 / 27) * y + 16) / 116;
  return 116 * fy - 16;
}

describe("colormapViridis", () => {
  // The viridis colours published with matplotlib 2.0 at t = 0, 1/4, 1/2, 3/4, 1.
  const published: [number, string][] = [
    [0, "#440154"],
    [0.25, "#3b528b"],
    [0.5, "#21918c"],
    [0.75, "#5ec962"],
    [1, "#fde725"],
  ];
  it.each(published)("matches the published colour at t = %s", (t, hex) => {
    const out = [0, 0, 0];
    colormapViridis(t, out);
    const expected = hexToRgb(hex);
    for (let c = 0; c < 3; c++) expect(Math.abs(out[c]! - expected[c]!)).toBeLessThan(2.5 / 255);
  });

  it("formats CSS hex for the ends", () => {
    expect(colormapViridisCss(0)).toBe("#440154");
    expect(colormapViridisCss(1)).toBe("#fde725");
  });

  it("clamps t outside [0, 1] and greys out NaN", () => {
    expect(colormapViridisCss(-3)).toBe(colormapViridisCss(0));
    expect(colormapViridisCss(7)).toBe(colormapViridisCss(1));
    const out = new Float32Array(6);
    colormapViridis(NaN, out, 3);
    expect([...out.slice(3)].map((v) => Number(v.toFixed(4)))).toEqual([...UNDEFINED_COLOR]);
  });

  it("gets lighter all the way from 0 to 1 (perceptual ordering)", () => {
    let previous = -Infinity;
    for (let k = 0; k <= 200; k++) {
      const out: [number, number, number] = [0, 0, 0];
      colormapViridis(k / 200, out);
      const l = lightness(out);
      expect(l).toBeGreaterThan(previous);
      previous = l;
    }
  });
});
