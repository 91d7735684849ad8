import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { carsFromRows, loadCars } from "../../../src/core/data/cars.ts";

/** The package's file, read directly from disk as the reference. */
const raw = JSON.parse(
  readFileSync(
    new URL("../../../node_modules/vega-datasets/data/cars.json", import.meta.url),
    "utf8",
  ),
) as { Horsepower: number | null; Miles_per_Gallon: number | null }[];

describe("the cars dataset", () => {
  it("loads horsepower (x) against miles per gallon (y), dropping rows with a missing value", async () => {
    const cars = await loadCars();
    const complete = raw.filter((r) => r.Horsepower !== null && r.Miles_per_Gallon !== null);
    expect(raw.length).toBeGreaterThan(400);
    expect(cars.xs.length + cars.dropped!).toBe(raw.length);
    expect(cars.xs.length).toBe(complete.length);
    expect(cars.dropped).toBeGreaterThan(0);
    expect(Array.from(cars.xs)).toEqual(complete.map((r) => r.Horsepower));
    expect(Array.from(cars.ys)).toEqual(complete.map((r) => r.Miles_per_Gallon));
    expect(cars.xs.some(Number.isNaN) || cars.ys.some(Number.isNaN)).toBe(false);
    expect(cars.xLabel).toBe("horsepower");
    expect(cars.yLabel).toBe("miles per gallon");
    expect(cars.note).toContain(`${cars.dropped}`);
  });

  it("drops rows whose fields are missing, null, text or not finite", () => {
    const cars = carsFromRows([
      { Horsepower: 100, Miles_per_Gallon: 20 },
      { Horsepower: null, Miles_per_Gallon: 20 },
      { Horsepower: 90 },
      { Horsepower: "95", Miles_per_Gallon: 21 },
      { Horsepower: Infinity, Miles_per_Gallon: 21 },
      null,
      7,
      { Horsepower: 150, Miles_per_Gallon: 15.5 },
    ]);
    expect(Array.from(cars.xs)).toEqual([100, 150]);
    expect(Array.from(cars.ys)).toEqual([20, 15.5]);
    expect(cars.dropped).toBe(6);
  });
});
