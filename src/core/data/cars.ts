/**
 * The cars dataset: horsepower against miles per gallon for 406 cars of 1970–1982, from the
 * `vega-datasets` package. Its file is loaded with `import()` the first time it is asked for,
 * so the page downloads it only when someone picks it.
 */
import type { Dataset } from "./datasets.ts";

/** One row of the package's cars.json; only the two fields used are typed. */
interface CarRow {
  readonly Horsepower?: unknown;
  readonly Miles_per_Gallon?: unknown;
}

/** A field that is a finite number, or null when it is missing (null in the file) or not one. */
function finiteField(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * The cars dataset from the rows of the package's cars.json: x = `Horsepower`, y =
 * `Miles_per_Gallon`. A row without a finite number in either field (the file writes a missing
 * value as null) is left out and counted in `dropped`, so `xs.length + dropped` is the number
 * of rows.
 */
export function carsFromRows(rows: readonly unknown[]): Dataset {
  const xs: number[] = [];
  const ys: number[] = [];
  let dropped = 0;
  for (const row of rows) {
    const car = (typeof row === "object" && row !== null ? row : {}) as CarRow;
    const horsepower = finiteField(car.Horsepower);
    const mpg = finiteField(car.Miles_per_Gallon);
    if (horsepower === null || mpg === null) {
      dropped++;
      continue;
    }
    xs.push(horsepower);
    ys.push(mpg);
  }
  return {
    key: "cars",
    label: "cars",
    xs: Float64Array.from(xs),
    ys: Float64Array.from(ys),
    xLabel: "horsepower",
    yLabel: "miles per gallon",
    note:
      `${rows.length} cars of 1970–1982 (vega-datasets); ${dropped} without horsepower or ` +
      `miles per gallon left out.`,
    dropped,
  };
}

/**
 * Loads the cars dataset (see `carsFromRows`). The file is imported by its path inside the
 * package's folder because the package exports only its code, which fetches the same file from
 * a CDN; importing it directly keeps the page working offline. The `type: "json"` attribute is
 * what node requires for a JSON module, and the bundler accepts it too.
 */
export async function loadCars(): Promise<Dataset> {
  const file = await import("../../../node_modules/vega-datasets/data/cars.json", {
    with: { type: "json" },
  });
  return carsFromRows(file.default);
}
