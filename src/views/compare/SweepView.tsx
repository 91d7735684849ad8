/**
 * The learning-rate sweep: the final loss (log) against the learning rate (log) from the
 * selected variant's start and settings, each rate a point coloured by how its run ended, and
 * the stability edge 2/λmax as a dashed line where a minimum gives one. Computed in a Web Worker
 * (src/workers/) by core's `learningRateSweep`, as the command line's `sweep` does, so the page
 * keeps drawing. Hover (or ← → on the focused chart) reads out a rate; a click (or Enter) adds
 * that rate as a variant.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { curvatureOfRun } from "../../core/compare/regimes.ts";
import { sweepRange } from "../../core/compare/race.ts";
import { formatNumber } from "../../core/format.ts";
import type { SweepEntry, SweepResult } from "../../core/sweep.ts";
import type { RunStatus } from "../../core/types.ts";
import { settingsOf, useExplorerStore } from "../../store/index.ts";
import { startSweep } from "../../workers/sweepClient.ts";
import type { SweepQuestion } from "../../workers/sweepProtocol.ts";
import {
  drawAxes,
  makeScale,
  plotRect,
  prepareCanvas,
  type PlotRect,
  type Scale,
} from "../chart2d.ts";
import { useElementSize } from "../useElementSize.ts";
import { usePictureScale } from "../picture/pixelRatio.ts";
import { useCompareGroup } from "./useCompareGroup.ts";

/** Colour and words per status; the same colours the run list's tones use. */
const STATUS_STYLE: Readonly<Record<RunStatus, { color: string; words: string }>> = {
  converged: { color: "#007a56", words: "converged" },
  "max-steps": { color: "#b36b00", words: "used its step budget" },
  stalled: { color: "#7a4b8c", words: "stalled" },
  diverged: { color: "#c00000", words: "diverged" },
};

/** Wait this long after the last change before sweeping (a drag changes the start often). */
const SETTLE_MS = 250;

let serial = 0;

interface SweepLayout {
  rect: PlotRect;
  x: Scale;
  y: Scale;
  /** The point's y in pixels; diverged or non-finite values sit on the top edge. */
  py(entry: SweepEntry): number;
  shift: number;
}

function layoutSweep(result: SweepResult, width: number, height: number): SweepLayout {
  const rect = plotRect(width, height);
  const entries = result.entries;
  const lrs = entries.map((entry) => entry.lr);
  const x = makeScale(
    Math.min(...lrs),
    Math.max(...lrs) * (lrs.length === 1 ? 10 : 1),
    rect.left,
    rect.left + rect.width,
    true,
  );
  const kept = entries.filter((e) => e.status !== "diverged" && Number.isFinite(e.finalValue));
  const values = kept.map((e) => e.finalValue);
  const lowest = values.length > 0 ? Math.min(...values) : 1;
  // A log axis needs f > 0: where some final f ≤ 0, plot f − min f + ε (as the loss curve does).
  const highest = values.length > 0 ? Math.max(...values) : 10;
  const shift = lowest <= 0 ? -lowest + Math.max(1e-12, (highest - lowest) * 1e-9) : 0;
  let lo = Math.max(1e-300, lowest + shift);
  let hi = Math.max(lo * 10, highest + shift);
  lo = lo / 2;
  hi = hi * 2;
  const y = makeScale(lo, hi, rect.top + rect.height, rect.top, true);
  const py = (entry: SweepEntry) =>
    entry.status === "diverged" || !Number.isFinite(entry.finalValue)
      ? rect.top
      : Math.max(rect.top, Math.min(rect.top + rect.height, y(entry.finalValue + shift)));
  return { rect, x, y, py, shift };
}

/** A swept rate as it is read out and added: 3 significant digits, as the regimes' rates. */
function shownRate(lr: number): number {
  return Number(lr.toPrecision(3));
}

function readout(entry: SweepEntry): string {
  return `lr = ${formatNumber(shownRate(entry.lr))}: ${STATUS_STYLE[entry.status].words}, final f = ${formatNumber(entry.finalValue, 3)}`;
}

export function SweepView() {
  const group = useCompareGroup();
  const selectedRunId = useExplorerStore((s) => s.selectedRunId);
  const surface = useExplorerStore((s) => s.surface);
  const data = useExplorerStore((s) => s.data);
  const box = useExplorerStore((s) => s.box);
  const base = group.find((run) => run.id === selectedRunId) ?? group[0] ?? null;

  // What the sweep depends on, as plain data: a new value only when one of them changes.
  const request = useMemo((): SweepQuestion | null => {
    if (!base || base.params.lr === undefined) return null;
    const curvature = curvatureOfRun(surface, base.result);
    const run = settingsOf(base);
    return {
      // A data scenario's surface text describes it; the worker rebuilds it from the data.
      ...(data === null ? { f: surface.text } : { data }),
      box,
      run,
      range: sweepRange(run, curvature.ok ? curvature.curvature.edge : null),
    };
  }, [base, surface, data, box]);
  const key = request ? JSON.stringify(request) : null;

  const [state, setState] = useState<
    | { kind: "idle" }
    | { kind: "running"; key: string }
    | { kind: "done"; key: string; result: SweepResult }
    | { kind: "failed"; key: string; message: string }
  >({ kind: "idle" });

  useEffect(() => {
    if (key === null || request === null) return;
    let cancel = () => {};
    let live = true;
    const timer = window.setTimeout(() => {
      setState((previous) => (previous.kind === "done" ? previous : { kind: "running", key }));
      const task = startSweep({ ...request, id: ++serial });
      cancel = task.cancel;
      void task.result.then((response) => {
        if (!live) return;
        setState(
          response.ok
            ? { kind: "done", key, result: response.result }
            : { kind: "failed", key, message: response.message },
        );
      });
    }, SETTLE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
      cancel();
    };
    // `key` stands for `request`: the sweep reruns only when the data behind it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const result = state.kind === "done" ? state.result : null;
  const stale = state.kind === "done" && state.key !== key;
  const [active, setActive] = useState<number | null>(null);
  const wrapper = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const size = useElementSize(wrapper);
  // An exported picture at 2× redraws the canvas at its scale.
  const pictureScale = usePictureScale();
  const layout = useMemo(
    () => (result && size.width > 0 ? layoutSweep(result, size.width, size.height) : null),
    [result, size.width, size.height],
  );

  useLayoutEffect(() => {
    const element = canvas.current;
    if (!element || !layout || !result) return;
    const context = prepareCanvas(element, size.width, size.height);
    if (!context) return;
    context.clearRect(0, 0, size.width, size.height);
    drawAxes(context, layout.rect, layout.x, layout.y, {
      x: "learning rate (log)",
      y: layout.shift > 0 ? "final f − min f (log)" : "final f (log)",
    });
    const edge = result.stability?.edge;
    if (edge !== undefined && edge >= layout.x.lo && edge <= layout.x.hi) {
      const px = layout.x(edge);
      context.save();
      context.strokeStyle = "#111111";
      context.setLineDash([6, 4]);
      context.lineWidth = 2;
      context.beginPath();
      context.moveTo(px, layout.rect.top);
      context.lineTo(px, layout.rect.top + layout.rect.height);
      context.stroke();
      context.setLineDash([]);
      context.font = 'bold 14px system-ui, -apple-system, "Segoe UI", sans-serif';
      context.fillStyle = "#111111";
      const label = `2/λmax = ${formatNumber(edge, 4)}`;
      const width = context.measureText(label).width;
      // Left of the line, halfway up: clear of the diverged points (top) and the minimum (bottom).
      const left = px - 8 - width >= layout.rect.left;
      context.fillText(
        label,
        left ? px - 8 - width : px + 8,
        layout.rect.top + layout.rect.height * 0.45,
      );
      context.restore();
    }
    result.entries.forEach((entry, index) => {
      const px = layout.x(entry.lr);
      const py = layout.py(entry);
      const radius = index === active ? 7 : 4.5;
      context.fillStyle = STATUS_STYLE[entry.status].color;
      context.beginPath();
      if (entry.status === "diverged") {
        context.moveTo(px, py - radius);
        context.lineTo(px + radius, py + radius);
        context.lineTo(px - radius, py + radius);
        context.closePath();
      } else context.arc(px, py, radius, 0, 2 * Math.PI);
      context.fill();
      if (index === active) {
        context.strokeStyle = "#111111";
        context.lineWidth = 2;
        context.stroke();
      }
    });
  }, [layout, result, active, size.width, size.height, pictureScale]);

  const nearest = (clientX: number): number | null => {
    if (!layout || !result || !wrapper.current) return null;
    const left = wrapper.current.getBoundingClientRect().left;
    let best: number | null = null;
    let distance = Infinity;
    result.entries.forEach((entry, index) => {
      const d = Math.abs(layout.x(entry.lr) - (clientX - left));
      if (d < distance) {
        distance = d;
        best = index;
      }
    });
    return distance <= 24 ? best : null;
  };
  const add = (index: number | null) => {
    const entry = index === null ? undefined : result?.entries[index];
    if (entry) {
      useExplorerStore.getState().addVariant({ kind: "number", value: shownRate(entry.lr) }, "lr");
    }
  };
  const activeEntry = active === null ? undefined : result?.entries[active];
  const count = result?.entries.length ?? 0;

  const status =
    request === null
      ? "The selected variant's rule has no learning rate to sweep."
      : state.kind === "failed"
        ? `The sweep could not run: ${state.message}`
        : state.kind === "running" || stale || state.kind === "idle"
          ? `Sweeping ${request.range.count} learning rates…`
          : activeEntry
            ? `${readout(activeEntry)}. Click or Enter adds it.`
            : `${count} rates from ${formatNumber(request.range.lrMin, 3)} to ${formatNumber(request.range.lrMax, 3)}; ` +
              (result?.stability
                ? `the dashed line is 2/λmax = ${formatNumber(result.stability.edge, 4)}. `
                : "no minimum found, so no edge. ") +
              "Point at a rate; click adds it.";

  return (
    <div className="sweep">
      <div
        ref={wrapper}
        className="sweep-plot"
        role="slider"
        tabIndex={result ? 0 : -1}
        aria-label="Learning rate to add"
        aria-valuemin={0}
        aria-valuemax={Math.max(0, count - 1)}
        aria-valuenow={active ?? 0}
        aria-valuetext={activeEntry ? readout(activeEntry) : "no rate chosen"}
        data-points={count}
        data-state={stale ? "running" : state.kind}
        onPointerMove={(event) => setActive(nearest(event.clientX))}
        onPointerLeave={() => setActive(null)}
        onClick={(event) => add(nearest(event.clientX))}
        onKeyDown={(event) => {
          if (!result || count === 0) return;
          if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
            const step = event.key === "ArrowRight" ? 1 : -1;
            setActive((current) =>
              Math.max(0, Math.min(count - 1, (current ?? (step > 0 ? -1 : count)) + step)),
            );
            event.preventDefault();
          } else if (event.key === "Enter") {
            add(active);
            event.preventDefault();
          }
        }}
      >
        <canvas
          ref={canvas}
          aria-hidden="true"
          style={{ position: "absolute", inset: 0, width: "100%", height: "100%" }}
        />
      </div>
      <p className="sweep-status">{status}</p>
    </div>
  );
}
