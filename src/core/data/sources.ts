/**
 * Where a data scenario's points come from, as links, scenario documents and the page name
 * them: a built-in dataset by a short key (`line`, `parabola`, `fence`, `tanh`, `cars`) or the
 * points of a person's own CSV carried in the document (`csv`). Resolving a choice gives the loss
 * surface every view and run works on. The cars come from their package's file, which the caller
 * loads (`loadCars`) and passes in; everything else is made on the spot.
 */
import { symmetricEigenvalues2 } from "../critical.ts";
import type { Box } from "../types.ts";
import {
  fenceData,
  noisyLine,
  noisyParabola,
  standardize,
  tanhUnitData,
  tanhUnitPreset,
  type Dataset,
} from "./datasets.ts";
import { leastSquares } from "./leastSquares.ts";
import { dataLossSurface, getLoss, type DataSurface, type LossKey } from "./loss.ts";
import { getModel, type ModelKey } from "./models.ts";

/** The sources a link or document may name. */
export const dataSourceKeys = ["line", "parabola", "fence", "tanh", "cars", "csv"] as const;
export type DataSourceKey = (typeof dataSourceKeys)[number];

/** The built-in sources (every source but `csv`), with their labels, in display order. */
export const builtinSources: readonly { key: Exclude<DataSourceKey, "csv">; label: string }[] = [
  { key: "line", label: "Noisy line" },
  { key: "parabola", label: "Noisy parabola" },
  { key: "fence", label: "Fence areas" },
  { key: "tanh", label: "Steep-then-slow climb" },
  { key: "cars", label: "Cars: horsepower and mpg" },
];

/** A person's own points as a document carries them. */
export interface CarriedPoints {
  readonly label: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

/** A data scenario: the points, the model fitted and the loss. */
export interface DataChoice {
  readonly source: DataSourceKey;
  readonly model: ModelKey;
  readonly loss: LossKey;
  /** Inputs rescaled to mean 0 and standard deviation 1 (see `standardize`). */
  readonly standardize: boolean;
  /** The points of a `csv` source; absent for the built-in ones. */
  readonly points?: CarriedPoints;
}

/** Files loaded ahead of resolving a choice: the cars, for the `cars` source. */
export interface LoadedSources {
  readonly cars?: Dataset;
}

/** True when `choice` can be resolved with what `loaded` holds. */
export function dataSourceReady(
  choice: Pick<DataChoice, "source">,
  loaded: LoadedSources,
): boolean {
  return choice.source !== "cars" || loaded.cars !== undefined;
}

/** The raw points of a choice, before standardizing; throws when the cars are not loaded. */
export function sourceDataset(choice: DataChoice, loaded: LoadedSources): Dataset {
  switch (choice.source) {
    case "line":
      return noisyLine();
    case "parabola":
      return noisyParabola();
    case "fence":
      return fenceData();
    case "tanh":
      return tanhUnitData();
    case "cars": {
      if (loaded.cars === undefined) throw new Error("the cars data is still loading");
      return loaded.cars;
    }
    case "csv": {
      const points = choice.points;
      if (points === undefined) throw new Error("a csv source needs its points");
      return {
        key: "csv",
        label: points.label,
        xs: Float64Array.from(points.xs),
        ys: Float64Array.from(points.ys),
        xLabel: points.xLabel,
        yLabel: points.yLabel,
      };
    }
  }
}

/** A resolved choice: the loss surface, and the sentence saying how inputs were rescaled. */
export interface ResolvedData {
  readonly surface: DataSurface;
  /** Set when the inputs were standardized: what was done and why. */
  readonly standardizedNote: string | null;
}

/**
 * The loss surface of a choice: its points (standardized when asked), the model and the loss.
 * Throws an Error saying why when it cannot be made (the cars not loaded yet, inputs that do
 * not vary and cannot be standardized, an unknown model or loss).
 */
export function resolveData(choice: DataChoice, loaded: LoadedSources): ResolvedData {
  getModel(choice.model);
  getLoss(choice.loss);
  let dataset = sourceDataset(choice, loaded);
  let standardizedNote: string | null = null;
  if (choice.standardize) {
    const result = standardize(dataset);
    dataset = result.data;
    standardizedNote = result.sentence;
  }
  return { surface: dataLossSurface(dataset, choice.model, choice.loss), standardizedNote };
}

/** Two choices describe the same data scenario. */
export function sameDataChoice(a: DataChoice | null, b: DataChoice | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.source !== b.source || a.model !== b.model || a.loss !== b.loss) return false;
  if (a.standardize !== b.standardize) return false;
  const pa = a.points;
  const pb = b.points;
  if (pa === undefined || pb === undefined) return pa === pb;
  return (
    pa.label === pb.label &&
    pa.xs.length === pb.xs.length &&
    pa.xs.every((x, i) => x === pb.xs[i] && pa.ys[i] === pb.ys[i])
  );
}

/** The model and loss a source is fitted with when a link or the page names only the source. */
export const sourceDefaults: Readonly<
  Record<DataSourceKey, { readonly model: ModelKey; readonly loss: LossKey }>
> = {
  line: { model: "line", loss: "mse" },
  // A line on parabolic data: the high-bias lesson (its minimum stays high).
  parabola: { model: "line", loss: "mse" },
  fence: { model: "quadratic", loss: "mae" },
  tanh: { model: "tanh-unit", loss: "mse" },
  cars: { model: "line", loss: "mse" },
  csv: { model: "line", loss: "mse" },
};

/** Where a fresh data scenario looks and starts: its box, one start and a learning rate. */
export interface DataLayout {
  readonly box: Box;
  readonly start: readonly [number, number];
  /** 1/λmax of the squared-error Hessian at the box's centre: well inside the edge 2/λmax. */
  readonly lr: number;
}

/** Half-widths within this ratio of each other are evened out to a square box. */
const SQUARE_RATIO = 10;

/** `value` rounded down to one significant digit: 0.0347 → 0.03. */
function oneDigitDown(value: number): number {
  const scale = 10 ** Math.floor(Math.log10(value));
  return Number((Math.floor(value / scale) * scale).toPrecision(1));
}

/**
 * A box, start and rate for a data surface. Models linear in their parameters centre the box on
 * the least-squares fit (the loss's minimum for MSE, near it for MAE), each side reaching
 * max(1, 1.5·|p|) from it (the larger of the two for both when they are within a factor 10),
 * and start up and to the left of the centre; the tanh unit on its own
 * data takes the preset box and its shallow start; anything else [−3, 3]². The rate is 1/λmax of
 * the mean-squared-error Hessian at the centre (the MAE surface of a linear model has none),
 * rounded down to one digit and kept within [1e-6, 1].
 */
export function dataLayout(surface: DataSurface): DataLayout {
  const { dataset, model } = surface;
  let centre: readonly [number, number] = [0, 0];
  let box: Box | null = null;
  let start: readonly [number, number] | null = null;
  if (model.key === "line" || model.key === "quadratic") {
    const fit = leastSquares(dataset, model.key);
    if (fit.ok) centre = fit.params;
  } else if (dataset.key === "tanh-two-minima") {
    box = tanhUnitPreset.box;
    start = tanhUnitPreset.starts.shallow;
    centre = [(box.xmin + box.xmax) / 2, (box.ymin + box.ymax) / 2];
  }
  if (box === null) {
    let hx = model.key === "tanh-unit" ? 3 : Math.max(1, 1.5 * Math.abs(centre[0]));
    let hy = model.key === "tanh-unit" ? 3 : Math.max(1, 1.5 * Math.abs(centre[1]));
    // The maps keep x and y at one scale: a square box shows a round bowl round. Parameters of
    // very different sizes (raw inputs far from 0) keep their own ranges, or one would vanish.
    if (Math.max(hx, hy) <= SQUARE_RATIO * Math.min(hx, hy)) hx = hy = Math.max(hx, hy);
    box = {
      xmin: centre[0] - hx,
      xmax: centre[0] + hx,
      ymin: centre[1] - hy,
      ymax: centre[1] + hy,
    };
  }
  start ??= [
    centre[0] - 0.7 * ((box.xmax - box.xmin) / 2),
    centre[1] + 0.7 * ((box.ymax - box.ymin) / 2),
  ];
  const squared = surface.loss.key === "mse" ? surface : dataLossSurface(dataset, model, "mse");
  const [a, b, c] = [
    squared.d2fdx2(centre[0], centre[1]),
    squared.d2fdxdy(centre[0], centre[1]),
    squared.d2fdy2(centre[0], centre[1]),
  ];
  const largest = Math.max(...symmetricEigenvalues2(a, b, c).map(Math.abs));
  const lr = largest > 0 && Number.isFinite(largest) ? oneDigitDown(1 / largest) : 0.1;
  return { box, start, lr: Math.min(1, Math.max(1e-6, lr)) };
}
