import { useCallback, useRef } from "react";
import { selectedRun, useExplorerStore, type RunEntry } from "../store/index.ts";
import type { Surface } from "../core/types.ts";
import { formatNumber, formatVector } from "../core/format.ts";
import {
  localGeometryAt,
  quadraticPicture,
  type LevelCurveKind,
  type LocalGeometry,
} from "../core/localGeometry.ts";
import { usePlayheadWriter, type PlayheadWriter } from "./usePlayhead.ts";

const DIGITS = 6;

type Row = [term: string, value: string];

const SUBSCRIPT_DIGITS = "₀₁₂₃₄₅₆₇₈₉";

/** A unit vector to four decimals: (1.3e-16, 1) reads (0, 1). */
function formatDirection(v: readonly number[]): string {
  return formatVector(
    v.map((c) => Math.round(c * 1e4) / 1e4 || 0),
    4,
  );
}

function subscripted(k: number): string {
  return `x${String(k).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)] ?? d)}`;
}

/** What the contour map draws for each shape of the local model. */
function mapText(kind: LevelCurveKind, geometry: LocalGeometry): string {
  switch (kind) {
    case "ellipse":
      return geometry.eigen.values[1] < 0
        ? "an ellipse q(d) = ½dᵀHd = −c: f curves down along both axes (both dashed)"
        : "the ellipse q(d) = ½dᵀHd = c: half-axes ∝ 1/√λ along v₁ and v₂";
    case "hyperbola":
      return "hyperbolas q(d) = ±c with their asymptotes dotted (a saddle's shape); the dashed axis has λ < 0, f curves down along it";
    case "parallel-lines":
      return "two parallel lines q(d) = c: one eigenvalue is zero, f is flat to second order along its axis";
    case "flat":
      return "nothing: H is zero here, f is flat to second order";
    case "undefined":
      return "nothing: the Hessian is not defined here";
  }
}

/**
 * The rows of the curvature readout at iterate k of `run`: the Hessian's eigenvalues and unit
 * eigenvectors, the condition number, and the second-derivative test when the gradient
 * vanishes (core `localGeometryAt`), else |∇f|.
 */
export function curvatureRows(surface: Surface, run: RunEntry, step: number): Row[] {
  const k = Math.min(step, run.result.steps);
  const point = [run.result.xs[k] ?? NaN, run.result.ys[k] ?? NaN];
  const geometry = localGeometryAt(surface, point);
  const { values, vectors } = geometry.eigen;
  const [[a, b], [, c]] = geometry.hessian;
  const kind = quadraticPicture(geometry.eigen, 1, 4).kind;
  const rows: Row[] = [
    ["λ₁", `${formatNumber(values[0], DIGITS)}, v₁ = ${formatDirection(vectors[0])}`],
    ["λ₂", `${formatNumber(values[1], DIGITS)}, v₂ = ${formatDirection(vectors[1])}`],
    [
      "κ = λmax/λmin",
      geometry.condition !== null
        ? formatNumber(geometry.condition, DIGITS)
        : geometry.finite
          ? "not positive definite"
          : "not defined",
    ],
    [
      "Critical?",
      geometry.classification !== null
        ? `yes (|∇f| = ${formatNumber(geometry.gradientNorm, 3)}): ${geometry.classification}`
        : `no, not critical: |∇f| = ${formatNumber(geometry.gradientNorm, DIGITS)}`,
    ],
    ["On the map", mapText(kind, geometry)],
    [`At ${subscripted(k)}`, formatVector(point, DIGITS)],
    [
      "H",
      `[[${formatNumber(a, DIGITS)}, ${formatNumber(b, DIGITS)}], [${formatNumber(b, DIGITS)}, ${formatNumber(c, DIGITS)}]]`,
    ],
  ];
  return rows;
}

function writeRows(list: HTMLDListElement, rows: Row[]): void {
  const doc = list.ownerDocument;
  const fragment = doc.createDocumentFragment();
  for (const [term, value] of rows) {
    const dt = doc.createElement("dt");
    dt.textContent = term;
    const dd = doc.createElement("dd");
    dd.textContent = value;
    fragment.append(dt, dd);
  }
  list.replaceChildren(fragment);
}

/**
 * The Hessian at the selected run's current point, read out beside the contour map's drawing of
 * it, while "Curvature" is on (two variables only; not in compare mode, where no single map
 * shows the point). Rewritten by the playhead subscription, not by React.
 */
export function CurvaturePanel() {
  const on = useExplorerStore((s) => s.view.curvature);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const surface = useExplorerStore((s) => s.surface);
  const run = useExplorerStore((s) => selectedRun(s));
  const list = useRef<HTMLDListElement>(null);
  const shown = on && !comparing && surface.dimension === 2;
  usePlayheadWriter(
    useCallback<PlayheadWriter>(
      (playhead) => {
        if (!list.current) return;
        if (!run || !shown) list.current.replaceChildren();
        else writeRows(list.current, curvatureRows(surface, run, playhead.step));
      },
      [run, surface, shown],
    ),
  );
  if (!shown) return null;
  return (
    <section className="panel curvature-panel" aria-label="Curvature">
      <h2>Curvature{run ? ` of ${run.label}` : ""}</h2>
      {run ? <dl ref={list} className="explainer-rows curvature-rows" /> : <p>No run selected.</p>}
    </section>
  );
}
