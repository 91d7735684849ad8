/**
 * The 3D view's box and axes: the outline of the floor and an f axis drawn in WebGL, and their
 * labels as DOM text over the canvas (crisp at any size, no draw calls). Labels follow the camera:
 * x and y ticks sit along the floor edges that face the camera, the f axis stands at the box's
 * left (or right) silhouette, and every label lies beyond the projected outline of the box, so
 * none covers the surface; a label that would overlap another, or leave the canvas, is hidden.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import { HEIGHT_CLAMP, niceTicks, valueAtHeight, WORLD_HEIGHT } from "../core/transform.ts";
import {
  convexHull,
  hullSupport,
  outwardNormal,
  placeBeyondHull,
  visibleLabels,
  type ScreenPoint,
  type ScreenRect,
} from "../core/labelPlacement.ts";
import type { SurfaceModel } from "./surfaceModel.ts";
import { formatTick } from "./sceneParts.tsx";

/** Pixels between the box's outline and a tick label, and between a tick label and a name. */
const TICK_GAP = 4;
const NAME_GAP = 4;
/**
 * Farthest (CSS px) the box's outline may reach beyond a tick before its label is left out: a
 * label pushed further would sit far from the tick it names (when the camera looks along the
 * box's height, or from under the floor).
 */
const MAX_PUSH = 30;
/** Labels closer than this (CSS px) count as overlapping. */
const LABEL_PADDING = 2;
/** Length of the f axis's tick marks, world units. */
const F_TICK_LENGTH = 0.05;
/** Normalised heights of the f ticks; the top one names the axis ("f = 99"). */
const F_TICK_HEIGHTS = [1, 0.5, 0] as const;

type LabelKind = "f" | "x-name" | "y-name" | "x" | "y";

interface AxisLabel {
  text: string;
  kind: LabelKind;
  /** Math x for x ticks, math y for y ticks, normalised height for f ticks. */
  at: number;
}

/** A label's span and its size on screen. */
interface PlacedSpan {
  span: HTMLSpanElement;
  width: number;
  height: number;
}

export interface SurfaceAxesProps {
  model: SurfaceModel;
  /** The DOM layer over the canvas that holds the labels. */
  labelLayer: React.RefObject<HTMLDivElement | null>;
  /** World height of the floor the box outline is drawn on. */
  floorY: number;
  /** Text over the canvas (the view's notes) that labels must not cover. */
  keepClear: React.RefObject<HTMLElement | null>;
}

export function SurfaceAxes({ model, labelLayer, floorY, keepClear }: SurfaceAxesProps) {
  const { transform, box } = model;
  const hw = transform.halfWidth;
  const hd = transform.halfDepth;

  const outline = useMemo(() => {
    const corners = [
      [-hw, floorY, -hd, hw, floorY, -hd],
      [hw, floorY, -hd, hw, floorY, hd],
      [hw, floorY, hd, -hw, floorY, hd],
      [-hw, floorY, hd, -hw, floorY, -hd],
    ].flat();
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(new Float32Array(corners), 3));
    return new THREE.LineSegments(geometry, new THREE.LineBasicMaterial({ color: "#555555" }));
  }, [hw, hd, floorY]);

  // The f axis for the corner (+x, +z): a vertical line with tick marks pointing out of the box.
  // It is moved to whichever corner the labels use, and mirrored there by a scale of ±1.
  const fAxis = useMemo(() => {
    const d = F_TICK_LENGTH / Math.SQRT2;
    const points = [0, floorY, 0, 0, WORLD_HEIGHT, 0];
    for (const n of F_TICK_HEIGHTS) points.push(0, n * WORLD_HEIGHT, 0, d, n * WORLD_HEIGHT, d);
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(new Float32Array(points), 3));
    const line = new THREE.LineSegments(
      geometry,
      new THREE.LineBasicMaterial({ color: "#555555" }),
    );
    line.position.set(-hw, 0, -hd);
    line.scale.set(-1, 1, -1);
    return line;
  }, [hw, hd, floorY]);
  useEffect(
    () => () => {
      for (const line of [outline, fAxis]) {
        line.geometry.dispose();
        line.material.dispose();
      }
    },
    [outline, fAxis],
  );

  const labels = useMemo(() => {
    const list: AxisLabel[] = [];
    // f ticks at fixed heights, labelled with the f that sits there under the height rule.
    for (const n of F_TICK_HEIGHTS) {
      const value = formatTick(Number(valueAtHeight(transform.rule, n).toPrecision(3)));
      list.push({ text: n === 1 ? `f = ${value}` : value, kind: "f", at: n });
    }
    // A loss over data names its axes for the model's parameters.
    const [xName, yName] = model.axisNames;
    list.push({ text: xName, kind: "x-name", at: 0 });
    list.push({ text: yName, kind: "y-name", at: 0 });
    for (const x of niceTicks(box.xmin, box.xmax, 5))
      list.push({ text: formatTick(x), kind: "x", at: x });
    for (const y of niceTicks(box.ymin, box.ymax, 5))
      list.push({ text: formatTick(y), kind: "y", at: y });
    return list;
  }, [transform, box, model.axisNames]);

  const spans = useRef<HTMLSpanElement[]>([]);
  const placedFor = useRef(new THREE.Matrix4());
  const invalidate = useThree((s) => s.invalidate);
  useLayoutEffect(() => {
    const layer = labelLayer.current;
    if (!layer) return;
    spans.current = labels.map((label) => {
      const span = document.createElement("span");
      const name =
        label.kind === "x-name" || label.kind === "y-name" || label.text.startsWith("f =");
      span.textContent = label.text;
      span.className = name ? "axis-label axis-name" : "axis-label";
      span.setAttribute("data-axis", label.kind.slice(0, 1));
      Object.assign(span.style, {
        position: "absolute",
        left: "0",
        top: "0",
        fontSize: label.kind.endsWith("name") ? "var(--axis-name-size)" : "var(--tick-size)",
        fontWeight: label.kind.endsWith("name") ? "700" : "400",
        fontStyle: label.kind.endsWith("name") ? "italic" : "normal",
        lineHeight: "1.2",
        color: "#222",
        textShadow: "0 0 3px #fff, 0 0 3px #fff",
        whiteSpace: "nowrap",
        pointerEvents: "none",
        visibility: "hidden",
      });
      layer.appendChild(span);
      return span;
    });
    placedFor.current.identity().elements[0] = NaN; // force placement on the next frame
    invalidate();
    return () => {
      for (const span of spans.current) span.remove();
      spans.current = [];
    };
  }, [labels, labelLayer, invalidate]);

  // A floor moved up or down moves every label with it.
  useLayoutEffect(() => {
    placedFor.current.identity().elements[0] = NaN;
    invalidate();
  }, [floorY, invalidate]);

  // Scratch objects for the frame callback.
  const scratch = useMemo(
    () => ({ viewProjection: new THREE.Matrix4(), point: new THREE.Vector4() }),
    [],
  );
  const fAxisRef = useRef<THREE.LineSegments>(null);

  useFrame(({ camera, size }) => {
    const { viewProjection, point } = scratch;
    viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    // Size changes alter the projection too, so the matrix alone tells whether anything moved.
    if (viewProjection.equals(placedFor.current)) return;
    placedFor.current.copy(viewProjection);
    // Measured before any label moves, so the page lays out once for all of them.
    const placed: PlacedSpan[] = spans.current.map((span) => ({
      span,
      width: span.offsetWidth,
      height: span.offsetHeight,
    }));
    /** Screen position of a world point, or null when it is behind the camera. */
    const project = (x: number, y: number, z: number): ScreenPoint | null => {
      point.set(x, y, z, 1).applyMatrix4(viewProjection);
      if (!(point.w > 1e-6)) return null;
      return {
        x: ((point.x / point.w + 1) / 2) * size.width,
        y: ((1 - point.y / point.w) / 2) * size.height,
      };
    };

    // The box that holds everything drawn: the surface's heights are clamped to HEIGHT_CLAMP.
    const low = Math.min(floorY, HEIGHT_CLAMP[0] * WORLD_HEIGHT);
    const high = HEIGHT_CLAMP[1] * WORLD_HEIGHT;
    const corners: ScreenPoint[] = [];
    for (const x of [-hw, hw]) {
      for (const z of [-hd, hd]) {
        for (const y of [low, high]) {
          const p = project(x, y, z);
          if (p) corners.push(p);
        }
      }
    }
    const hide = () => {
      for (const { span } of placed) span.style.visibility = "hidden";
    };
    // Part of the box behind the camera: zoomed into the scene, the box fills the view.
    if (corners.length < 8) return hide();
    const hull = convexHull(corners);

    // The floor edges facing the camera carry the x and y ticks.
    const zEdge = camera.position.z >= 0 ? hd : -hd;
    const xEdge = camera.position.x >= 0 ? hw : -hw;
    const centre = project(0, floorY, 0);
    const xa = project(-hw, floorY, zEdge);
    const xb = project(hw, floorY, zEdge);
    const ya = project(xEdge, floorY, hd);
    const yb = project(xEdge, floorY, -hd);
    if (!centre || !xa || !xb || !ya || !yb) return hide();
    const xNormal = outwardNormal(xa, xb, centre);
    const yNormal = outwardNormal(ya, yb, centre);

    // The f axis stands at the vertical edge with the leftmost corner on screen, its labels to
    // the left of the whole box; at the rightmost one when the left has no room for them.
    const widest = Math.max(
      0,
      ...placed.filter((_, i) => labels[i]?.kind === "f").map((p) => p.width),
    );
    let left = { x: Infinity, cx: -hw, cz: -hd };
    let right = { x: -Infinity, cx: hw, cz: hd };
    for (const cx of [-hw, hw]) {
      for (const cz of [-hd, hd]) {
        for (const y of [floorY, WORLD_HEIGHT]) {
          const p = project(cx, y, cz);
          if (!p) continue;
          if (p.x < left.x) left = { x: p.x, cx, cz };
          if (p.x > right.x) right = { x: p.x, cx, cz };
        }
      }
    }
    const hullLeft = Math.min(...hull.map((p) => p.x));
    const hullRight = Math.max(...hull.map((p) => p.x));
    const roomLeft = hullLeft - TICK_GAP - widest >= 0;
    const roomRight = hullRight + TICK_GAP + widest <= size.width;
    const fSide = roomLeft || !roomRight ? left : right;
    const fDirection = { x: fSide === left ? -1 : 1, y: 0 };
    const fAxisLine = fAxisRef.current;
    if (fAxisLine) {
      fAxisLine.position.set(fSide.cx, 0, fSide.cz);
      fAxisLine.scale.set(Math.sign(fSide.cx), 1, Math.sign(fSide.cz));
    }

    /** How far a label reaches along the unit direction n: its width and height projected on n. */
    const extent = (p: PlacedSpan, n: ScreenPoint) =>
      Math.abs(n.x) * p.width + Math.abs(n.y) * p.height;
    const tickReach = (kind: LabelKind, n: ScreenPoint) =>
      Math.max(0, ...placed.filter((_, i) => labels[i]?.kind === kind).map((p) => extent(p, n)));

    /** The label beyond the outline from `anchor` along n, or null when that is too far. */
    const beyond = (
      anchor: ScreenPoint | null,
      n: ScreenPoint | null,
      size: { width: number; height: number },
      gap: number,
    ): ScreenRect | null => {
      if (!anchor || !n || hullSupport(anchor, n, hull) > MAX_PUSH) return null;
      return placeBeyondHull(anchor, n, hull, size, gap);
    };
    const rects: (ScreenRect | null)[] = labels.map((label, i) => {
      const p = placed[i];
      if (!p || p.width === 0) return null;
      const size = { width: p.width, height: p.height };
      switch (label.kind) {
        case "f":
          return beyond(
            project(fSide.cx, label.at * WORLD_HEIGHT, fSide.cz),
            fDirection,
            size,
            TICK_GAP,
          );
        case "x":
          return beyond(
            project(transform.worldX(label.at), floorY, zEdge),
            xNormal,
            size,
            TICK_GAP,
          );
        case "y":
          return beyond(
            project(xEdge, floorY, transform.worldZ(label.at)),
            yNormal,
            size,
            TICK_GAP,
          );
        case "x-name": {
          const gap = xNormal ? TICK_GAP + tickReach("x", xNormal) + NAME_GAP : 0;
          return beyond(project(0, floorY, zEdge), xNormal, size, gap);
        }
        case "y-name": {
          const gap = yNormal ? TICK_GAP + tickReach("y", yNormal) + NAME_GAP : 0;
          return beyond(project(xEdge, floorY, 0), yNormal, size, gap);
        }
      }
    });
    const occupied: ScreenRect[] = [];
    const layerRect = labelLayer.current?.getBoundingClientRect();
    const clearRect = keepClear.current?.getBoundingClientRect();
    if (layerRect && clearRect) {
      occupied.push({
        left: clearRect.left - layerRect.left,
        top: clearRect.top - layerRect.top,
        width: clearRect.width,
        height: clearRect.height,
      });
    }
    const shown = visibleLabels(rects, size, LABEL_PADDING, occupied);
    rects.forEach((rect, i) => {
      const span = placed[i]?.span;
      if (!span) return;
      if (!rect || !shown[i]) {
        span.style.visibility = "hidden";
        return;
      }
      span.style.transform = `translate(${rect.left.toFixed(1)}px, ${rect.top.toFixed(1)}px)`;
      span.style.visibility = "visible";
    });
  });

  return (
    <>
      <primitive object={outline} />
      <primitive object={fAxis} ref={fAxisRef} />
    </>
  );
}
