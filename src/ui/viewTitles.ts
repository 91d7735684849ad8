/** The titles a view has wherever it is shown, on the full page or embedded alone. */
export const CURVE_TITLE = "f(x) with the tangent line";
export const VARIANTS_TITLE = "One contour map a variant (drag or scroll: pan, zoom)";

export function lossTitle(comparing: boolean): string {
  return comparing ? "Loss curves" : "Loss curve";
}
