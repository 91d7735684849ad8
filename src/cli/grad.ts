import { formatNumber as formatCore } from "../core/format.ts";
import { classifyCriticalPoint, gradientVanishes, hessianAt } from "../core/critical.ts";
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
eigenvalues and the second-derivative test: minimum, maximum, saddle or inconclusive. The test
describes a critical point only where the gradient vanishes ("critical" in the JSON output).

JSON keys: value, gradient, hessian, eigenvalues, classification, finiteDifference
({ forward, backward, central }, each { gradient, relativeError, absoluteError }), plus point,
gradientNorm, critical. Where the exact gradient is 0 any rounding makes the relative error 1:
read the absolute error |g - g_fd| there. Non-finite numbers print as null.

Exit status: 0 on success, 2 on bad input (message on stderr, nothing on stdout).`;

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
    const { classification, eigenvalues } = classifyCriticalPoint(surface, point);
    const critical = gradientVanishes(gradientNorm);
    const finiteDifference = Object.fromEntries(
      finiteDifferenceKinds.map((kind) => [
        kind,
        {
          gradient: check[kind].gradient,
          relativeError: check[kind].relativeError,
          absoluteError: check[kind].absoluteError,
        },
      ]),
    );

    if (values.json) {
      io.out(
        JSON.stringify({
          point,
          value,
          gradient,
          gradientNorm,
          critical,
          hessian,
          eigenvalues,
          classification,
          finiteDifference,
        }),
      );
      return 0;
    }

    const variables = surface.dimension === 2 ? "x, y" : "x";
    const lines = [
      `f(${variables}) = ${surface.normalized}`,
      `at (${point.map(formatNumber).join(", ")})`,
      "",
      `value           ${formatNumber(value)}`,
      `gradient        ${formatVector(gradient)}   exact, |grad f| = ${formatNumber(gradientNorm)}`,
      ...finiteDifferenceKinds.map(
        (kind) =>
          `  ${kind.padEnd(13)} ${formatVector(check[kind].gradient)}   relative error ${formatCore(check[kind].relativeError, 3)}, absolute ${formatCore(check[kind].absoluteError, 3)}`,
      ),
      `Hessian         [${hessian.map(formatVector).join(", ")}]`,
      `eigenvalues     ${formatVector(eigenvalues)}`,
      `classification  ${classification}${critical ? "" : " (second-derivative test; not a critical point: the gradient does not vanish here)"}`,
    ];
    io.out(lines.join("\n"));
    return 0;
  },
};
