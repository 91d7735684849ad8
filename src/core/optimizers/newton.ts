/**
 * Newton's method with a documented fallback.
 *
 * Rule, per step and per point, with H the exact Hessian of the surface at x:
 * - H singular (two variables: |det H| ≤ 1e-12·max(|hxx|, |hxy|, |hyy|)², or any entry not finite;
 *   one variable: f'' = 0 or not finite): take a gradient step x ← x − lr·g and record
 *   `fallback: "singular"`;
 * - H invertible but not positive definite (hxx ≤ 0 or det H ≤ 0; in one variable f'' < 0): the
 *   Newton step would head for a saddle or a maximum, so take the gradient step x ← x − lr·g and
 *   record `fallback: "not positive definite"`;
 * - otherwise x ← x − lr·H⁻¹g and `fallback: false`.
 * `newtonStep` always records the pure Newton step −H⁻¹g when H is invertible (0 when singular),
 * so a learner can see where Newton would have gone.
 *
 * The Hessian is always the surface's exact second derivatives, also when the run's gradient comes
 * from finite differences.
 */
import { defineOptimizer, learningRateSpec, pair, type StepContext } from "./types.ts";

/** Why a Newton step fell back to a gradient step: 0 none, 1 not positive definite, 2 singular. */
export const newtonFallbackReasons = [false, "not positive definite", "singular"] as const;

/** Per point: the pure Newton step −H⁻¹g, the fallback reason code and the Hessian entries. */
export interface NewtonState {
  stepX: Float64Array;
  stepY: Float64Array;
  fallback: Uint8Array;
  /** Hessian entries at the point of the last step. */
  hxx: Float64Array;
  hxy: Float64Array;
  hyy: Float64Array;
}

/** Relative size of det H under which H counts as singular. */
export const newtonSingularTolerance = 1e-12;

/** Newton's method x ← x − lr·H⁻¹g with the fallback rule of the module comment. */
export const newton = defineOptimizer<NewtonState>({
  name: "newton",
  label: "Newton's method",
  summary:
    "x ← x − lr·H⁻¹∇f(x); where H is singular or not positive definite, a gradient step instead.",
  usesGradient: true,
  params: [learningRateSpec(1)],
  init: (count) => ({
    stepX: new Float64Array(count),
    stepY: new Float64Array(count),
    fallback: new Uint8Array(count),
    hxx: new Float64Array(count),
    hxy: new Float64Array(count),
    hyy: new Float64Array(count),
  }),
  step(context: StepContext<NewtonState>): void {
    const { count, surface, dimension } = context;
    const { stepX, stepY, fallback, hxx, hxy, hyy } = context.state;
    const lr = context.lr;
    for (let i = 0; i < count; i++) {
      if (!context.advance(i)) continue;
      const xi = context.currentX;
      const yi = context.currentY;
      const gx = context.currentGradX;
      const gy = context.currentGradY;
      let reason = 0;
      let nx = 0;
      let ny = 0;
      if (dimension === 1) {
        const a = surface.d2fdx2(xi, 0);
        hxx[i] = a;
        hxy[i] = 0;
        hyy[i] = 0;
        if (!Number.isFinite(a) || a === 0) {
          reason = 2;
        } else {
          nx = -gx / a;
          if (a < 0) reason = 1;
        }
      } else {
        const a = surface.d2fdx2(xi, yi);
        const b = surface.d2fdxdy(xi, yi);
        const c = surface.d2fdy2(xi, yi);
        hxx[i] = a;
        hxy[i] = b;
        hyy[i] = c;
        const det = a * c - b * b;
        const scale = Math.max(Math.abs(a), Math.abs(b), Math.abs(c));
        // The negated comparison also catches NaN entries.
        if (!(Math.abs(det) > newtonSingularTolerance * scale * scale) || !Number.isFinite(det)) {
          reason = 2;
        } else {
          // H⁻¹ = [[c, −b], [−b, a]] / det.
          nx = -(c * gx - b * gy) / det;
          ny = -(a * gy - b * gx) / det;
          if (a <= 0 || det <= 0) reason = 1;
        }
      }
      stepX[i] = nx;
      stepY[i] = ny;
      fallback[i] = reason;
      if (reason === 0) context.moveTo(i, xi + lr * nx, yi + lr * ny);
      else context.moveTo(i, xi - lr * gx, yi - lr * gy);
    }
  },
  snapshot: (state, index, dimension) => ({
    newtonStep: pair(state.stepX, state.stepY, index, dimension),
    fallback: newtonFallbackReasons[state.fallback[index] ?? 0] ?? false,
    hessian:
      dimension === 1
        ? [state.hxx[index] ?? 0]
        : [
            state.hxx[index] ?? 0,
            state.hxy[index] ?? 0,
            state.hxy[index] ?? 0,
            state.hyy[index] ?? 0,
          ],
  }),
});
