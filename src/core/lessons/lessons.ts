/**
 * The lessons, in the order the list shows them: the ideas of gradient descent as the product
 * teaches them (the update rule, steepest descent, learning rates, valleys, many minima,
 * saddles, gradient checks, curvature, and search without gradients). Each number a step states
 * is checked against the core in tests/core/lessons.test.ts, so a change to a step rule that
 * would make a sentence false fails there.
 */
import { createRandom } from "../random.ts";
import {
  DEFAULT_SPEED,
  DEFAULT_VIEW,
  makeDocument,
  type Box,
  type DataSettings,
  type RunDraft,
  type ScenarioDocument,
} from "../scenario/document.ts";
import type { CompareBy } from "../compare/settings.ts";
import { findLesson, type Lesson, type LessonStep } from "./lesson.ts";

export type { Lesson, LessonPosition, LessonStep } from "./lesson.ts";

const square3: Box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };
const square5: Box = { xmin: -5, xmax: 5, ymin: -5, ymax: 5 };

/** A step's picture: its function, box and runs, the step shown, and a comparison if any. */
interface Picture {
  f: string;
  box: Box;
  runs: RunDraft[];
  /** The playback step shown (0: the start). */
  at?: number;
  compare?: CompareBy;
  /** A fit to data: the surface is this loss over data (`f` waits for the person). */
  data?: DataSettings;
  /** View options other than the defaults. */
  view?: Partial<typeof DEFAULT_VIEW>;
}

function picture({ f, box, runs, at = 0, compare, data, view }: Picture): ScenarioDocument {
  return makeDocument(f, box, runs, {
    playback: { step: at, speed: DEFAULT_SPEED },
    ...(data ? { data } : {}),
    ...(view ? { view: { ...DEFAULT_VIEW, ...view } } : {}),
    // A comparison opens on a log loss axis, as Compare does.
    ...(compare
      ? {
          compare: { by: compare, runs: runs.map((_, index) => index) },
          view: { ...DEFAULT_VIEW, logLoss: true },
        }
      : {}),
  });
}

function step(title: string, text: string, shown: Picture): LessonStep {
  return { title, text, document: picture(shown) };
}

// 1. The update rule in one variable ---------------------------------------------------------

const fence = { f: "100*x - x^2", box: { xmin: 0, xmax: 100, ymin: -1, ymax: 1 } };
const ascentFrom57: RunDraft = {
  start: [57],
  optimizer: "ascent",
  params: { lr: 0.05 },
  maxSteps: 300,
};

/** Steps gradient ascent from 57 takes to converge at l = 50 (checked in the tests). */
export const FENCE_ASCENT_STEPS = 157;

const updateRule: Lesson = {
  id: "update-rule",
  title: "The update rule in one variable",
  summary: "The fence problem: the tangent at 57, A′(57) = −14, and ascent to l = 50.",
  steps: [
    step(
      "The tangent at 57",
      "200 m of fence around a rectangle of side l (shown as x) encloses A(l) = 100l − l². At the guess l = 57 the tangent's slope is A′(57) = 100 − 2·57 = −14: the area falls as l grows, so a larger area lies to the left.",
      { ...fence, runs: [ascentFrom57] },
    ),
    step(
      "One step of gradient ascent",
      "Ascent moves along the slope, scaled by the learning rate: l₁ = l₀ + lr·A′(l₀) = 57 + 0.05·(−14) = 56.3. Press → to take the next step and watch the tangent flatten.",
      { ...fence, runs: [ascentFrom57], at: 1 },
    ),
    step(
      "To the top",
      "Each step is lr times the slope, and the slope shrinks near the top, so the steps shrink too. Ascent ends at l = 50, where A′(50) = 0 and A = 2500: the square is the best rectangle.",
      { ...fence, runs: [ascentFrom57], at: FENCE_ASCENT_STEPS },
    ),
    step(
      "Descent goes the other way",
      "Gradient descent subtracts the slope instead: l₁ = 57 − 0.05·(−14) = 57.7, away from the top. This A has no lowest point, so descent runs off and diverges: the sign in the update rule decides whether a run climbs or falls.",
      {
        ...fence,
        runs: [{ start: [57], optimizer: "gd", params: { lr: 0.05 }, maxSteps: 300 }],
        at: 1,
      },
    ),
  ],
};

// 2. Steepest descent --------------------------------------------------------------------------

const bowl3 = { f: "x^2 + 3*y^2", box: square3 };
const descentFrom21: RunDraft = {
  start: [2, 1],
  optimizer: "gd",
  params: { lr: 0.1 },
  maxSteps: 100,
};

const steepestDescent: Lesson = {
  id: "steepest-descent",
  title: "Steepest descent",
  summary: "The gradient field, |∇f| cos θ, and why a step goes along −∇f.",
  steps: [
    step(
      "The gradient field",
      "The arrows on the contour map are −∇f. Here ∇f = (2x, 6y), so at (2, 1) it is (4, 6). The arrows cross every contour line at a right angle and are longer where the surface is steeper.",
      { ...bowl3, runs: [descentFrom21] },
    ),
    step(
      "|∇f| cos θ",
      "Along a unit direction v, f changes at the rate ∇f·v = |∇f| cos θ, θ the angle between v and ∇f. At (2, 1), |∇f| = √52 ≈ 7.21: f falls fastest, at 7.21 per unit, for θ = π, along −∇f; along the contour line (θ = π/2) it does not change at first.",
      { ...bowl3, runs: [descentFrom21] },
    ),
    step(
      "Why the step goes along −∇f",
      "Descent steps along −∇f, scaled by lr: x₁ = (2, 1) − 0.1·(4, 6) = (1.6, 0.4). Drag the start anywhere: the first step always leaves at a right angle to the contour line through it.",
      { ...bowl3, runs: [descentFrom21], at: 1 },
    ),
  ],
};

// 3. The four learning-rate regimes -------------------------------------------------------------

const regimes = { f: "x^2 + 2*y^2", box: square3 };
const rate = (lr: number): RunDraft => ({
  start: [-2.5, 2],
  optimizer: "gd",
  params: { lr },
  maxSteps: 100,
});

const learningRates: Lesson = {
  id: "learning-rates",
  title: "The four learning-rate regimes",
  summary: "Crawl, converge, oscillate, diverge, and the edge 2/λmax.",
  steps: [
    step(
      "A good rate",
      "On f = x² + 2y² with lr = 0.22, descent reaches the minimum at (0, 0) in 27 steps and stays there. The next steps change only the rate.",
      { ...regimes, runs: [rate(0.22)] },
    ),
    step(
      "Too small: a crawl",
      "lr = 0.01 shrinks x by only 1 − 0.01·2 = 0.98 a step. After its 100 steps f is still above 0.1, while 0.22 finished long ago.",
      { ...regimes, runs: [rate(0.22), rate(0.01)] },
    ),
    step(
      "Large: oscillation",
      "A rate of 0.45 multiplies y by 1 − 0.45·4 = −0.8 a step: y changes sign every step and the run swings across the valley. Yet the swings shrink, and it settles in 72 steps.",
      { ...regimes, runs: [rate(0.22), rate(0.01), rate(0.45)] },
    ),
    step(
      "Too large: divergence",
      "lr = 0.6 multiplies y by 1 − 0.6·4 = −1.4: every swing is larger than the last, and f passes 10¹³ in 43 steps. On the loss curve it leaves the scale.",
      { ...regimes, runs: [rate(0.22), rate(0.01), rate(0.45), rate(0.6)] },
    ),
    step(
      "The edge 2/λmax",
      "On a quadratic, descent is stable only when lr < 2/λmax, λmax the largest eigenvalue of the Hessian. Here H = diag(2, 4), so 2/λmax = 0.5: 0.45 settles and 0.6 cannot. “Four regimes” finds the edge on any function.",
      {
        ...regimes,
        runs: [rate(0.01), rate(0.22), rate(0.45), rate(0.6)],
        compare: "lr",
      },
    ),
  ],
};

// 4. Elongated valleys ------------------------------------------------------------------------

const valley = { f: "x^2 + 10*y^2", box: square3 };
const inValley = (draft: Omit<RunDraft, "start" | "maxSteps">): RunDraft => ({
  start: [-2.5, 1.5],
  maxSteps: 200,
  ...draft,
});
const zigzag = inValley({ optimizer: "gd", params: { lr: 0.09 } });
const slow = inValley({ optimizer: "gd", params: { lr: 0.02 } });
const heavy = inValley({ optimizer: "momentum", params: { lr: 0.02, momentum: 0.8 } });
const adaptive = inValley({ optimizer: "adam", params: { lr: 0.2 } });

const valleys: Lesson = {
  id: "valleys",
  title: "Elongated valleys",
  summary: "Plain descent zigzags across a narrow valley; momentum and Adam cut through.",
  steps: [
    step(
      "The zigzag",
      "f = x² + 10y² is 10 times steeper across the valley than along it. With lr = 0.09 each step multiplies y by 1 − 0.09·20 = −0.8 and x by 1 − 0.09·2 = 0.82: y flips sign every step while x creeps along.",
      { ...valley, runs: [zigzag] },
    ),
    step(
      "A smaller rate is no cure",
      "A rate of 0.02 ends the zigzag: y shrinks by 0.6 a step. But x now shrinks by only 0.96 a step, and the run uses all its 200 steps without converging.",
      { ...valley, runs: [zigzag, slow] },
    ),
    step(
      "Momentum",
      "Momentum adds up past steps: across the valley they cancel, along it they build speed. At the same lr = 0.02 with μ = 0.8 it converges in 133 steps.",
      { ...valley, runs: [zigzag, slow, heavy] },
    ),
    step(
      "Adam",
      "Adam scales each coordinate's step by the running size of its own gradient, so the steep and the shallow direction move alike: its first step moves x and y by lr = 0.2 each, however different their slopes. It overshoots and circles in, and ends closer to the minimum than plain descent at 0.02.",
      { ...valley, runs: [zigzag, slow, heavy, adaptive] },
    ),
  ],
};

// 5. Many minima ------------------------------------------------------------------------------

const himmelblau = "(x^2 + y - 11)^2 + (x + y^2 - 7)^2";
const twoDepths = { f: "x^4 - 4*x^2 + x + y^2", box: { xmin: -2.5, xmax: 2.5, ymin: -2, ymax: 2 } };
const depthRun = (start: number[]): RunDraft => ({
  start,
  optimizer: "gd",
  params: { lr: 0.04 },
  maxSteps: 300,
});

/** The random starts of the restarts step: seed 2024, uniform in the box, to two decimals. */
export function restartStarts(count: number, box: Box, seed: number): number[][] {
  const random = createRandom(seed);
  const round = (value: number) => Math.round(value * 100) / 100;
  return Array.from({ length: count }, () => [
    round(random.uniformIn(box.xmin, box.xmax)),
    round(random.uniformIn(box.ymin, box.ymax)),
  ]);
}

/** How many of the eight random starts end in the deep minimum (checked in the tests). */
export const RESTARTS_IN_DEEP = 5;

const manyMinima: Lesson = {
  id: "many-minima",
  title: "Many minima",
  summary: "Where a run starts decides where it ends; random restarts find lower minima.",
  steps: [
    step(
      "Four minima, four ends",
      "Himmelblau's function has four minima, all with f = 0. Four runs with the same settings from (±1, ±1) end at four different ones: where a run starts decides where it ends.",
      {
        f: himmelblau,
        box: square5,
        runs: [
          [1, 1],
          [-1, 1],
          [-1, -1],
          [1, -1],
        ].map((start) => ({ start, optimizer: "gd", params: { lr: 0.01 }, maxSteps: 300 })),
      },
    ),
    step(
      "Minima of different depth",
      "f = x⁴ − 4x² + x + y² has a deep minimum near x = −1.47 (f ≈ −5.44) and a shallow one near x = 1.35 (f ≈ −2.62). Two starts 0.7 apart, on either side of the ridge at x ≈ 0.13, end in different ones: descent never climbs out of the shallow one.",
      { ...twoDepths, runs: [depthRun([-0.3, 1.5]), depthRun([0.4, 1.5])] },
    ),
    step(
      "Random restarts",
      `Eight starts drawn at random: ${RESTARTS_IN_DEEP} of them end in the deep minimum. Keep the lowest end of a few restarts and you find the deep minimum, though no single run knew where it was.`,
      { ...twoDepths, runs: restartStarts(8, twoDepths.box, 2024).map(depthRun) },
    ),
  ],
};

// 6. Saddle points -----------------------------------------------------------------------------

const saddle = { f: "x^2 + y^4/4 - y^2", box: square3 };
const saddleRun = (start: number[], noise?: number): RunDraft => ({
  start,
  optimizer: "gd",
  params: { lr: 0.1 },
  maxSteps: 200,
  ...(noise === undefined ? {} : { noise }),
});

const saddles: Lesson = {
  id: "saddles",
  title: "Saddle points",
  summary: "Plain descent stops at a saddle; a nudge or noise leaves it.",
  steps: [
    step(
      "Stuck at a saddle",
      "f = x² + y⁴/4 − y² has a saddle at (0, 0) and minima at (0, ±√2), where f = −1. A run starting on the x-axis never leaves it, as ∂f/∂y = y³ − 2y is 0 there: descent stops at the saddle, where the gradient vanishes too.",
      { ...saddle, runs: [saddleRun([2.5, 0])] },
    ),
    step(
      "A nudge",
      "Start 0.01 off the axis and the saddle pushes the run away: near y = 0 each step multiplies y by about 1 + 0.1·2 = 1.2. The run ends at the minimum (0, √2) with f = −1.",
      { ...saddle, runs: [saddleRun([2.5, 0]), saddleRun([2.5, 0.01])] },
    ),
    step(
      "Noise",
      "Gradient noise does it without a nudge: with σ = 0.05 the run on the axis drifts off the saddle and ends near a minimum, f within 0.01 of −1. Noise keeps it moving, so it uses its whole budget.",
      { ...saddle, runs: [saddleRun([2.5, 0]), saddleRun([2.5, 0], 0.05)] },
    ),
  ],
};

// 7. Exact gradients against finite differences -------------------------------------------------

const hills = { f: "sin(x) * cos(y)", box: square5 };
const checked = (gradient: RunDraft["gradient"], h?: number): RunDraft => ({
  start: [0.5, 0.5],
  optimizer: "gd",
  params: { lr: 0.3 },
  maxSteps: 200,
  gradient,
  ...(h === undefined ? {} : { h }),
});

const gradientCheckLesson: Lesson = {
  id: "gradient-check",
  title: "Exact gradients against finite differences",
  summary: "Forward, backward and central differences, and their error against h.",
  steps: [
    step(
      "Exact and central",
      "The exact gradient comes from the formula, by the chain rule. The central difference (f(x + h) − f(x − h))/(2h) with h = 10⁻⁴ is so close to it that the two paths coincide, both ending at the minimum (−π/2, 0) with f = −1.",
      { ...hills, runs: [checked("analytic"), checked("central", 1e-4)], compare: "gradient" },
    ),
    step(
      "A large h",
      "With h = 0.5 the one-sided differences miss: the forward difference of sin is its slope half a step ahead, so that run ends h/2 = 0.25 off in x and y, at (−1.82, −0.25); the backward one at (−1.32, 0.25). The central one still ends within 10⁻⁵ of (−π/2, 0).",
      {
        ...hills,
        runs: [
          checked("analytic"),
          checked("central", 0.5),
          checked("forward", 0.5),
          checked("backward", 0.5),
        ],
        compare: "gradient",
      },
    ),
    step(
      "The error against h",
      "At (1, 0.5) the forward difference's relative error is 8.4·10⁻³ at h = 10⁻² and 8.4·10⁻⁵ at h = 10⁻⁴: it shrinks like h. The central one's is 1.7·10⁻⁵ and 1.7·10⁻⁹: like h². Far smaller h stops helping, as rounding in f(x + h) − f(x) takes over.",
      {
        ...hills,
        runs: [
          { ...checked("analytic"), start: [1, 0.5] },
          { ...checked("forward", 1e-2), start: [1, 0.5] },
        ],
      },
    ),
  ],
};

// 8. Curvature: Newton's step and line search ----------------------------------------------------

const rosenbrock = {
  f: "(1 - x)^2 + 100*(y - x^2)^2",
  box: { xmin: -2, xmax: 2, ymin: -1, ymax: 3 },
};

const curvature: Lesson = {
  id: "curvature",
  title: "Curvature: Newton's step and line search",
  summary: "x − H⁻¹∇f lands on a quadratic's minimum at once; line searches choose the step.",
  steps: [
    step(
      "Newton's step",
      "Newton's method divides the gradient by the curvature: x − H⁻¹∇f. On a quadratic that is exact, so it lands on the minimum in one step: from (−2.5, 1.5) straight to (0, 0), where descent at lr = 0.09 takes 80 steps.",
      { ...valley, runs: [inValley({ optimizer: "newton" }), zigzag] },
    ),
    step(
      "Exact line search",
      "Exact line search walks along −∇f until f stops falling, where the new gradient is at a right angle to the direction. So each step turns 90° from the last, and the run converges in 19 steps.",
      { ...valley, runs: [inValley({ optimizer: "linesearch" })] },
    ),
    step(
      "On a curved valley",
      "On Rosenbrock's curved valley Newton reaches the minimum (1, 1) in 6 steps. Backtracking tries lr = 1 and halves it until f falls enough: below f = 0.001 in 1000 steps. Plain descent at its stable rate 0.0015 is still above f = 0.1.",
      {
        ...rosenbrock,
        runs: [
          { start: [-1.2, 1], optimizer: "newton", maxSteps: 1000 },
          { start: [-1.2, 1], optimizer: "backtracking", maxSteps: 1000 },
          { start: [-1.2, 1], optimizer: "gd", params: { lr: 0.0015 }, maxSteps: 1000 },
        ],
      },
    ),
  ],
};

// 9. Without gradients -------------------------------------------------------------------------

const searchPicture = { f: himmelblau, box: square5 };
const searchRun = (optimizer: RunDraft["optimizer"], lr?: number): RunDraft => ({
  start: [0, 0],
  optimizer,
  ...(lr === undefined ? {} : { params: { lr } }),
  maxSteps: 200,
});

const withoutGradients: Lesson = {
  id: "without-gradients",
  title: "Without gradients",
  summary: "Random search and random local search against descent.",
  steps: [
    step(
      "Random search",
      "Random search ignores the slope: it tries random points in the box and keeps the best. After 200 tries on Himmelblau's function its best point still has f above 0.5.",
      { ...searchPicture, runs: [searchRun("random-search")] },
    ),
    step(
      "Random local search",
      "Random local search tries a random point near the best so far and moves there if it is lower. Each try is a guess at the downhill direction, and after 200 tries it is below f = 0.001.",
      { ...searchPicture, runs: [searchRun("random-search"), searchRun("random-local")] },
    ),
    step(
      "Descent",
      "Gradient descent knows the downhill direction at every point: from the same start it reaches the minimum (3, 2) in 62 steps, f below 10⁻¹². One gradient says more than many random tries.",
      {
        ...searchPicture,
        runs: [searchRun("random-search"), searchRun("random-local"), searchRun("gd", 0.01)],
      },
    ),
  ],
};

// 10. Fitting data --------------------------------------------------------------------------

const lineData: DataSettings = { source: "line", model: "line", loss: "mse", standardize: false };
const lineBox: Box = { xmin: -1, xmax: 5, ymin: -1.9, ymax: 4.1 };
const lineRun: RunDraft = {
  start: [-0.1, 3.2],
  optimizer: "gd",
  params: { lr: 0.1 },
  maxSteps: 300,
};

const fittingData: Lesson = {
  id: "fitting-data",
  title: "Fitting data",
  summary: "Loss surfaces over a model's parameters: least squares, mini-batches, bias, minima.",
  steps: [
    step(
      "A line's loss is a bowl",
      "Fitting w·x + b to 50 noisy points means descending their mean squared error over (w, b). That loss is a bowl whose bottom is the least-squares fit, w ≈ 1.99 and b ≈ 1.09 (the ◆), and descent at lr 0.1 reaches it in 69 steps.",
      { f: "x^2 + y^2", box: lineBox, runs: [lineRun], data: lineData },
    ),
    step(
      "Mini-batches",
      "A step on 5 of the 50 points costs a tenth of a full step but points only roughly downhill: its loss curve jitters and it never settles exactly. Plotted by epoch, ten of its steps take as long as one full step.",
      {
        f: "x^2 + y^2",
        box: lineBox,
        runs: [lineRun, { ...lineRun, batch: 5 }],
        data: lineData,
        view: { lossByEpoch: true },
      },
    ),
    step(
      "High bias",
      "The same line on parabolic data reaches the minimum of its loss, but that minimum is MSE ≈ 8.35 against 0.18 on the line's own data. Descent found the best line; no line fits a parabola.",
      {
        f: "x^2 + y^2",
        box: { xmin: -4.8, xmax: 4.8, ymin: -1.6, ymax: 8 },
        runs: [{ start: [-3.4, 6.6], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 300 }],
        data: { ...lineData, source: "parabola" },
      },
    ),
    step(
      "Two minima",
      "A one-unit network w₂·tanh(w₁·x) is not linear in its parameters, and its loss has two minima. From w₁ = 1 descent settles at MSE ≈ 0.203; from w₁ = 3 it finds the deeper one, MSE ≈ 0.140.",
      {
        f: "x^2 + y^2",
        box: { xmin: 0, xmax: 7, ymin: -1, ymax: 4 },
        runs: [
          { start: [1, 0.5], optimizer: "gd", params: { lr: 0.5 }, maxSteps: 2000 },
          { start: [3, 0.5], optimizer: "gd", params: { lr: 0.5 }, maxSteps: 2000 },
        ],
        data: { source: "tanh", model: "tanh-unit", loss: "mse", standardize: false },
      },
    ),
  ],
};

/** The lessons, in the order the list shows them. */
export const lessons: readonly Lesson[] = [
  updateRule,
  steepestDescent,
  learningRates,
  valleys,
  manyMinima,
  saddles,
  gradientCheckLesson,
  curvature,
  withoutGradients,
  fittingData,
];

/** The lesson with this id, or undefined. */
export function getLesson(id: string): Lesson | undefined {
  return findLesson(lessons, id);
}
