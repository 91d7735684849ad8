/**
 * The names of the views' regions (their accessible names), wherever they are shown: the full
 * page, an embedded view, and the views a picture or a movie can show, found by these names.
 */
export const VIEW_LABELS = {
  surface: "3D surface",
  curve: "Curve of f",
  contour: "Contour map",
  variants: "Variants",
  loss: "Loss curve",
  sweep: "Learning-rate sweep",
  data: "Data",
} as const;

/** The data view's title: the dataset and the model fitted to it. */
export const DATA_TITLE = "Data and the fit";

/** The titles a view has wherever it is shown, on the full page or embedded alone. */
export const CURVE_TITLE = "f(x) with the tangent line";
export const VARIANTS_TITLE = "One contour map a variant (drag or scroll: pan, zoom)";

export function lossTitle(comparing: boolean): string {
  return comparing ? "Loss curves" : "Loss curve";
}
