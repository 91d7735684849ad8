/**
 * The 3D surface: f over the domain box as a colour-mapped, lit mesh with axes and tick labels,
 * every run's path on it, the current point of each run, the negative-gradient arrow there, and
 * start markers that can be dragged across the surface. Renders only on demand.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef } from "react";
import { Canvas, useFrame, useThree, type ThreeEvent } from "@react-three/fiber";
import { OrbitControls } from "@react-three/drei";
import * as THREE from "three";
// Routes three.js's console messages before any Canvas makes fiber's state.
import "./threeConsole.ts";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { useExplorerStore, type RunEntry } from "../store/index.ts";
import { getPlayhead } from "../store/playhead.ts";
import { HEIGHT_CLAMP, placeCoordinate, WORLD_HEIGHT } from "../core/transform.ts";
import { undefinedNote } from "../core/definedRegion.ts";
import { cameraOffsetOf, cameraSettingsFrom } from "../core/scenario/camera.ts";
import { getSurfaceModel, type SurfaceModel } from "./surfaceModel.ts";
import {
  buildGridGeometry,
  FrameCounter,
  PlayheadInvalidator,
  viewSummary,
} from "./sceneParts.tsx";
import {
  CurrentMarkers,
  HoverMarker,
  placeIterate,
  RunPath,
  usePerspectivePixelSize,
  useRunMarkerMesh,
} from "./runLayers.tsx";
import { usePresentation, useShownRuns } from "./presentation.ts";
import { CloudLayer } from "./cloudLayer.tsx";
import { BasinSurfaceOverlay, useShownBasinMap } from "./basinLayer.tsx";
import { registerProjector } from "./renderStats.ts";
import { commitNow } from "./commitNow.ts";
import { SurfaceAxes } from "./surfaceAxes.tsx";
import { QuiverArrows } from "./quiverArrows.tsx";
import { StillLayer } from "./stillLayer.tsx";
import { usePictureScale } from "./picture/pixelRatio.ts";

const PATH_LIFT = 0.004;
/** How far paths move towards the camera to stay in front of the surface they lie on. */
const PATH_OCCLUSION_LIFT = 0.05;
/** World height of the floor: just under the lowest sampled value of f. */
const FLOOR_Y = -0.002;
/**
 * The floor when the field of −∇f is drawn on it: below the lowest point the surface is ever
 * drawn at (HEIGHT_CLAMP), so that no arrow pokes through the surface.
 */
const FIELD_FLOOR_Y = HEIGHT_CLAMP[0] * WORLD_HEIGHT - 0.02;
/** The floor's arrows where the surface hides them: white, as on the contour map, dimmed. */
const FLOOR_FIELD_SEEN_THROUGH = { color: "#ffffff", opacity: 0.55 };
const MARKER_RADIUS = 0.035;
const GRADIENT_ARROW_LENGTH = 0.4;
const GRADIENT_ARROW_COLOR = "#e4002b";

export interface SurfaceViewProps {
  /** Extra class on the wrapper, for the page layout. */
  className?: string;
  /** The runs drawn (default: every run; in compare mode every variant on one surface). */
  runs?: readonly RunEntry[];
}

/** Whether the person is dragging or orbiting; read in frame callbacks, never React state. */
interface Interaction {
  active: boolean;
}

/** Held in a ref: written by pointer and orbit handlers, read by frame callbacks. */
type InteractionRef = React.RefObject<Interaction>;

export function SurfaceView({ className, runs: shownRuns }: SurfaceViewProps) {
  const surface = useExplorerStore((s) => s.surface);
  const box = useExplorerStore((s) => s.box);
  const runs = useShownRuns(shownRuns);
  const model = useMemo(() => getSurfaceModel(surface, box), [surface, box]);
  const heightRule = model.transform.rule.text;
  const scaleText = model.scaleText;
  const scaleNoteId = useId();
  const holeNote = undefinedNote(model.fineRegion.definedShare);
  const floorQuiver = useExplorerStore((s) => s.view.floorQuiver);
  const floorY = floorQuiver ? FIELD_FLOOR_Y : FLOOR_Y;
  const interactionRef = useRef<Interaction>({ active: false });
  // One pixel per CSS pixel on screen; an exported picture at 2× asks for two while it is taken.
  const pictureScale = usePictureScale();
  const labelLayer = useRef<HTMLDivElement>(null);
  const notes = useRef<HTMLDivElement>(null);

  if (surface.dimension === 1) {
    return (
      <div className={className} style={{ position: "relative", width: "100%", height: "100%" }}>
        <p style={{ padding: "1rem" }}>
          f uses only x, so there is no surface to show: see the curve of f and its tangent line.
        </p>
      </div>
    );
  }

  return (
    <div
      className={className}
      role="img"
      aria-label={`${viewSummary("3D surface", box, runs)} ${heightRule}${holeNote ? ` ${holeNote}` : ""}`}
      aria-describedby={scaleText ? scaleNoteId : undefined}
      style={{ position: "relative", width: "100%", height: "100%" }}
    >
      <Canvas
        frameloop="demand"
        dpr={pictureScale}
        gl={{ antialias: false, alpha: false, stencil: false, powerPreference: "high-performance" }}
        camera={{ position: [2.1, 2.1, 2.5], fov: 38, near: 0.05, far: 50 }}
        style={{ position: "absolute", inset: 0 }}
        aria-hidden="true"
      >
        <color attach="background" args={["#f7f7f5"]} />
        <FrameCounter />
        <PlayheadInvalidator />
        <CameraFit model={model} />
        <SurfaceScene
          model={model}
          runs={runs}
          floorY={floorY}
          floorQuiver={floorQuiver}
          interactionRef={interactionRef}
          labelLayer={labelLayer}
          notes={notes}
        />
      </Canvas>
      <div
        ref={labelLayer}
        style={{ position: "absolute", inset: 0, overflow: "hidden", pointerEvents: "none" }}
      />
      <div
        ref={notes}
        style={{
          position: "absolute",
          left: 6,
          top: 4,
          maxWidth: "70%",
          padding: "1px 4px",
          fontSize: "0.72rem",
          lineHeight: 1.25,
          color: "#333",
          background: "rgba(247,247,245,0.85)",
          pointerEvents: "none",
        }}
      >
        <p style={{ margin: 0 }}>
          {heightRule}
          {scaleText && (
            <span className="axis-scale-note">
              {" "}
              Axes at different scales.
              <span id={scaleNoteId} hidden>
                {scaleText}
              </span>
            </span>
          )}
        </p>
        {holeNote && (
          <p className="surface-hole-note" style={{ margin: "2px 0 0", fontWeight: 600 }}>
            {holeNote}
          </p>
        )}
      </div>
    </div>
  );
}

/** Direction the camera looks from at the start: front-right, about 28 degrees above the floor. */
const VIEW_DIRECTION = new THREE.Vector3(0.62, 0.62, 1).normalize();
const ORBIT_TARGET: [number, number, number] = [0, WORLD_HEIGHT * 0.4, 0];
/** Room (CSS px) kept between the box and the canvas's edges for the labels around it. */
const LABEL_ROOM_PX = 20;

/**
 * Places the camera so the whole box (with its labels) fits the canvas, whatever its aspect.
 * Another domain box (a scenario, a link, the box fields) starts from the default view; a
 * resized canvas keeps the person's orbit and zoom, with the distance scaled to the new fit.
 */
function CameraFit({ model }: { model: SurfaceModel }) {
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  const controls = useThree((s) => s.controls) as unknown as {
    target: THREE.Vector3;
    update(): void;
    addEventListener(type: "end", listener: () => void): void;
    removeEventListener(type: "end", listener: () => void): void;
  } | null;
  const invalidate = useThree((s) => s.invalidate);
  // Bumped when a document (a link, a file, the session, a preset) brings its own camera.
  const cameraVersion = useExplorerStore((s) => s.cameraVersion);
  const setCamera = useExplorerStore((s) => s.setCamera);
  const { halfWidth, halfDepth, box } = model.transform;
  // Which domain the view was fitted to: another box is another scene.
  const boxKey = `${box.xmin},${box.xmax},${box.ymin},${box.ymax}`;
  const fitted = useRef<{
    boxKey: string;
    controls: unknown;
    distance: number;
    cameraVersion: number;
  } | null>(null);
  useLayoutEffect(() => {
    if (!(camera instanceof THREE.PerspectiveCamera)) return;
    // Bounding sphere of the box and the height, fitted inside the canvas less room for the
    // labels around the box. Slightly smaller than the true bounding sphere: corners may touch
    // the edge of that room, nothing is cut.
    const radius = 0.8 * Math.hypot(halfWidth + 0.2, halfDepth + 0.2, WORLD_HEIGHT * 0.6);
    const height = Math.max(1, size.height);
    const slope = Math.tan(THREE.MathUtils.degToRad(camera.fov) / 2) / height;
    const vertical = Math.atan(slope * Math.max(1, height - 2 * LABEL_ROOM_PX));
    const horizontal = Math.atan(slope * Math.max(1, size.width - 2 * LABEL_ROOM_PX));
    const distance = radius / Math.sin(Math.min(vertical, horizontal));
    const previous = fitted.current;
    const stored = useExplorerStore.getState().camera;
    if (
      controls &&
      previous &&
      previous.controls === controls &&
      previous.boxKey === boxKey &&
      previous.cameraVersion === cameraVersion
    ) {
      // Only the canvas changed size: same direction and target, the zoom kept relative to the fit.
      const offset = camera.position.clone().sub(controls.target);
      camera.position.copy(controls.target).addScaledVector(offset, distance / previous.distance);
      camera.lookAt(controls.target);
    } else if (stored) {
      // The camera the document holds, fitted to this canvas.
      const target = new THREE.Vector3(...stored.target);
      camera.position.copy(target).add(new THREE.Vector3(...cameraOffsetOf(stored, distance)));
      camera.lookAt(target);
      if (controls) controls.target.copy(target);
    } else {
      camera.position.set(...ORBIT_TARGET).addScaledVector(VIEW_DIRECTION, distance);
      camera.lookAt(...ORBIT_TARGET);
      if (controls) controls.target.set(...ORBIT_TARGET);
    }
    fitted.current = { boxKey, controls, distance, cameraVersion };
    camera.updateProjectionMatrix();
    controls?.update();
    invalidate();
  }, [
    camera,
    controls,
    size.width,
    size.height,
    halfWidth,
    halfDepth,
    boxKey,
    cameraVersion,
    invalidate,
  ]);
  // Where the person leaves the camera (after an orbit or a zoom) goes into the document.
  useEffect(() => {
    if (!controls) return;
    const remember = () => {
      const fit = fitted.current?.distance;
      if (fit === undefined) return;
      const offset = camera.position.clone().sub(controls.target);
      const { x, y, z } = controls.target;
      setCamera(cameraSettingsFrom([offset.x, offset.y, offset.z], [x, y, z], fit));
    };
    controls.addEventListener("end", remember);
    return () => controls.removeEventListener("end", remember);
  }, [camera, controls, setCamera]);
  return null;
}

function SurfaceScene({
  model,
  runs,
  floorY,
  floorQuiver,
  interactionRef,
  labelLayer,
  notes,
}: {
  model: SurfaceModel;
  runs: readonly RunEntry[];
  floorY: number;
  floorQuiver: boolean;
  notes: React.RefObject<HTMLDivElement | null>;
  interactionRef: InteractionRef;
  labelLayer: React.RefObject<HTMLDivElement | null>;
}) {
  const invalidate = useThree((s) => s.invalidate);
  const { transform } = model;
  const fine = useMemo(
    () => buildGridGeometry(model.fine, model.fineRegion, transform),
    [model, transform],
  );
  const coarse = useMemo(
    () => buildGridGeometry(model.coarse, model.coarseRegion, transform),
    [model, transform],
  );
  useEffect(() => () => fine.dispose(), [fine]);
  useEffect(() => () => coarse.dispose(), [coarse]);
  const fineRef = useRef<THREE.Mesh>(null);
  const coarseRef = useRef<THREE.Mesh>(null);

  // The coarse mesh stands in while dragging or orbiting: a quarter of the triangles.
  useFrame(() => {
    const active = interactionRef.current.active;
    if (fineRef.current) fineRef.current.visible = !active;
    if (coarseRef.current) coarseRef.current.visible = active;
  });

  const sphere = useMemo(() => new THREE.SphereGeometry(1, 16, 12), []);
  const diamond = useMemo(() => new THREE.OctahedronGeometry(1, 0), []);
  useEffect(() => () => sphere.dispose(), [sphere]);
  // Spheres for every run: on the 3D view the paths follow the surface and the shapes would be
  // too small to tell apart; the contour map and the legends carry them.
  const spheres = useMemo(() => [sphere], [sphere]);
  useEffect(() => () => diamond.dispose(), [diamond]);

  const basinMap = useShownBasinMap();
  const f = model.surface.f;
  const { pathScale, markerScale: markerFactor, pathCasing } = usePresentation();
  const radius = MARKER_RADIUS * markerFactor;
  const markerScale = () => radius;
  const hoverScale = () => radius * 1.7;

  const pixelSize = usePerspectivePixelSize();

  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  useEffect(() => {
    const scratch = new THREE.Vector3();
    registerProjector("surface", (x, y) => {
      const rect = gl.domElement.getBoundingClientRect();
      scratch.set(
        transform.worldX(x),
        transform.worldY(model.surface.f(x, y)),
        transform.worldZ(y),
      );
      scratch.project(camera);
      return {
        clientX: rect.left + ((scratch.x + 1) / 2) * rect.width,
        clientY: rect.top + ((1 - scratch.y) / 2) * rect.height,
      };
    });
    return () => registerProjector("surface", null);
  }, [camera, gl, transform, model]);

  return (
    <>
      <StillLayer>
        <mesh ref={fineRef} geometry={fine}>
          <meshBasicMaterial vertexColors side={THREE.DoubleSide} />
        </mesh>
        <mesh ref={coarseRef} geometry={coarse} visible={false}>
          <meshBasicMaterial vertexColors side={THREE.DoubleSide} />
        </mesh>
        {basinMap && <BasinSurfaceOverlay map={basinMap} geometry={fine} transform={transform} />}
        <SurfaceAxes model={model} labelLayer={labelLayer} floorY={floorY} keepClear={notes} />
        <QuiverArrows
          model={model}
          visible={floorQuiver}
          y={floorY + 0.004}
          color="#2a2a2a"
          opacity={1}
          weight={1.6}
          hidden={FLOOR_FIELD_SEEN_THROUGH}
          depthTest
          renderOrder={1}
        />
      </StillLayer>
      <CloudLayer transform={transform} f={f} />
      {runs.map((run) => (
        <RunPath
          key={run.id}
          run={run}
          transform={transform}
          f={f}
          lift={PATH_LIFT}
          dotSize={4 * markerFactor}
          lineScale={pathScale}
          casing={pathCasing}
          pixelSize={pixelSize}
          occlusionLift={PATH_OCCLUSION_LIFT}
        />
      ))}
      <CurrentMarkers
        runs={runs}
        transform={transform}
        flat={false}
        shapes={spheres}
        lift={PATH_LIFT}
        scale={markerScale}
      />
      <HoverMarker
        runs={runs}
        transform={transform}
        flat={false}
        geometry={sphere}
        lift={PATH_LIFT}
        scale={hoverScale}
      />
      <GradientArrows runs={runs} model={model} />
      <StartMarkers
        runs={runs}
        model={model}
        geometry={diamond}
        radius={radius}
        coarseRef={coarseRef}
        interactionRef={interactionRef}
      />
      <OrbitControls
        makeDefault
        enableDamping={false}
        target={ORBIT_TARGET}
        minDistance={1.2}
        maxDistance={12}
        onStart={() => {
          interactionRef.current.active = true;
          invalidate();
        }}
        onEnd={() => {
          interactionRef.current.active = false;
          invalidate();
        }}
      />
    </>
  );
}

const UP = new THREE.Vector3(0, 1, 0);
const scratchDirection = new THREE.Vector3();
const scratchPosition = new THREE.Vector3();
const scratchQuaternion = new THREE.Quaternion();
const scratchScale = new THREE.Vector3(1, 1, 1);
const scratchMatrix = new THREE.Matrix4();
const hiddenMatrix = new THREE.Matrix4().makeScale(0, 0, 0);

/**
 * −∇f at each run's current point, drawn tangent to the surface: the horizontal direction is
 * −∇f/|∇f| and the rise is the change of the drawn height along it, so the arrow lies on the
 * surface and visibly points downhill. The gradient is the one the run used at that iterate.
 */
function GradientArrows({ runs, model }: { runs: readonly RunEntry[]; model: SurfaceModel }) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => {
    const shaft = new THREE.CylinderGeometry(0.014, 0.014, 0.74, 8).translate(0, 0.39, 0);
    const head = new THREE.ConeGeometry(0.045, 0.26, 12).translate(0, 0.87, 0);
    const merged = mergeGeometries([shaft, head]);
    shaft.dispose();
    head.dispose();
    return merged;
  }, []);
  const capacity = Math.max(8, runs.length);
  const mesh = useMemo(() => {
    const m = new THREE.InstancedMesh(
      geometry,
      new THREE.MeshBasicMaterial({ color: GRADIENT_ARROW_COLOR, depthTest: false }),
      capacity,
    );
    m.renderOrder = 9;
    m.frustumCulled = false;
    return m;
  }, [geometry, capacity]);
  useEffect(
    () => () => {
      geometry.dispose();
      (mesh.material as THREE.Material).dispose();
    },
    [geometry, mesh],
  );
  // The mesh is changed through the ref R3F hands back, in effects and frame callbacks only.
  const meshRef = useRef<THREE.InstancedMesh>(null);
  useLayoutEffect(() => {
    if (meshRef.current) meshRef.current.count = runs.length;
    invalidate();
  }, [mesh, runs, invalidate]);
  const { transform, surface, box } = model;
  useFrame(() => {
    const mesh = meshRef.current;
    if (!mesh) return;
    const step = getPlayhead().step;
    // A probe step of at most 2·10⁻³ world units: a thousandth of the side with the finer scale.
    const width = box.xmax - box.xmin;
    const depth = box.ymax - box.ymin;
    const delta = 1e-3 * (transform.stretched ? Math.min(width, depth) : Math.max(width, depth));
    // World x and z per unit of the shared scale (1 and 1 unless the axes have a scale each).
    const alongX = transform.unitsPerMathX / transform.unitsPerMath;
    const alongZ = transform.unitsPerMathY / transform.unitsPerMath;
    runs.forEach((run, i) => {
      const k = Math.min(step, run.result.steps);
      const gx = run.result.gradX[k] ?? NaN;
      const gy = run.result.gradY[k] ?? NaN;
      const norm = Math.hypot(gx, gy);
      const x = run.result.xs[k] ?? NaN;
      const y = run.result.ys[k] ?? NaN;
      const inside = x >= box.xmin && x <= box.xmax && y >= box.ymin && y <= box.ymax;
      if (!(norm > 0 && Number.isFinite(norm)) || !inside) {
        mesh.setMatrixAt(i, hiddenMatrix);
        return;
      }
      const dx = -gx / norm;
      const dy = -gy / norm;
      const h0 = transform.worldY(run.result.values[k] ?? NaN);
      const h1 = transform.worldY(surface.f(x + delta * dx, y + delta * dy));
      const horizontal = delta * transform.unitsPerMath;
      // World direction: (sx dx, rise, −sy dy), divided by s δ.
      scratchDirection.set(alongX * dx, (h1 - h0) / horizontal, -alongZ * dy).normalize();
      if (!Number.isFinite(scratchDirection.y)) {
        scratchDirection.set(alongX * dx, 0, -alongZ * dy).normalize();
      }
      scratchQuaternion.setFromUnitVectors(UP, scratchDirection);
      placeIterate(run, k, transform, false, PATH_LIFT, scratchPosition);
      scratchScale.setScalar(GRADIENT_ARROW_LENGTH);
      scratchMatrix.compose(scratchPosition, scratchQuaternion, scratchScale);
      mesh.setMatrixAt(i, scratchMatrix);
    });
    mesh.instanceMatrix.needsUpdate = true;
  });
  return <primitive object={mesh} ref={meshRef} />;
}

/**
 * Start markers (one instanced mesh). Pressing one (the selected run's, when several runs share
 * the start pressed) starts a drag: orbiting is switched off, each
 * pointer move is cast onto the surface mesh and the hit point becomes the run's new start.
 */
function StartMarkers({
  runs,
  model,
  geometry,
  radius,
  coarseRef,
  interactionRef,
}: {
  runs: readonly RunEntry[];
  model: SurfaceModel;
  geometry: THREE.BufferGeometry;
  /** The current markers' radius (world units): a start marker is half as large again. */
  radius: number;
  coarseRef: React.RefObject<THREE.Mesh | null>;
  interactionRef: InteractionRef;
}) {
  const invalidate = useThree((s) => s.invalidate);
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const getThree = useThree((s) => s.get);
  const setRunStart = useExplorerStore((s) => s.setRunStart);
  const selectRun = useExplorerStore((s) => s.selectRun);
  const { transform, box } = model;
  const { mesh, ref: meshRef } = useRunMarkerMesh(geometry, runs.length, 9);
  useLayoutEffect(() => {
    const mesh = meshRef.current;
    if (!mesh) return;
    const color = new THREE.Color();
    const scale = new THREE.Vector3().setScalar(radius * 1.5);
    const position = new THREE.Vector3();
    const identity = new THREE.Quaternion();
    const matrix = new THREE.Matrix4();
    runs.forEach((run, i) => {
      placeIterate(run, 0, transform, false, PATH_LIFT + radius, position);
      mesh.setMatrixAt(i, matrix.compose(position, identity, scale));
      mesh.setColorAt(i, color.set(run.color));
    });
    mesh.count = runs.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
    invalidate();
  }, [mesh, meshRef, runs, transform, radius, invalidate]);

  const onPointerDown = (event: ThreeEvent<PointerEvent>) => {
    // Every marker under the pointer: runs sharing a start are hit together, and the selected
    // one among them is the one grabbed; otherwise the nearest hit.
    const hits = event.intersections
      .filter((hit) => hit.object === meshRef.current && hit.instanceId !== undefined)
      .map((hit) => runs[hit.instanceId!])
      .filter((hit): hit is RunEntry => hit !== undefined);
    const selectedId = useExplorerStore.getState().selectedRunId;
    const nearest = event.instanceId === undefined ? undefined : runs[event.instanceId];
    const run = hits.find((hit) => hit.id === selectedId) ?? nearest;
    if (!run) return;
    event.stopPropagation();
    selectRun(run.id);
    // The live orbit controls, read when the press happens: three.js state, not render state.
    const controls = getThree().controls as unknown as { enabled: boolean } | null;
    if (controls) controls.enabled = false;
    interactionRef.current.active = true;
    invalidate();
    const raycaster = new THREE.Raycaster();
    const pointer = new THREE.Vector2();
    const move = (e: PointerEvent) => {
      const target = coarseRef.current;
      if (!target) return;
      const rect = gl.domElement.getBoundingClientRect();
      pointer.set(
        ((e.clientX - rect.left) / rect.width) * 2 - 1,
        -((e.clientY - rect.top) / rect.height) * 2 + 1,
      );
      raycaster.setFromCamera(pointer, camera);
      const hit = raycaster.intersectObject(target, false)[0];
      if (!hit) return;
      // Rounded to a thousandth of the box and clamped into it.
      const x = placeCoordinate(transform.mathX(hit.point.x), box.xmin, box.xmax);
      const y = placeCoordinate(transform.mathY(hit.point.z), box.ymin, box.ymax);
      commitNow(() => setRunStart(run.id, [x, y]));
    };
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", up);
      if (controls) controls.enabled = true;
      interactionRef.current.active = false;
      document.body.style.cursor = "";
      invalidate();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
    document.body.style.cursor = "grabbing";
  };

  return (
    <primitive
      object={mesh}
      ref={meshRef}
      onPointerDown={onPointerDown}
      onPointerOver={() => {
        document.body.style.cursor = "grab";
      }}
      onPointerOut={() => {
        if (!interactionRef.current.active) document.body.style.cursor = "";
      }}
    />
  );
}
