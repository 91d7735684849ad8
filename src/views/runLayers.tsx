/**
 * Run overlays shared by the 3D surface and the contour map: each run's path (the played part
 * solid, the rest faint), its iterates as dots, the current point of every run as one instanced
 * mesh, and the iterate hovered on the loss curve. Positions come from the shared transform;
 * per-frame values (step, hover) are read from the playhead inside useFrame.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import type { RunEntry } from "../store/index.ts";
import { getPlayhead } from "../store/playhead.ts";
import type { WorldTransform } from "../core/transform.ts";
import type { ScalarFn } from "../core/types.ts";
import {
  makeWideLineGeometry,
  makeWideLineMaterial,
  setWideLinePoints,
  shareWideLineBuffers,
  trackResolution,
  wideLineCapacity,
} from "./wideLine.ts";
import { fillPathPositions, PATH_SUBDIVISIONS } from "./sceneParts.tsx";

/** Draw order: surface 0, paths above it, markers above paths. */
const PATH_ORDER = 5;
const MARKER_ORDER = 8;

interface RunPathProps {
  run: RunEntry;
  transform: WorldTransform;
  /** f for a 3D path that follows the surface; null draws the path flat (contour map). */
  f: ScalarFn | null;
  lift: number;
  /** Iterate dot size in CSS pixels. */
  dotSize: number;
}

/**
 * One run's path as wide lines (WebGL lines are one pixel wide, too thin to follow on a
 * projector): the whole path faint, the part played so far solid, and the iterates as dots.
 * Both lines share one geometry's buffers through two geometries with different draw ranges.
 * Buffers are refilled in place when the run's result changes (every drag move); the played
 * length is set per frame from the playhead by changing only a draw range.
 */
export function RunPath({ run, transform, f, lift, dotSize }: RunPathProps) {
  const invalidate = useThree((s) => s.invalidate);
  const objects = useMemo(() => {
    const faint = new THREE.Mesh(makeWideLineGeometry(256), makeWideLineMaterial(2, 0.45));
    const played = new THREE.Mesh(new THREE.BufferGeometry(), makeWideLineMaterial(3.5));
    shareWideLineBuffers(faint.geometry, played.geometry);
    trackResolution(faint);
    trackResolution(played);
    const dotAttribute = new THREE.BufferAttribute(new Float32Array(3 * 256), 3);
    dotAttribute.setUsage(THREE.DynamicDrawUsage);
    const dotGeometry = new THREE.BufferGeometry();
    dotGeometry.setAttribute("position", dotAttribute);
    const dots = new THREE.Points(
      dotGeometry,
      new THREE.PointsMaterial({ size: dotSize, sizeAttenuation: false, depthTest: false }),
    );
    for (const o of [faint, played, dots]) {
      o.renderOrder = PATH_ORDER;
      o.frustumCulled = false;
    }
    dots.renderOrder = PATH_ORDER + 1;
    return {
      faint,
      played,
      dots,
      scratch: new Float32Array(3 * 1024),
      segments: 0,
      iterates: 0,
      iterateVertex: new Uint32Array(256),
    };
  }, [dotSize]);

  useEffect(() => {
    const { faint, played, dots } = objects;
    return () => {
      for (const o of [faint, played, dots]) {
        o.geometry.dispose();
        (o.material as THREE.Material).dispose();
      }
    };
  }, [objects]);

  useLayoutEffect(() => {
    for (const line of [objects.faint, objects.played]) {
      (line.material.uniforms.color!.value as THREE.Color).set(run.color);
    }
    (objects.dots.material as THREE.PointsMaterial).color.set(run.color);
    invalidate();
  }, [objects, run.color, invalidate]);

  // A layout effect runs in the same commit as the store change, so the frame requested here is
  // the very next one: a drag move is drawn one frame after the pointer event, not two.
  useLayoutEffect(() => {
    const sub = f ? PATH_SUBDIVISIONS : 1;
    const steps = run.result.steps;
    const needed = (steps * sub + 1) * 3;
    if (objects.iterateVertex.length < steps + 1) {
      objects.iterateVertex = new Uint32Array(2 * (steps + 1));
    }
    if (objects.scratch.length < needed) {
      objects.scratch = new Float32Array(Math.max(needed, objects.scratch.length * 2));
    }
    const { count, iterates } = fillPathPositions(
      run.result,
      transform,
      f,
      objects.scratch,
      lift,
      objects.iterateVertex,
    );
    if (wideLineCapacity(objects.faint.geometry) < count) {
      const bigger = makeWideLineGeometry(
        Math.max(count, 2 * wideLineCapacity(objects.faint.geometry)),
      );
      objects.faint.geometry.dispose();
      objects.faint.geometry = bigger;
      shareWideLineBuffers(bigger, objects.played.geometry);
    }
    objects.segments = setWideLinePoints(objects.faint.geometry, objects.scratch, count);

    let dotAttribute = objects.dots.geometry.getAttribute("position") as THREE.BufferAttribute;
    if (dotAttribute.array.length < (steps + 1) * 3) {
      dotAttribute = new THREE.BufferAttribute(
        new Float32Array(Math.max((steps + 1) * 3, dotAttribute.array.length * 2)),
        3,
      );
      dotAttribute.setUsage(THREE.DynamicDrawUsage);
      objects.dots.geometry.setAttribute("position", dotAttribute);
    }
    const dotArray = dotAttribute.array as Float32Array;
    objects.iterates = iterates;
    for (let k = 0; k < iterates; k++) {
      const from = objects.iterateVertex[k]! * 3;
      dotArray[3 * k] = objects.scratch[from]!;
      dotArray[3 * k + 1] = objects.scratch[from + 1]!;
      dotArray[3 * k + 2] = objects.scratch[from + 2]!;
    }
    dotAttribute.clearUpdateRanges();
    dotAttribute.addUpdateRange(0, iterates * 3);
    dotAttribute.needsUpdate = true;
    invalidate();
  }, [objects, run.result, transform, f, lift, invalidate]);

  useFrame(() => {
    const k = Math.min(getPlayhead().step, run.result.steps, Math.max(0, objects.iterates - 1));
    // Segments before iterate k's vertex are the played part.
    const played = Math.min(objects.segments, objects.iterateVertex[k] ?? 0);
    objects.played.geometry.setDrawRange(0, played * 6);
    objects.played.visible = played > 0;
    objects.dots.geometry.setDrawRange(0, Math.min(objects.iterates, k + 1));
  });

  return (
    <>
      <primitive object={objects.faint} />
      <primitive object={objects.played} />
      <primitive object={objects.dots} />
    </>
  );
}

interface MarkerLayerProps {
  runs: readonly RunEntry[];
  transform: WorldTransform;
  /** f for 3D heights; null keeps markers flat on the map. */
  flat: boolean;
  geometry: THREE.BufferGeometry;
  lift: number;
  /** World size of the marker; a function of the view when it depends on zoom. */
  scale: () => number;
}

const scratchMatrix = new THREE.Matrix4();
const scratchPosition = new THREE.Vector3();
const scratchQuaternion = new THREE.Quaternion();
const scratchScale = new THREE.Vector3();
const scratchColor = new THREE.Color();

/**
 * One instanced mesh for a marker per run, coloured per instance, drawn over the surface:
 * room for at least 8 runs so adding a run rarely rebuilds it; the material is disposed with it.
 */
export function useRunMarkerMesh(
  geometry: THREE.BufferGeometry,
  runCount: number,
  renderOrder: number,
): THREE.InstancedMesh {
  const capacity = Math.max(8, runCount);
  const mesh = useMemo(() => {
    const m = new THREE.InstancedMesh(
      geometry,
      new THREE.MeshBasicMaterial({ depthTest: false }),
      capacity,
    );
    m.renderOrder = renderOrder;
    m.frustumCulled = false;
    return m;
  }, [geometry, capacity, renderOrder]);
  useEffect(() => () => (mesh.material as THREE.Material).dispose(), [mesh]);
  return mesh;
}

/** The current point of every run (iterate min(step, steps)) as one instanced mesh. */
export function CurrentMarkers({ runs, transform, flat, geometry, lift, scale }: MarkerLayerProps) {
  const invalidate = useThree((s) => s.invalidate);
  const mesh = useRunMarkerMesh(geometry, runs.length, MARKER_ORDER);
  useLayoutEffect(() => {
    runs.forEach((run, i) => mesh.setColorAt(i, scratchColor.set(run.color)));
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.count = runs.length;
    invalidate();
  }, [mesh, runs, invalidate]);
  useFrame(() => {
    const step = getPlayhead().step;
    const s = scale();
    scratchScale.set(s, s, s);
    scratchQuaternion.identity();
    runs.forEach((run, i) => {
      const k = Math.min(step, run.result.steps);
      placeIterate(run, k, transform, flat, lift, scratchPosition);
      scratchMatrix.compose(scratchPosition, scratchQuaternion, scratchScale);
      mesh.setMatrixAt(i, scratchMatrix);
    });
    mesh.instanceMatrix.needsUpdate = true;
  });
  return <primitive object={mesh} />;
}

/** World position of iterate k of a run, clamped near the box like the paths. */
export function placeIterate(
  run: RunEntry,
  k: number,
  transform: WorldTransform,
  flat: boolean,
  lift: number,
  out: THREE.Vector3,
): THREE.Vector3 {
  const x = run.result.xs[k] ?? NaN;
  const y = run.result.ys[k] ?? NaN;
  const limitX = transform.halfWidth * 1.5;
  const limitZ = transform.halfDepth * 1.5;
  const wx = transform.worldX(x);
  const wz = transform.worldZ(y);
  out.set(
    Number.isFinite(wx) ? Math.max(-limitX, Math.min(limitX, wx)) : 0,
    (flat ? 0 : transform.worldY(run.result.values[k] ?? NaN)) + lift,
    Number.isFinite(wz) ? Math.max(-limitZ, Math.min(limitZ, wz)) : 0,
  );
  return out;
}

/** A ring around the iterate hovered on the loss curve; hidden when nothing is hovered. */
export function HoverMarker({
  runs,
  transform,
  flat,
  geometry,
  lift,
  scale,
}: Omit<MarkerLayerProps, "runs"> & { runs: readonly RunEntry[] }) {
  const ref = useRef<THREE.Mesh>(null);
  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const hover = getPlayhead().hover;
    const run = hover ? runs.find((r) => r.id === hover.runId) : undefined;
    if (!hover || !run) {
      mesh.visible = false;
      return;
    }
    mesh.visible = true;
    placeIterate(run, Math.min(hover.step, run.result.steps), transform, flat, lift, mesh.position);
    const s = scale();
    mesh.scale.set(s, s, s);
  });
  return (
    <mesh
      ref={ref}
      geometry={geometry}
      renderOrder={MARKER_ORDER + 1}
      frustumCulled={false}
      visible={false}
    >
      <meshBasicMaterial color="#ffffff" depthTest={false} />
    </mesh>
  );
}
