import type { Dataset } from "../../../src/core/data/datasets.ts";

/**
 * The textbook simple regression of y on x, written out from its definition rather than through
 * the code under test: w = cov(x, y)/var(x), b = ȳ − w·x̄, and the mean squared error of that
 * line over the data.
 */
export function textbookLine(data: Pick<Dataset, "xs" | "ys">): {
  w: number;
  b: number;
  mse: number;
} {
  const n = data.xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += data.xs[i]! / n;
    my += data.ys[i]! / n;
  }
  let cov = 0;
  let varx = 0;
  for (let i = 0; i < n; i++) {
    cov += (data.xs[i]! - mx) * (data.ys[i]! - my);
    varx += (data.xs[i]! - mx) ** 2;
  }
  const w = cov / varx;
  const b = my - w * mx;
  let mse = 0;
  for (let i = 0; i < n; i++) mse += (w * data.xs[i]! + b - data.ys[i]!) ** 2 / n;
  return { w, b, mse };
}
