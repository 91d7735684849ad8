/**
 * Presets: named, one-click scenario documents for the explorer, each chosen so that the thing
 * to notice actually happens; the claims in each explanation are checked against the core in
 * tests/core/scenario/presets.test.ts.
 */
import { makeDocument, type Box, type DataSettings, type RunDraft } from "./document.ts";
import type { Preset } from "./preset.ts";

export type { Preset } from "./preset.ts";

/** A preset as written below: its function, box and runs as drafts (defaults filled in later). */
interface PresetSource {
  id: string;
  title: string;
  explanation: string;
  f: string;
  box: Box;
  runs: RunDraft[];
  /** A data scenario: the surface is this loss over data, and `f` waits for the person. */
  data?: DataSettings;
}

/** The typed function a data preset keeps for when the person goes back to typing. */
const DATA_F = "x^2 + y^2";

const square3: Box = { xmin: -3, xmax: 3, ymin: -3, ymax: 3 };

/**
 * The presets, in the order the picker shows them.
 *
 * Where a claim depends on the learning rate, the rate is placed relative to the stability
 * edge of plain descent on a quadratic, lr < 2 / lambda_max(H): each coordinate along an
 * eigenvector v_i is multiplied by (1 - lr * lambda_i) per step.
 */
const sources: readonly PresetSource[] = [
  {
    id: "elongated-bowl",
    title: "Elongated bowl",
    explanation:
      "f = x² + 10y² is 10 times steeper across than along: plain descent zigzags across the valley while momentum and Adam cut through.",
    f: "x^2 + 10*y^2",
    box: square3,
    // H = diag(2, 20): lr 0.09 multiplies y by 1 - 1.8 = -0.8 per step (zigzag), lr 0.02 by 0.6.
    runs: [
      { start: [-2.5, 1.5], optimizer: "gd", params: { lr: 0.09 }, maxSteps: 200 },
      { start: [-2.5, 1.5], optimizer: "gd", params: { lr: 0.02 }, maxSteps: 200 },
      {
        start: [-2.5, 1.5],
        optimizer: "momentum",
        params: { lr: 0.02, momentum: 0.8 },
        maxSteps: 200,
      },
      { start: [-2.5, 1.5], optimizer: "adam", params: { lr: 0.2 }, maxSteps: 200 },
    ],
  },
  {
    id: "convex-bowl",
    title: "Convex bowl",
    explanation:
      "f = x² + y² has one minimum at (0, 0); from anywhere, the negative gradient points straight at it.",
    f: "x^2 + y^2",
    box: square3,
    // H = 2I: lr 0.1 shrinks the distance to the origin by 1 - 0.2 = 0.8 per step.
    runs: [
      { start: [2.5, 2], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 100 },
      { start: [-2, -1], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 100 },
    ],
  },
  {
    id: "lr-regimes",
    title: "Learning-rate regimes",
    explanation:
      "Same start, same budget on f = x² + 2y² (λmax = 4, so descent is stable only for lr < 0.5): 0.01 crawls, 0.22 converges in about 25 steps, 0.45 oscillates before settling, 0.6 diverges.",
    f: "x^2 + 2*y^2",
    box: square3,
    // H = diag(2, 4). Per-step factors (x, y): lr 0.01 -> (0.98, 0.96); lr 0.22 -> (0.56, 0.12);
    // lr 0.45 -> (0.1, -0.8); lr 0.6 -> (-0.2, -1.4), which grows without bound.
    runs: [
      { start: [-2.5, 2], optimizer: "gd", params: { lr: 0.01 }, maxSteps: 100 },
      { start: [-2.5, 2], optimizer: "gd", params: { lr: 0.22 }, maxSteps: 100 },
      { start: [-2.5, 2], optimizer: "gd", params: { lr: 0.45 }, maxSteps: 100 },
      { start: [-2.5, 2], optimizer: "gd", params: { lr: 0.6 }, maxSteps: 100 },
    ],
  },
  {
    id: "sine-hills",
    title: "Sine hills",
    explanation:
      "f = sin(x)·cos(y) repeats hills and pits: each run settles in the pit nearest downhill from its start, all at f = −1.",
    f: "sin(x) * cos(y)",
    box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
    runs: [
      { start: [0.5, 0.5], optimizer: "gd", params: { lr: 0.3 }, maxSteps: 200 },
      { start: [2.5, 2.5], optimizer: "gd", params: { lr: 0.3 }, maxSteps: 200 },
      { start: [-2.5, 2.2], optimizer: "gd", params: { lr: 0.3 }, maxSteps: 200 },
      { start: [2, -4], optimizer: "gd", params: { lr: 0.3 }, maxSteps: 200 },
    ],
  },
  {
    id: "twin-minima",
    title: "Twin minima",
    explanation:
      "Along x, f has minima at x = ±2 (f = −2) and a shallower one at x = 0 (f = 0), walled off by maxima at x = ±1: runs starting with |x| < 1 get stuck in the shallow one.",
    // f_x = 1.5x^5 - 7.5x^3 + 6x = 1.5 x (x^2 - 1)(x^2 - 4): critical at x = 0, ±1, ±2;
    // f(±2) = 16 - 30 + 12 = -2, f(±1) = 1.375, f(0) = 0; f_xx = 7.5x^4 - 22.5x^2 + 6.
    f: "0.25*x^6 - 1.875*x^4 + 3*x^2 + 2*y^2",
    box: { xmin: -2.6, xmax: 2.6, ymin: -2, ymax: 2 },
    // Largest curvature near the minima: f_xx(2) = 36, so lr 0.04 < 2/36.
    runs: [
      { start: [0.6, 1.5], optimizer: "gd", params: { lr: 0.04 }, maxSteps: 300 },
      { start: [1.3, -1.5], optimizer: "gd", params: { lr: 0.04 }, maxSteps: 300 },
      { start: [-1.2, 1], optimizer: "gd", params: { lr: 0.04 }, maxSteps: 300 },
    ],
  },
  {
    id: "saddle",
    title: "Saddle",
    explanation:
      "f = x² − y² has a saddle at (0, 0): a run starting exactly on the x-axis stops there (gradient zero, not a minimum); one starting 0.01 off the axis slides away.",
    f: "x^2 - y^2",
    box: square3,
    // lr 0.1: x shrinks by 0.8 per step, y grows by 1.2 per step; 0.01 * 1.2^35 ≈ 5.9.
    runs: [
      { start: [2.5, 0], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 100 },
      { start: [2.5, 0.01], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 35 },
    ],
  },
  {
    id: "himmelblau",
    title: "Himmelblau",
    explanation:
      "Himmelblau's function has four minima, all f = 0: (3, 2), (−2.805, 3.131), (−3.779, −3.283), (3.584, −1.848); the start decides which one a run finds (see Basin map). The sharpest, (−3.779, −3.283), has λmax ≈ 133.8: at lr 0.015, past its edge 2/133.8, its basin turns white.",
    f: "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    box: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
    // The Hessian's largest eigenvalue at the four minima is about 130, so lr 0.01 < 2/130.
    runs: [
      { start: [1, 1], optimizer: "gd", params: { lr: 0.01 }, maxSteps: 300 },
      { start: [-1, 1], optimizer: "gd", params: { lr: 0.01 }, maxSteps: 300 },
      { start: [-1, -1], optimizer: "gd", params: { lr: 0.01 }, maxSteps: 300 },
      { start: [1, -1], optimizer: "gd", params: { lr: 0.01 }, maxSteps: 300 },
    ],
  },
  {
    id: "rosenbrock",
    title: "Rosenbrock",
    explanation:
      "Rosenbrock's banana valley: the minimum is (1, 1), f = 0. Plain descent reaches the valley floor fast, then crawls along it; Adam travels the curve.",
    f: "(1 - x)^2 + 100*(y - x^2)^2",
    box: { xmin: -2, xmax: 2, ymin: -1, ymax: 3 },
    // At (1, 1), H = [[802, -400], [-400, 200]], lambda_max ≈ 1001.6: gd needs lr < 0.002.
    runs: [
      { start: [-1.2, 1], optimizer: "gd", params: { lr: 0.0015 }, maxSteps: 1000 },
      { start: [-1.2, 1], optimizer: "adam", params: { lr: 0.05 }, maxSteps: 1000 },
    ],
  },
  {
    id: "start-decides",
    title: "Start decides",
    explanation:
      "f = x⁴ − 4x² + x + y² has a deep minimum near x = −1.47 (f ≈ −5.44) and a shallow one near x = 1.35 (f ≈ −2.62): runs starting left of the ridge at x ≈ 0.13 find the deep one. With Basin map on, gradient descent gives the deep basin 52.5% of the box; momentum coasts over the ridge: 57.5%.",
    // f_x = 4x^3 - 8x + 1 has roots near -1.473, 0.126, 1.347.
    f: "x^4 - 4*x^2 + x + y^2",
    box: { xmin: -2.5, xmax: 2.5, ymin: -2, ymax: 2 },
    // Curvature at the deep minimum: f_xx = 12x^2 - 8 ≈ 18, so lr 0.04 multiplies x - x* by 0.28.
    runs: [
      { start: [-0.3, 1.5], optimizer: "gd", params: { lr: 0.04 }, maxSteps: 300 },
      { start: [0.4, 1.5], optimizer: "gd", params: { lr: 0.04 }, maxSteps: 300 },
      { start: [2.2, -1.5], optimizer: "gd", params: { lr: 0.04 }, maxSteps: 300 },
    ],
  },
  {
    id: "fence",
    title: "Fence area (1-D)",
    explanation:
      "200 m of fence around a rectangle of side l (shown as x) encloses A(l) = 100l − l². At l = 57, A′(57) = 100 − 114 = −14 < 0, so gradient ascent moves l down, to l = 50 where A = 2500.",
    f: "100*x - x^2",
    box: { xmin: 0, xmax: 100, ymin: -1, ymax: 1 },
    // Ascent with lr 0.05: l - 50 is multiplied by 1 - 2 * 0.05 = 0.9 per step.
    runs: [{ start: [57], optimizer: "ascent", params: { lr: 0.05 }, maxSteps: 300 }],
  },
  {
    id: "fit-line",
    title: "Fit a line",
    explanation:
      "The mean squared error of a line w·x + b over 50 noisy points of y = 2x + 1 is a round bowl over (w, b): full-batch descent goes straight to the least-squares fit (w ≈ 1.99, b ≈ 1.09), while mini-batches of 5 jitter around it.",
    f: DATA_F,
    // The fit is (1.9918, 1.0919); H ≈ 2·diag(mean x², 1) with mean x² ≈ 3.1, so λmax ≈ 6.3 and
    // lr 0.1 shrinks every direction by at least 1 − 0.63 per step.
    box: { xmin: -1, xmax: 5, ymin: -1.9, ymax: 4.1 },
    runs: [
      { start: [-0.1, 3.2], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 300 },
      { start: [-0.1, 3.2], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 300, batch: 5 },
    ],
    data: { source: "line", model: "line", loss: "mse", standardize: false },
  },
  {
    id: "high-bias",
    title: "High bias",
    explanation:
      "A line cannot follow parabolic data: descent reaches the minimum of its loss, a nearly flat line (w ≈ 0, b ≈ 3.2), but the minimum is still high, MSE ≈ 8.35, against 0.18 for the same line on the noisy line's data.",
    f: DATA_F,
    box: { xmin: -4.8, xmax: 4.8, ymin: -1.6, ymax: 8 },
    runs: [{ start: [-3.4, 6.6], optimizer: "gd", params: { lr: 0.1 }, maxSteps: 300 }],
    data: { source: "parabola", model: "line", loss: "mse", standardize: false },
  },
  {
    id: "fence-mae",
    title: "Fence fit (MAE)",
    explanation:
      "The fence areas 100·l − l² fitted by a·l² + b·l with mean absolute error, from a = −2, b = 30: the gradient is a sum of signs weighted by l² and l, so plain descent crawls, while Adam's per-parameter steps reach a ≈ −1, b ≈ 100 (the exact fit, loss 0).",
    f: DATA_F,
    box: { xmin: -2.5, xmax: 0.5, ymin: 0, ymax: 130 },
    runs: [
      { start: [-2, 30], optimizer: "gd", params: { lr: 0.0001 }, maxSteps: 1500 },
      { start: [-2, 30], optimizer: "adam", params: { lr: 0.5 }, maxSteps: 1500 },
    ],
    data: { source: "fence", model: "quadratic", loss: "mae", standardize: false },
  },
  {
    id: "two-minima-net",
    title: "A network's two minima",
    explanation:
      "The one-unit network w₂·tanh(w₁·x) on a steep-then-slow climb has two minima of different depth: from w₁ = 1 descent settles in the shallow one (MSE ≈ 0.203 at w₁ ≈ 0.70, w₂ ≈ 2.80), from w₁ = 3 in the deep one (MSE ≈ 0.140 at w₁ ≈ 5.61, w₂ ≈ 2.23).",
    f: DATA_F,
    box: { xmin: 0, xmax: 7, ymin: -1, ymax: 4 },
    runs: [
      { start: [1, 0.5], optimizer: "gd", params: { lr: 0.5 }, maxSteps: 2000 },
      { start: [3, 0.5], optimizer: "gd", params: { lr: 0.5 }, maxSteps: 2000 },
    ],
    data: { source: "tanh", model: "tanh-unit", loss: "mse", standardize: false },
  },
];

/** The presets, in the order the picker shows them; run k of each has seed k + 1. */
export const presets: readonly Preset[] = sources.map(
  ({ id, title, explanation, f, box, runs, data }) => ({
    id,
    title,
    explanation,
    document: makeDocument(f, box, runs, data ? { data } : {}),
  }),
);

/** The preset the explorer opens with. */
export const DEFAULT_PRESET_ID = "elongated-bowl";

/** The preset with this id, or undefined (own ids only: "__proto__" is no preset). */
export function getPreset(id: string): Preset | undefined {
  return presets.find((preset) => preset.id === id);
}

/** The preset the explorer opens with (always defined). */
export function defaultPreset(): Preset {
  const preset = getPreset(DEFAULT_PRESET_ID);
  if (!preset) throw new Error(`default preset "${DEFAULT_PRESET_ID}" is missing`);
  return preset;
}
