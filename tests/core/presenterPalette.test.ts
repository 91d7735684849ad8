import { describe, expect, it } from "vitest";
import {
  PRESENTER_PALETTE,
  presenterColor,
  relativeLuminance,
} from "../../src/core/presenterPalette.ts";
import { RUN_PALETTE } from "../../src/core/scenario/document.ts";

/**
 * WCAG 2.x contrast ratio against white, written out here from the definition
 * (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio) rather than taken from the code under test.
 */
function contrastOnWhite(color: string): number {
  const n = Number.parseInt(color.slice(1), 16);
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  const l = 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
  return 1.05 / (l + 0.05);
}

function rgb(color: string): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

describe("presenter palette", () => {
  it("gives every run colour a counterpart with at least 4.5:1 contrast on white", () => {
    expect(PRESENTER_PALETTE).toHaveLength(RUN_PALETTE.length);
    RUN_PALETTE.forEach((color, index) => {
      expect(presenterColor(color)).toBe(PRESENTER_PALETTE[index]);
      expect(contrastOnWhite(presenterColor(color))).toBeGreaterThanOrEqual(4.5);
    });
    // The light Okabe–Ito colours are the ones a projector loses.
    expect(contrastOnWhite("#F0E442")).toBeLessThan(1.5);
    expect(contrastOnWhite("#56B4E9")).toBeLessThan(3);
  });

  it("keeps the presenter colours apart from each other", () => {
    for (let i = 0; i < PRESENTER_PALETTE.length; i += 1) {
      for (let j = i + 1; j < PRESENTER_PALETTE.length; j += 1) {
        const [a, b] = [rgb(PRESENTER_PALETTE[i]!), rgb(PRESENTER_PALETTE[j]!)];
        const distance = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
        expect(distance, `${PRESENTER_PALETTE[i]} vs ${PRESENTER_PALETTE[j]}`).toBeGreaterThan(60);
      }
    }
  });

  it("computes WCAG relative luminance: white 1, black 0, mid grey #777777 about 0.184", () => {
    expect(relativeLuminance("#FFFFFF")).toBeCloseTo(1, 10);
    expect(relativeLuminance("#000000")).toBe(0);
    // (0x77/255 + 0.055)/1.055 = 0.49443..., to the power 2.4 = 0.18447...
    expect(relativeLuminance("#777777")).toBeCloseTo(0.18447, 4);
  });

  it("keeps a colour of its own that is already dark enough, and darkens a light one", () => {
    // #767676 is the lightest grey with 4.5:1 on white (4.54); #777777 just misses (4.48).
    expect(presenterColor("#767676")).toBe("#767676");
    expect(contrastOnWhite("#777777")).toBeLessThan(4.5);
    const grey = presenterColor("#777777");
    expect(contrastOnWhite(grey)).toBeGreaterThanOrEqual(4.5);
    expect(contrastOnWhite(grey)).toBeLessThan(4.8);
    const [r, g, b] = rgb(grey);
    expect(r === g && g === b).toBe(true);
    // A light gold keeps its hue order (red over green over blue) while reaching 4.5:1.
    const gold = presenterColor("#ffcc33");
    expect(contrastOnWhite(gold)).toBeGreaterThanOrEqual(4.5);
    const [gr, gg, gb] = rgb(gold);
    expect(gr).toBeGreaterThan(gg);
    expect(gg).toBeGreaterThan(gb);
  });
});
