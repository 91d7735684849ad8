import { formatNumber as formatCore } from "../core/format.ts";
import { classifyCriticalPoint, gradientVanishes, hessianAt } from "../core/critical.ts";
import { domainReason } from "../core/domainReason.ts";
import type { Surface } from "../core/types.ts";
import { finiteDifferenceKinds, gradientCheck } from "../core/finiteDifference.ts";
import { CliError, parseNumberList, parseNumberOption, parseOptions } from "./common.ts";
import type { Command, CliIo } from "./command.ts";
import { surfaceOption } from "./surfaceOption.ts";

const help = `descent grad: value, gradients, Hessian and second-derivative test at a point

Usage: descent grad --f "<expr>" --at <x>[,<y>] [--h <step>] [--json]

Options:
  --f <expr>     the function of x (and y), e.g. "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"
  --at <x>[,<y>] the point: one number for a function of x alone, two otherwise
  --h <step>     finite-difference step (default: sqrt(eps)*max(1,|x|) one-sided,
                 cbrt(eps)*max(1,|x|) central)
  --json         print one JSON object instead of text
  --help         this help

Prints f, the exact gradient (symbolic), the forward, backward and central finite-difference
gradients with their relative errors |g - g_fd| / max(|g|, |g_fd|), the exact Hessian, its
eigenvalues and, at a critical point (|grad f| <= 1e-6, where a run stops as converged), the
second-derivative test: minimum, maximum, saddle or inconclusive. Elsewhere it says "not a
critical point" and classifies nothing. Where f, its gradient or its Hessian is not defined at
the point (log(x) at x = -1) it says so and why, on stderr too, and classifies nothing.

JSON keys (every one always present; a number that is not finite prints as null):
  point            the point, [x] or [x, y]
  defined          true when f, the gradient and the Hessian all have finite values there
  reason           null, or why not, e.g. "f is not defined there: log of a negative number"
  value            f at the point (null where f is not defined)
  gradient         the exact gradient (null where f is not defined)
  gradientNorm     |grad f| (null where the gradient is not defined)
  critical         |grad f| <= 1e-6 (null where the gradient is not defined)
  hessian          [[f_xx, f_xy], [f_xy, f_yy]], or [[f'']] (null where f is not defined)
  eigenvalues      the Hessian's, ascending (null where the Hessian is not defined)
  classification   minimum, maximum, saddle or inconclusive at a critical point where
                   everything is defined; null otherwise
  finiteDifference { forward, backward, central }, each { gradient, relativeError,
                   absoluteError } (null where f is not defined). Where the exact gradient is
                   0 any rounding makes the relative error 1: read the absolute error there.

Exit status: 0 when the point was examined (defined or not), 2 on bad input (message on
stderr, nothing on stdout).`;

/** Twelve significant digits: enough to check by hand, short enough to read. */
const formatNumber = (value: number) => formatCore(value, 12);

const formatVector = (values: readonly number[]) => `[${values.map(formatNumber).join(", ")}]`;

/** `descent grad`: the exact and finite-difference derivatives of a typed function at a point. */
export const gradCommand: Command = {
  summary: "value, exact and finite-difference gradients, Hessian and classification at a point",
  help,
  run(argv: string[], io: CliIo): number {
    const values = parseOptions("grad", argv, {
      f: { type: "string" },
      at: { type: "string" },
      h: { type: "string" },
      json: { type: "boolean" },
    });
    const surface = surfaceOption("grad", values.f);
    if (values.at === undefined) {
      throw new CliError(
        `descent grad: --at is required, e.g. --at ${surface.dimension === 2 ? "1,2" : "1"}`,
      );
    }
    const count = values.at.split(",").length;
    if (count !== surface.dimension) {
      throw new CliError(
        surface.dimension === 1
          ? `descent grad: f depends on x only, so --at takes one number (got "${values.at}")`
          : `descent grad: f depends on x and y, so --at takes two numbers x,y (got "${values.at}")`,
      );
    }
    const point = parseNumberList("grad", "at", values.at, [surface.dimension]);
    const h = parseNumberOption("grad", "h", values.h);
    if (h !== undefined && !(h > 0)) {
      throw new CliError(`descent grad: --h must be a positive step, got "${values.h}"`);
    }
    const [x = 0, y = 0] = point;
    const value = surface.f(x, y);
    const check = gradientCheck(surface, point, h);
    const gradient = check.exact;
    const gradientNorm = Math.hypot(...gradient);
    const hessian = hessianAt(surface, x, y);
    const reason = undefinedReason(surface, point, value, gradient, hessian);
    const fDefined = Number.isFinite(value);
    const gradientDefined = fDefined && gradient.every(Number.isFinite);
    const critical = gradientDefined ? gradientVanishes(gradientNorm) : null;
    const { classification, eigenvalues } = classifyCriticalPoint(surface, point);
    const classified = reason === null && critical === true ? classification : null;
    const finiteDifference = fDefined
      ? Object.fromEntries(
          finiteDifferenceKinds.map((kind) => [
            kind,
            {
              gradient: check[kind].gradient,
              relativeError: check[kind].relativeError,
              absoluteError: check[kind].absoluteError,
            },
          ]),
        )
      : null;
    const where = `(${point.map(formatNumber).join(", ")})`;
    if (reason !== null) io.err(`descent grad: at ${where}: ${reason}`);

    if (values.json) {
      io.out(
        JSON.stringify({
          point,
          defined: reason === null,
          reason,
          value: fDefined ? value : null,
          gradient: fDefined ? gradient : null,
          gradientNorm: gradientDefined ? gradientNorm : null,
          critical,
          hessian: fDefined ? hessian : null,
          eigenvalues: reason === null ? eigenvalues : null,
          classification: classified,
          finiteDifference,
        }),
      );
      return 0;
    }

    const variables = surface.dimension === 2 ? "x, y" : "x";
    const head = [`f(${variables}) = ${surface.normalized}`, `at ${where}`, ""];
    if (!fDefined) {
      io.out(
        [
          ...head,
          `value           none: ${reason}`,
          "classification  none: f has no value here",
        ].join("\n"),
      );
      return 0;
    }
    const verdict =
      reason !== null
        ? `none: ${reason}`
        : critical === true
          ? `${classification} (second-derivative test at a critical point)`
          : `none: not a critical point (|∇f| = ${formatNumber(gradientNorm)})`;
    const lines = [
      ...head,
      `value           ${formatNumber(value)}`,
      `gradient        ${formatVector(gradient)}   exact, |grad f| = ${formatNumber(gradientNorm)}`,
      ...finiteDifferenceKinds.map(
        (kind) =>
          `  ${kind.padEnd(13)} ${formatVector(check[kind].gradient)}   relative error ${formatCore(check[kind].relativeError, 3)}, absolute ${formatCore(check[kind].absoluteError, 3)}`,
      ),
      `Hessian         [${hessian.map(formatVector).join(", ")}]`,
      `eigenvalues     ${reason === null ? formatVector(eigenvalues) : "not defined"}`,
      `classification  ${verdict}`,
    ];
    io.out(lines.join("\n"));
    return 0;
  },
};

const partialNames = {
  gradient: ["∂f/∂x", "∂f/∂y"],
  hessian: ["∂²f/∂x²", "∂²f/∂x∂y", "∂²f/∂y²"],
};

/** "NaN" or "+∞" or "−∞", for the reason a derivative is not defined. */
const nonFinite = (v: number) => (Number.isNaN(v) ? "NaN" : v > 0 ? "+∞" : "−∞");

/**
 * Why f, its gradient or its Hessian has no finite value at the point, or null when all do. The
 * reason f fails comes from core's `domainReason`, the words the page uses for a run's start.
 */
function undefinedReason(
  surface: Surface,
  point: readonly number[],
  value: number,
  gradient: readonly number[],
  hessian: readonly (readonly number[])[],
): string | null {
  if (!Number.isFinite(value)) {
    const found = domainReason(surface.text, point);
    if (found?.kind === "overflow") return `f is too large to represent there: ${found.text}`;
    return `f is not defined there: ${found?.text ?? `f is ${nonFinite(value)}`}`;
  }
  const badGradient = gradient.findIndex((g) => !Number.isFinite(g));
  if (badGradient >= 0) {
    const name = surface.dimension === 1 ? "f'" : partialNames.gradient[badGradient];
    return `the gradient is not defined there: ${name} is ${nonFinite(gradient[badGradient]!)}`;
  }
  const entries =
    surface.dimension === 1
      ? [hessian[0]![0]!]
      : [hessian[0]![0]!, hessian[0]![1]!, hessian[1]![1]!];
  const badHessian = entries.findIndex((h) => !Number.isFinite(h));
  if (badHessian >= 0) {
    const name = surface.dimension === 1 ? "f''" : partialNames.hessian[badHessian];
    return `the Hessian is not defined there: ${name} is ${nonFinite(entries[badHessian]!)}`;
  }
  return null;
}
