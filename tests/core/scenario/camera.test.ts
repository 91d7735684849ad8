import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { cameraOffsetOf, cameraSettingsFrom } from "../../../src/core/scenario/camera.ts";
import { cameraSchema } from "../../../src/core/scenario/document.ts";

describe("camera settings", () => {
  it("reads angles worked by hand", () => {
    // Offset (1, 1, 0)·√2/2·4: along +x and up at 45°, distance 4; fit 8 gives zoom 2.
    const s = Math.SQRT1_2 * 4;
    const settings = cameraSettingsFrom([s, s, 0], [0, 0.4, 0], 8);
    expect(settings.azimuth).toBeCloseTo(0, 12);
    expect(settings.elevation).toBeCloseTo(45, 12);
    expect(settings.zoom).toBeCloseTo(2, 12);
    // Looking from +z, level: azimuth 90, elevation 0.
    const side = cameraSettingsFrom([0, 0, 3], [0, 0, 0], 3);
    expect(side.azimuth).toBeCloseTo(90, 12);
    expect(side.elevation).toBeCloseTo(0, 12);
    expect(side.zoom).toBeCloseTo(1, 12);
  });

  it("gives back the offset it was read from, for any direction and distance", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (x, y, z, fit) => {
          const length = Math.hypot(x, y, z);
          fc.pre(length > fit / 19 && length < fit * 19);
          const settings = cameraSettingsFrom([x, y, z], [0, 0, 0], fit);
          expect(cameraSchema.safeParse(settings).success).toBe(true);
          const [bx, by, bz] = cameraOffsetOf(settings, fit);
          // asin near the poles keeps about half the digits: within 1e-7 of the length.
          const tolerance = 1e-7 * length;
          expect(Math.abs(bx - x)).toBeLessThanOrEqual(tolerance);
          expect(Math.abs(by - y)).toBeLessThanOrEqual(tolerance);
          expect(Math.abs(bz - z)).toBeLessThanOrEqual(tolerance);
        },
      ),
    );
  });

  it("clamps what a document cannot hold", () => {
    const far = cameraSettingsFrom([1000, 0, 0], [500, 0, -500], 1);
    expect(far.zoom).toBe(0.05);
    expect(far.target).toEqual([100, 0, -100]);
    expect(cameraSchema.safeParse(far).success).toBe(true);
  });
});
