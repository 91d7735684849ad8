/**
 * Run overlays shared by the 3D surface and the contour map: each run's path (the played part
 * solid, the rest faint), its iterates as dots, the current point of every run as one instanced
 * mesh, and the iterate hovered on the loss curve. Positions come from the shared transform;
 * per-frame values (step, hover) are read from the playhead inside useFrame.
 */
import { useCallback, useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import type { RunEntry } from "../store/index.ts";
import { getPlayhead } from "../store/playhead.ts";
import type { WorldTransform } from "../core/transform.ts";
import type { ScalarFn } from "../core/types.ts";
import { RunPathObjects } from "./runPathObjects.ts";

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
  /** Factor on the path's widths (presenter mode draws them thicker); 1 when left out. */
  lineScale?: number;
  /** A colour drawn under the path, a little wider (presenter mode); none when left out. */
  casing?: string;
  /**
   * World units per CSS pixel near the path, read every frame: the path is thinned to it and its
   * exit markers are sized by it.
   */
  pixelSize: () => number;
  /**
   * A perspective view over a surface: how far (world units) the path moves towards the camera
   * to stay in front of the surface it lies on; where the surface hides it, it is dashed. Leave
   * out on a flat map.
   */
  occlusionLift?: number;
}

/**
 * One run's path as wide lines (WebGL lines are one pixel wide, too thin to follow on a
 * projector): the whole path faint, the part played so far solid, the iterates as dots and an
 * arrowhead where it leaves the plot, all clipped to the plot (see {@link RunPathObjects}).
 * Buffers are refilled in place when the run's result changes (every drag move); the played
 * length is set per frame from the playhead by changing only draw ranges.
 */
export function RunPath({
  run,
  transform,
  f,
  lift,
  dotSize,
  lineScale = 1,
  casing,
  pixelSize,
  occlusionLift,
}: RunPathProps) {
  const invalidate = useThree((s) => s.invalidate);
  const objects = useMemo(
    () =>
      new RunPathObjects({
        dotSize,
        renderOrder: PATH_ORDER,
        occlusionLift: occlusionLift ?? null,
        lineScale,
        ...(casing === undefined ? {} : { casing }),
      }),
    [dotSize, occlusionLift, lineScale, casing],
  );
  useEffect(() => () => objects.dispose(), [objects]);

  useLayoutEffect(() => {
    objects.setColor(run.color);
    invalidate();
  }, [objects, run.color, invalidate]);

  // The pixel size at the moment of the change; later changes reach the path in frame callbacks.
  const currentPixelSize = useEffectEvent(() => pixelSize());
  // A layout effect runs in the same commit as the store change, so the frame requested here is
  // the next one the page draws.
  useLayoutEffect(() => {
    objects.setPath(run.result, transform, f, lift, currentPixelSize());
    invalidate();
  }, [objects, run.result, transform, f, lift, invalidate]);

  useFrame(() => {
    objects.setPixelSize(pixelSize());
    objects.showPlayedTo(Math.min(getPlayhead().step, run.result.steps));
  });

  return <primitive object={objects.group} />;
}

/**
 * World units per CSS pixel on the near side of the box a perspective camera orbits: a pixel
 * spans 2 d tan(fov / 2) / height world units at distance d, and the nearest part of the box is
 * about one world unit (half its width) nearer than the orbit target.
 */
export function usePerspectivePixelSize(): () => number {
  const get = useThree((s) => s.get);
  return useCallback(() => {
    const { camera, size, controls } = get();
    if (!(camera instanceof THREE.PerspectiveCamera) || size.height <= 0) return NaN;
    const target = (controls as unknown as { target?: THREE.Vector3 } | null)?.target;
    const distance = target ? camera.position.distanceTo(target) : camera.position.length();
    const near = Math.max(distance - 1, 0.3 * distance);
    return (2 * near * Math.tan(THREE.MathUtils.degToRad(camera.fov) / 2)) / size.height;
  }, [get]);
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
const hiddenMatrix = new THREE.Matrix4().makeScale(0, 0, 0);

/** Whether iterate k of a run lies in the plot (the transform's box, edges included). */
export function iterateInBox(run: RunEntry, k: number, transform: WorldTransform): boolean {
  const x = run.result.xs[k] ?? NaN;
  const y = run.result.ys[k] ?? NaN;
  const { box } = transform;
  return x >= box.xmin && x <= box.xmax && y >= box.ymin && y <= box.ymax;
}

/**
 * One instanced mesh for a marker per run, coloured per instance, drawn over the surface:
 * room for at least 8 runs so adding a run rarely rebuilds it; the material is disposed with it.
 * Show it as `<primitive object={mesh} ref={ref} />` and change it only through `ref`, in
 * effects and frame callbacks: the mesh is three.js state, outside what React renders.
 */
export function useRunMarkerMesh(
  geometry: THREE.BufferGeometry,
  runCount: number,
  renderOrder: number,
): { mesh: THREE.InstancedMesh; ref: React.RefObject<THREE.InstancedMesh | null> } {
  const capacity = Math.max(8, runCount);
  const mesh = useMemo(() => {
    const m = new THREE.InstancedMesh(
      geometry,
      // The run's own colour, as its path and legend show it: not passed through tone mapping,
      // which would lighten a dark colour into its neighbour's.
      new THREE.MeshBasicMaterial({ depthTest: false, toneMapped: false }),
      capacity,
    );
    m.renderOrder = renderOrder;
    m.frustumCulled = false;
    return m;
  }, [geometry, capacity, renderOrder]);
  useEffect(() => () => (mesh.material as THREE.Material).dispose(), [mesh]);
  const ref = useRef<THREE.InstancedMesh>(null);
  return { mesh, ref };
}

/**
 * The current point of every run (iterate min(step, steps)): one instanced mesh, or with several
 * `shapes` one a shape, run i of the legend's order (`firstIndex` + its place in `runs`) taking
 * shape i of the list (see ./markerShapes.ts), so colour is not the only thing that tells runs
 * apart.
 */
export function CurrentMarkers({
  runs,
  shapes,
  firstIndex = 0,
  ...layer
}: Omit<MarkerLayerProps, "geometry"> & {
  shapes: readonly THREE.BufferGeometry[];
  firstIndex?: number;
}) {
  const buckets = useMemo(
    () =>
      shapes.map((_, shape) => runs.filter((_, i) => (firstIndex + i) % shapes.length === shape)),
    [runs, shapes, firstIndex],
  );
  return (
    <>
      {shapes.map((geometry, shape) => (
        <MarkerBucket key={shape} runs={buckets[shape]!} geometry={geometry} {...layer} />
      ))}
    </>
  );
}

/** The current points of some runs as one instanced mesh of one shape. */
function MarkerBucket({ runs, transform, flat, geometry, lift, scale }: MarkerLayerProps) {
  const invalidate = useThree((s) => s.invalidate);
  const { mesh, ref } = useRunMarkerMesh(geometry, runs.length, MARKER_ORDER);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    runs.forEach((run, i) => mesh.setColorAt(i, scratchColor.set(run.color)));
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.count = runs.length;
    invalidate();
  }, [mesh, ref, runs, invalidate]);
  useFrame(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const step = getPlayhead().step;
    const s = scale();
    scratchScale.set(s, s, s);
    scratchQuaternion.identity();
    runs.forEach((run, i) => {
      const k = Math.min(step, run.result.steps);
      // A run that has left the plot is marked where it left, not drawn over the axes.
      if (!iterateInBox(run, k, transform)) {
        mesh.setMatrixAt(i, hiddenMatrix);
        return;
      }
      placeIterate(run, k, transform, flat, lift, scratchPosition);
      scratchMatrix.compose(scratchPosition, scratchQuaternion, scratchScale);
      mesh.setMatrixAt(i, scratchMatrix);
    });
    mesh.instanceMatrix.needsUpdate = true;
  });
  return <primitive object={mesh} ref={ref} />;
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
    const k = hover && run ? Math.min(hover.step, run.result.steps) : 0;
    if (!hover || !run || !iterateInBox(run, k, transform)) {
      mesh.visible = false;
      return;
    }
    mesh.visible = true;
    placeIterate(run, k, transform, flat, lift, mesh.position);
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
