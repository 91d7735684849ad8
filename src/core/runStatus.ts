/**
 * How a finished run is described in words, one rule for the page and the command line.
 */
import { domainReason, type DomainReason } from "./domainReason.ts";
import type { RunResult, RunStatus } from "./types.ts";

/**
 * Whether a run (or one start of a batch) stopped because f has no finite value at its start:
 * it diverged at step 0. The engine's divergence bound 1e12·|f(start)| + 1e12 is above |f(start)|,
 * so at step 0 only a start point or a value that is not a finite number stops a run as diverged.
 * The page and the command line call this outcome `undefined-start`, distinct from divergence.
 */
export function isUndefinedStart(status: RunStatus, steps: number): boolean {
  return status === "diverged" && steps === 0;
}

/**
 * What became of a run:
 * - `minimum`, `maximum`, `saddle`: converged (|∇f| ≤ tol) at a point the second-derivative
 *   test classifies so; `flat`: converged where the test is inconclusive; `converged`: converged
 *   with no test recorded;
 * - `budget`: the step budget ran out; `stalled`: the steps stopped moving the point;
 * - `undefined-start`: f has no finite value at the start, so no step was taken;
 * - `left-domain`: after at least one step f has no value at the point reached;
 * - `gradient-undefined`: the gradient was not a number, so the next point is not either;
 * - `diverged`: f or the point grew without bound (or overflowed).
 */
export type RunOutcome =
  | "minimum"
  | "maximum"
  | "saddle"
  | "flat"
  | "converged"
  | "budget"
  | "stalled"
  | "undefined-start"
  | "left-domain"
  | "gradient-undefined"
  | "diverged";

/**
 * How the outcome reads for the run's purpose: `success` reached what the rule seeks (a minimum,
 * or a maximum for gradient ascent); `caution` stopped short of it or somewhere else (a saddle,
 * the wrong kind of extremum, the budget, a stall); `danger` failed (undefined, diverged);
 * `neutral` converged where the second-derivative test cannot tell what the point is.
 */
export type RunTone = "success" | "caution" | "danger" | "neutral";

/** A run's outcome, its tone and a sentence fragment saying it ("stopped at a saddle point …"). */
export interface RunDescription {
  kind: RunOutcome;
  tone: RunTone;
  text: string;
}

/** What `describeRun` may use besides the result. */
export interface DescribeRunContext {
  /** The rule's registry name: for "ascent" a maximum is the goal and a minimum is not. */
  optimizer?: string;
  /**
   * The typed text of f, to say why f has no value at a point (see `domainReason`). Without it
   * the reason is only "f is NaN there" or "f is +∞ there".
   */
  surfaceText?: string;
}

const stepWord = (n: number) => `${n} step${n === 1 ? "" : "s"}`;

/** The reason f is not finite at `point`, from the expression when known, else from the value. */
function reasonAt(
  value: number,
  point: readonly number[],
  surfaceText: string | undefined,
): DomainReason {
  const found = surfaceText === undefined ? null : domainReason(surfaceText, point);
  if (found) return found;
  return Number.isNaN(value)
    ? { kind: "undefined", text: "f is NaN there" }
    : { kind: "undefined", text: `f is ${value > 0 ? "+∞" : "−∞"} there` };
}

/**
 * Describes `result` in words, by these rules (N = result.steps, xₖ the iterates):
 * - converged: by the second-derivative test at the final point: "converged to a minimum in N
 *   steps", "stopped at a saddle point after N steps", "stopped at a maximum after N steps"
 *   (for gradient ascent the maximum is the success and a minimum the surprise), "converged in
 *   N steps; the second-derivative test is inconclusive there";
 * - max-steps: "used its step budget of N steps"; stalled: "stalled after N steps: …";
 * - diverged, by where it failed:
 *   N = 0 with f(x₀) not finite: "f is not defined at the start (reason)" (or "f is too large
 *   to represent at the start (overflow in …)");
 *   x_N finite, f(x_N) not finite: "left the domain of f: f is not defined at step N (reason)",
 *   or "diverged after N steps: f overflowed (…)" when the reason is an overflow;
 *   x_N not finite after a gradient that was not finite at step N − 1: "the gradient is not
 *   defined at step N − 1 …"; otherwise "diverged after N steps: …".
 * The reason comes from `domainReason` when `context.surfaceText` is given.
 */
export function describeRun(result: RunResult, context: DescribeRunContext = {}): RunDescription {
  const n = result.steps;
  const steps = stepWord(n);
  const ascent = context.optimizer === "ascent";
  switch (result.status) {
    case "converged": {
      const kind = result.classification?.classification;
      if (kind === "minimum") {
        return {
          kind: "minimum",
          tone: ascent ? "caution" : "success",
          text: ascent
            ? `stopped at a minimum after ${steps}`
            : `converged to a minimum in ${steps}`,
        };
      }
      if (kind === "maximum") {
        return {
          kind: "maximum",
          tone: ascent ? "success" : "caution",
          text: ascent
            ? `converged to a maximum in ${steps}`
            : `stopped at a maximum after ${steps}`,
        };
      }
      if (kind === "saddle") {
        return {
          kind: "saddle",
          tone: "caution",
          text: `stopped at a saddle point after ${steps}`,
        };
      }
      if (kind === "inconclusive") {
        return {
          kind: "flat",
          tone: "neutral",
          text: `converged in ${steps}; the second-derivative test is inconclusive there`,
        };
      }
      return { kind: "converged", tone: "success", text: `converged in ${steps}` };
    }
    case "max-steps":
      return { kind: "budget", tone: "caution", text: `used its step budget of ${steps}` };
    case "stalled":
      return {
        kind: "stalled",
        tone: "caution",
        text: `stalled after ${steps}: the steps no longer move the point`,
      };
    default:
      return describeDivergence(result, context.surfaceText);
  }
}

/**
 * The outcome of a run in at most about twenty characters, for a panel too narrow for
 * `describeRun`'s sentence (a comparison's small multiples): the outcome and the steps, with
 * "converged" for the result the rule is after (a minimum, or a maximum for gradient ascent).
 * The sentence stays the full account; this never replaces it where there is room. A run that
 * was not computed (its settings refused) has no description: null.
 */
export function briefRunStatus(description: RunDescription | null, steps: number): string {
  if (description === null) return "not computed";
  const n = stepWord(steps);
  switch (description.kind) {
    case "minimum":
    case "maximum":
      return description.tone === "success" ? `converged, ${n}` : `${description.kind}, ${n}`;
    case "saddle":
      return `saddle point, ${n}`;
    case "flat":
    case "converged":
      return `converged, ${n}`;
    case "budget":
      return `out of steps (${steps})`;
    case "stalled":
      return `stalled, ${n}`;
    case "undefined-start":
      return "f undefined at start";
    case "left-domain":
      return `left domain, step ${steps}`;
    case "gradient-undefined":
      return `∇f undefined, step ${Math.max(0, steps - 1)}`;
    case "diverged":
      return `diverged, ${n}`;
  }
}

/** The diverged cases of `describeRun`. */
function describeDivergence(result: RunResult, surfaceText: string | undefined): RunDescription {
  const n = result.steps;
  const x = result.xs[n] ?? NaN;
  const y = result.ys[n] ?? NaN;
  const value = result.values[n] ?? NaN;
  const point = result.dimension === 1 ? [x] : [x, y];
  if (isUndefinedStart(result.status, n) && !(Number.isFinite(x) && Number.isFinite(y))) {
    return { kind: "undefined-start", tone: "danger", text: "the start is not a number" };
  }
  if (Number.isFinite(x) && Number.isFinite(y) && !Number.isFinite(value)) {
    const reason = reasonAt(value, point, surfaceText);
    if (isUndefinedStart(result.status, n)) {
      return reason.kind === "overflow"
        ? {
            kind: "undefined-start",
            tone: "danger",
            text: `f is too large to represent at the start (${reason.text})`,
          }
        : {
            kind: "undefined-start",
            tone: "danger",
            text: `f is not defined at the start (${reason.text})`,
          };
    }
    return reason.kind === "overflow"
      ? {
          kind: "diverged",
          tone: "danger",
          text: `diverged after ${stepWord(n)}: f overflowed (${reason.text})`,
        }
      : {
          kind: "left-domain",
          tone: "danger",
          text: `left the domain of f: f is not defined at step ${n} (${reason.text})`,
        };
  }
  if (n > 0 && !(Number.isFinite(x) && Number.isFinite(y))) {
    const gx = result.gradX[n - 1] ?? NaN;
    const gy = result.gradY[n - 1] ?? NaN;
    if (!Number.isFinite(gx) || !Number.isFinite(gy)) {
      const what = Number.isNaN(gx) || Number.isNaN(gy) ? "NaN" : "infinite";
      return {
        kind: "gradient-undefined",
        tone: "danger",
        text: `the gradient is not defined at step ${n - 1} (it is ${what} there), so the next point is not a number`,
      };
    }
    return {
      kind: "diverged",
      tone: "danger",
      text: `diverged after ${stepWord(n)}: the point ran off beyond any number`,
    };
  }
  return {
    kind: "diverged",
    tone: "danger",
    text: `diverged after ${stepWord(n)}: |f| grew past 10¹² × (|f(start)| + 1)`,
  };
}
