/**
 * The contour map: the domain box seen from straight above through an orthographic camera
 * (equal aspect unless the box's sides are too unequal, see core `WorldTransform.stretched`;
 * letterboxed), filled with the same colours as the 3D surface, contour lines at
 * quantile levels, the quiver field of −∇f, every run's path and current point, and draggable
 * start markers. Shift-click (or click in add mode) on an empty spot adds a run there.
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef } from "react";
import { Canvas, useThree } from "@react-three/fiber";
import * as THREE from "three";
// Routes three.js's console messages before any Canvas makes fiber's state.
import "./threeConsole.ts";
import { useExplorerStore, type RunEntry } from "../store/index.ts";
import type { WorldTransform } from "../core/transform.ts";
import { niceTicks } from "../core/transform.ts";
import { getSurfaceModel, type SurfaceModel } from "./surfaceModel.ts";
import {
  buildFlatColorQuad,
  formatTick,
  FrameCounter,
  PlayheadInvalidator,
  viewSummary,
} from "./sceneParts.tsx";
import { CurrentMarkers, HoverMarker, RunPath, useRunMarkerMesh } from "./runLayers.tsx";
import { CloudLayer } from "./cloudLayer.tsx";
import { usePresentation, useShownRuns } from "./presentation.ts";
import { MARKER_SHAPES, shapeGeometry } from "./markerShapes.ts";
import { registerProjector, type Projector } from "./renderStats.ts";
import { CurveView } from "./CurveView.tsx";
import { isDataSurface } from "../core/data/miniBatch.ts";
import { leastSquares } from "../core/data/leastSquares.ts";
import type { Surface } from "../core/types.ts";
import { useElementSize } from "./useElementSize.ts";
import { usePictureScale } from "./picture/pixelRatio.ts";
import { SharedView, StaticLayer } from "./sharedCanvas.tsx";
import { QuiverArrows } from "./quiverArrows.tsx";
import { LocalGeometryLayer } from "./localGeometryLayer.tsx";
import { BasinOverlay, useShownBasinMap } from "./basinLayer.tsx";
import { START_KEY_SHORTCUTS, START_KEYS_NOTE, useStartDrag } from "./useStartDrag.ts";

/**
 * Room (CSS px) kept around the box: the tick labels sit outside its left and bottom edges, and
 * markers on the top and right edges stay whole.
 */
const PAD = { left: 40, right: 12, top: 10, bottom: 22 };
/** More room above the box for the note that x and y are drawn at different scales. */
const SCALE_NOTE_ROOM = 8;
const MARKER_PX = 6;

/**
 * The camera frustum, in world units: world x runs from `x0` at the canvas's left edge to `x1`
 * at its right, world z from `z0` at its top to `z1` at its bottom. The box is shown with equal
 * aspect, as large as fits inside the padding, and centred in the room the padding leaves.
 */
interface Frame {
  x0: number;
  x1: number;
  z0: number;
  z1: number;
}

function fitFrame(transform: WorldTransform, width: number, height: number): Frame {
  const top = PAD.top + (transform.stretched ? SCALE_NOTE_ROOM : 0);
  const roomW = Math.max(1, width - PAD.left - PAD.right);
  const roomH = Math.max(1, height - top - PAD.bottom);
  // World units per CSS pixel.
  const s = Math.max((2 * transform.halfWidth) / roomW, (2 * transform.halfDepth) / roomH);
  // The box is centred on world (0, 0); put that at the centre of the padded room.
  const centreX = PAD.left + roomW / 2;
  const centreZ = top + roomH / 2;
  return {
    x0: -centreX * s,
    x1: (Math.max(1, width) - centreX) * s,
    z0: -centreZ * s,
    z1: (Math.max(1, height) - centreZ) * s,
  };
}

/** Math point under a client position, and the reverse, for the current canvas rectangle. */
function makeProjection(transform: WorldTransform, frame: Frame, rect: DOMRect) {
  const toClient: Projector = (x, y) => ({
    clientX: rect.left + ((transform.worldX(x) - frame.x0) / (frame.x1 - frame.x0)) * rect.width,
    // Camera up is world −z, which is math +y: screen down is +worldZ.
    clientY: rect.top + ((transform.worldZ(y) - frame.z0) / (frame.z1 - frame.z0)) * rect.height,
  });
  const toMath = (clientX: number, clientY: number): [number, number] => {
    const wx = frame.x0 + ((clientX - rect.left) / rect.width) * (frame.x1 - frame.x0);
    const wz = frame.z0 + ((clientY - rect.top) / rect.height) * (frame.z1 - frame.z0);
    return [transform.mathX(wx), transform.mathY(wz)];
  };
  return { toClient, toMath };
}

/** The projection for the wrapper's current rectangle; null before it is in the page. */
function projectionOf(element: HTMLElement | null, transform: WorldTransform, frame: Frame) {
  return element ? makeProjection(transform, frame, element.getBoundingClientRect()) : null;
}

/**
 * Pan and zoom of a contour map over the fitted view: the zoom factor (1 = the box fits) and the
 * shift of the view's centre, in world units. Panels of a comparison share one, so they move
 * together.
 */
export interface ContourViewport {
  zoom: number;
  x: number;
  z: number;
}

/** The fitted view: the box whole, centred. */
export const FITTED_VIEWPORT: ContourViewport = { zoom: 1, x: 0, z: 0 };
const ZOOM_RANGE = { min: 0.5, max: 50 };

/** `frame` zoomed by `viewport.zoom` about its centre, then shifted by (`x`, `z`). */
function viewFrame(frame: Frame, viewport: ContourViewport): Frame {
  const cx = (frame.x0 + frame.x1) / 2 + viewport.x;
  const cz = (frame.z0 + frame.z1) / 2 + viewport.z;
  const hx = (frame.x1 - frame.x0) / 2 / viewport.zoom;
  const hz = (frame.z1 - frame.z0) / 2 / viewport.zoom;
  return { x0: cx - hx, x1: cx + hx, z0: cz - hz, z1: cz + hz };
}

export interface ContourViewProps {
  className?: string;
  /** The runs drawn (default: every run of the scenario). */
  runs?: readonly RunEntry[];
  /** The legend's place of the first run drawn, which picks the marker shapes (default 0). */
  firstIndex?: number;
  /** Pan and zoom; without it the view always fits the box and does not pan or zoom. */
  viewport?: ContourViewport;
  onViewportChange?: (viewport: ContourViewport) => void;
  /** What the map's spoken summary starts with (default "Contour map"). */
  label?: string;
  /** The page's one contour map, which the tests' projector reads (default true). */
  primary?: boolean;
  /**
   * Draw into a canvas shared with other maps (a `SharedCanvas` around them, ./sharedCanvas.tsx)
   * instead of a canvas of its own.
   */
  shared?: boolean;
}

export function ContourView({
  className,
  runs: shownRuns,
  firstIndex = 0,
  viewport,
  onViewportChange,
  label = "Contour map",
  primary = true,
  shared = false,
}: ContourViewProps) {
  const surface = useExplorerStore((s) => s.surface);
  const box = useExplorerStore((s) => s.box);
  const runs = useShownRuns(shownRuns);
  const showQuiver = useExplorerStore((s) => s.view.showQuiver);
  const model = useMemo(() => getSurfaceModel(surface, box), [surface, box]);
  const wrapper = useRef<HTMLDivElement>(null);
  const size = useElementSize(wrapper);
  const scaleNoteId = useId();
  // One pixel per CSS pixel on screen; an exported picture at 2× asks for two while it is taken.
  const pictureScale = usePictureScale();

  const fitted = useMemo(
    () => fitFrame(model.transform, size.width, size.height),
    [model.transform, size.width, size.height],
  );
  const frame = useMemo(
    () => (viewport ? viewFrame(fitted, viewport) : fitted),
    [fitted, viewport],
  );

  // Wheel zooms about the pointer. A native listener: React's wheel listener is passive, and
  // the page must not scroll while the map zooms.
  useEffect(() => {
    const element = wrapper.current;
    if (!element || !viewport || !onViewportChange) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = element.getBoundingClientRect();
      const zoom = Math.min(
        ZOOM_RANGE.max,
        Math.max(ZOOM_RANGE.min, viewport.zoom * Math.exp(-event.deltaY * 0.0015)),
      );
      const px = frame.x0 + ((event.clientX - rect.left) / rect.width) * (frame.x1 - frame.x0);
      const pz = frame.z0 + ((event.clientY - rect.top) / rect.height) * (frame.z1 - frame.z0);
      const cx = (frame.x0 + frame.x1) / 2;
      const cz = (frame.z0 + frame.z1) / 2;
      const keep = viewport.zoom / zoom;
      const baseX = (fitted.x0 + fitted.x1) / 2;
      const baseZ = (fitted.z0 + fitted.z1) / 2;
      onViewportChange({
        zoom,
        x: px - (px - cx) * keep - baseX,
        z: pz - (pz - cz) * keep - baseZ,
      });
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => element.removeEventListener("wheel", onWheel);
  }, [viewport, onViewportChange, frame, fitted]);

  const transform = model.transform;
  const projection = () => projectionOf(wrapper.current, transform, frame);

  const flat = surface.dimension === 1;
  useEffect(() => {
    if (flat || !primary) return;
    registerProjector("contour", (x, y) => {
      const p = projectionOf(wrapper.current, transform, frame);
      return p ? p.toClient(x, y) : { clientX: NaN, clientY: NaN };
    });
    return () => registerProjector("contour", null);
  }, [flat, primary, transform, frame]);

  const pointer = useStartDrag({
    runs,
    onPan:
      viewport && onViewportChange
        ? (dx, dy) => {
            const rect = wrapper.current?.getBoundingClientRect();
            if (!rect || rect.width === 0 || rect.height === 0) return;
            onViewportChange({
              ...viewport,
              x: viewport.x - (dx / rect.width) * (frame.x1 - frame.x0),
              z: viewport.z - (dy / rect.height) * (frame.z1 - frame.z0),
            });
          }
        : undefined,
    startOnScreen: (run) => projection()?.toClient(run.result.xs[0]!, run.result.ys[0]!) ?? null,
    toMath: (clientX, clientY) => projection()?.toMath(clientX, clientY) ?? null,
  });

  if (flat) return <CurveView className={className} />;

  const ticks = tickLabels(model, frame, size);
  const marks = dataMarks(model, frame, size);
  const scene = (
    <>
      <FrameCounter />
      <PlayheadInvalidator />
      <ContourCamera frame={frame} />
      <ContourScene
        model={model}
        runs={runs}
        firstIndex={firstIndex}
        showQuiver={showQuiver}
        frame={frame}
        size={size}
      />
    </>
  );

  return (
    <div
      ref={wrapper}
      className={className}
      role="img"
      aria-label={`${viewSummary(label, box, runs)} ${START_KEYS_NOTE}`}
      aria-describedby={model.scaleText ? scaleNoteId : undefined}
      aria-keyshortcuts={START_KEY_SHORTCUTS}
      tabIndex={0}
      style={{
        position: "relative",
        width: "100%",
        height: "100%",
        touchAction: "none",
        // Tick labels at a zoomed map's edge stay inside it, off a panel's title.
        overflow: "hidden",
      }}
      {...pointer}
    >
      {shared ? (
        <SharedView track={wrapper}>
          <ViewCamera />
          {scene}
        </SharedView>
      ) : (
        <Canvas
          frameloop="demand"
          dpr={pictureScale}
          orthographic
          camera={{ manual: true, position: [0, 10, 0], up: [0, 0, -1], near: 0.1, far: 40 }}
          gl={{ antialias: false, alpha: false, stencil: false, depth: false }}
          style={{ position: "absolute", inset: 0 }}
          aria-hidden="true"
        >
          {scene}
        </Canvas>
      )}
      {ticks.map((t) => (
        <span
          key={t.key}
          data-tick={t.key.slice(0, 1)}
          style={{
            position: "absolute",
            left: t.left,
            top: t.top,
            transform: t.transform,
            fontSize: "var(--tick-size)",
            lineHeight: 1.1,
            padding: "0 2px",
            color: "#222",
            background: "rgba(247,247,245,0.8)",
            borderRadius: 2,
            pointerEvents: "none",
            whiteSpace: "nowrap",
          }}
        >
          {t.text}
        </span>
      ))}
      {model.scaleText && (
        <>
          <span id={scaleNoteId} hidden>
            {model.scaleText}
          </span>
          <span
            className="axis-scale-note"
            title={model.scaleText}
            style={{
              position: "absolute",
              right: 2,
              top: 0,
              fontSize: "var(--tick-size)",
              fontStyle: "italic",
              lineHeight: 1.1,
              padding: "0 3px",
              color: "#222",
              background: "rgba(247,247,245,0.85)",
              borderRadius: 2,
              whiteSpace: "nowrap",
            }}
          >
            axes at different scales
          </span>
        </>
      )}
      {marks.map((m) => (
        <span
          key={m.key}
          data-mark={m.key}
          title={m.title}
          style={{
            position: "absolute",
            left: m.left,
            top: m.top,
            transform: m.transform,
            fontSize: m.key === "fit" ? "calc(var(--tick-size) * 1.6)" : "var(--tick-size)",
            fontWeight: 700,
            lineHeight: 1,
            color: m.key === "fit" ? "#fff" : "#222",
            textShadow: m.key === "fit" ? "0 0 2px #000, 0 0 3px #000" : undefined,
            background: m.key === "fit" ? undefined : "rgba(247,247,245,0.8)",
            padding: m.key === "fit" ? undefined : "0 3px",
            borderRadius: 2,
            fontStyle: m.key === "fit" ? undefined : "italic",
            pointerEvents: "none",
            whiteSpace: "nowrap",
          }}
        >
          {m.text}
        </span>
      ))}
    </div>
  );
}

/**
 * Tick labels outside the box's bottom and left edges, in CSS pixels of the wrapper (just inside
 * them when the view is too small for the padding).
 */
function tickLabels(model: SurfaceModel, frame: Frame, size: { width: number; height: number }) {
  if (size.width === 0 || size.height === 0) return [];
  const { transform, box } = model;
  const px = (wx: number) => ((wx - frame.x0) / (frame.x1 - frame.x0)) * size.width;
  const py = (wz: number) => ((wz - frame.z0) / (frame.z1 - frame.z0)) * size.height;
  const bottom = py(transform.worldZ(box.ymin));
  const left = px(transform.worldX(box.xmin));
  // Outside the box when the letterbox leaves room, else just inside its edge.
  const roomBelow = size.height - bottom >= 18;
  const roomLeft = left >= 30;
  // A small map (a comparison's panel) gets about three ticks an axis, so labels do not touch.
  const across = px(transform.worldX(box.xmax)) - left;
  const down = bottom - py(transform.worldZ(box.ymax));
  const labels: { key: string; text: string; left: number; top: number; transform: string }[] = [];
  for (const x of niceTicks(box.xmin, box.xmax, across < 150 ? 3 : 5)) {
    labels.push({
      key: `x${x}`,
      text: formatTick(x),
      left: px(transform.worldX(x)),
      top: roomBelow ? bottom + 3 : bottom - 2,
      transform: roomBelow ? "translate(-50%, 0)" : "translate(-50%, -100%)",
    });
  }
  for (const y of niceTicks(box.ymin, box.ymax, down < 110 ? 3 : 5)) {
    // At the bottom-left corner the x labels already sit there when they are inside the box.
    if (!roomBelow && !roomLeft && y === box.ymin) continue;
    labels.push({
      key: `y${y}`,
      text: formatTick(y),
      left: roomLeft ? left - 6 : left + 3,
      top: py(transform.worldZ(y)),
      transform: roomLeft ? "translate(-100%, -50%)" : "translate(0, -50%)",
    });
  }
  return labels;
}

/** The least-squares fit of a loss over data, when it has one (squared error, linear model). */
const fits = new WeakMap<Surface, readonly [number, number] | null>();
function leastSquaresOf(surface: Surface): readonly [number, number] | null {
  if (!isDataSurface(surface)) return null;
  let fit = fits.get(surface);
  if (fit === undefined) {
    const { model, loss, dataset } = surface;
    const result =
      loss.key === "mse" && (model.key === "line" || model.key === "quadratic")
        ? leastSquares(dataset, model.key)
        : null;
    fit = result?.ok ? result.params : null;
    fits.set(surface, fit);
  }
  return fit;
}

/**
 * On a loss over data: the parameters' names at the box's bottom-right and top-left corners, and
 * a diamond at the least-squares fit where the map shows it.
 */
function dataMarks(model: SurfaceModel, frame: Frame, size: { width: number; height: number }) {
  const { surface, transform, box } = model;
  if (size.width === 0 || size.height === 0 || !isDataSurface(surface)) return [];
  const px = (wx: number) => ((wx - frame.x0) / (frame.x1 - frame.x0)) * size.width;
  const py = (wz: number) => ((wz - frame.z0) / (frame.z1 - frame.z0)) * size.height;
  const [xName, yName] = surface.paramNames;
  const marks = [
    {
      key: "x-name",
      text: xName,
      title: `horizontal axis: ${xName}`,
      left: px(transform.worldX(box.xmax)) - 3,
      top: py(transform.worldZ(box.ymin)) - 3,
      transform: "translate(-100%, -100%)",
    },
    {
      key: "y-name",
      text: yName,
      title: `vertical axis: ${yName}`,
      left: px(transform.worldX(box.xmin)) + 3,
      top: py(transform.worldZ(box.ymax)) + 3,
      transform: "none",
    },
  ];
  const fit = leastSquaresOf(surface);
  if (fit !== null) {
    const left = px(transform.worldX(fit[0]));
    const top = py(transform.worldZ(fit[1]));
    if (left >= 0 && left <= size.width && top >= 0 && top <= size.height) {
      marks.push({
        key: "fit",
        text: "◆",
        title: `least-squares fit: ${xName} = ${fit[0]}, ${yName} = ${fit[1]}`,
        left,
        top,
        transform: "translate(-50%, -50%)",
      });
    }
  }
  return marks;
}

/**
 * A map drawn into a shared canvas gets its own orthographic camera: the canvas's camera is
 * shared, and each map frames its own box. Manual, so the shared canvas never refits it.
 */
function ViewCamera() {
  const set = useThree((s) => s.set);
  const camera = useMemo(
    () => Object.assign(new THREE.OrthographicCamera(-1, 1, 1, -1, 0.1, 40), { manual: true }),
    [],
  );
  useLayoutEffect(() => set({ camera }), [set, camera]);
  return null;
}

function ContourCamera({ frame }: { frame: Frame }) {
  const getThree = useThree((s) => s.get);
  const invalidate = useThree((s) => s.invalidate);
  useLayoutEffect(() => {
    // The live camera, read where it is changed: three.js state, not a value of this render.
    const camera = getThree().camera;
    if (!(camera instanceof THREE.OrthographicCamera)) return;
    // Camera-space up is world −z.
    camera.left = frame.x0;
    camera.right = frame.x1;
    camera.top = -frame.z0;
    camera.bottom = -frame.z1;
    camera.zoom = 1;
    camera.position.set(0, 10, 0);
    camera.up.set(0, 0, -1);
    camera.lookAt(0, 0, 0);
    camera.updateProjectionMatrix();
    invalidate();
  }, [getThree, frame, invalidate]);
  return null;
}

function ContourScene({
  model,
  runs,
  firstIndex,
  showQuiver,
  frame,
  size,
}: {
  model: SurfaceModel;
  runs: readonly RunEntry[];
  firstIndex: number;
  showQuiver: boolean;
  frame: Frame;
  size: { width: number; height: number };
}) {
  const { transform } = model;
  const fill = useMemo(() => buildFlatColorQuad(model.fine, transform), [model, transform]);
  useEffect(
    () => () => {
      fill.geometry.dispose();
      fill.texture.dispose();
    },
    [fill],
  );

  const lines = useMemo(() => {
    const segments = model.contours.segments;
    const positions = new Float32Array((segments.length / 2) * 3);
    for (let k = 0, w = 0; k < segments.length; k += 2) {
      positions[w++] = transform.worldX(segments[k]!);
      positions[w++] = 0.01;
      positions[w++] = transform.worldZ(segments[k + 1]!);
    }
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute("position", new THREE.BufferAttribute(positions, 3));
    return geometry;
  }, [model, transform]);
  useEffect(() => () => lines.dispose(), [lines]);

  const basinMap = useShownBasinMap();
  const { pathScale, markerScale: markerFactor, pathCasing } = usePresentation();
  // World units per CSS pixel, so markers keep their on-screen size at any canvas size.
  const worldPerPixel = size.height > 0 ? (frame.z1 - frame.z0) / size.height : 0.01;
  const markerPx = MARKER_PX * markerFactor;
  const shapes = useMemo(() => MARKER_SHAPES.map(shapeGeometry), []);
  const ring = useMemo(() => new THREE.RingGeometry(0.55, 1, 24).rotateX(-Math.PI / 2), []);
  useEffect(() => () => shapes.forEach((shape) => shape.dispose()), [shapes]);
  useEffect(() => () => ring.dispose(), [ring]);
  const markerScale = () => markerPx * worldPerPixel;
  const pixelSize = () => worldPerPixel;
  const hoverScale = () => markerPx * 1.9 * worldPerPixel;

  return (
    <>
      {/* What stays put while the runs play; in a shared canvas it is drawn once and reused. */}
      <StaticLayer>
        <color attach="background" args={["#f7f7f5"]} />
        <mesh geometry={fill.geometry}>
          <meshBasicMaterial map={fill.texture} alphaTest={0.5} />
        </mesh>
        {basinMap && <BasinOverlay map={basinMap} transform={transform} y={0.005} opacity={0.85} />}
        <lineSegments geometry={lines} renderOrder={1}>
          <lineBasicMaterial color="#000000" transparent opacity={0.4} depthTest={false} />
        </lineSegments>
        <QuiverArrows
          model={model}
          visible={showQuiver}
          y={0.02}
          color="#ffffff"
          opacity={0.75}
          depthTest={false}
          renderOrder={2}
        />
      </StaticLayer>
      <CloudLayer transform={transform} f={null} />
      {runs.map((run) => (
        <RunPath
          key={run.id}
          run={run}
          transform={transform}
          f={null}
          lift={0.03}
          dotSize={5 * markerFactor}
          lineScale={pathScale}
          casing={pathCasing}
          pixelSize={pixelSize}
        />
      ))}
      <StartRings
        runs={runs}
        transform={transform}
        geometry={ring}
        scale={markerPx * 1.6 * worldPerPixel}
      />
      <CurrentMarkers
        runs={runs}
        firstIndex={firstIndex}
        transform={transform}
        flat
        shapes={shapes}
        lift={0.05}
        scale={markerScale}
      />
      <HoverMarker
        runs={runs}
        transform={transform}
        flat
        geometry={ring}
        lift={0.06}
        scale={hoverScale}
      />
      <LocalGeometryLayer transform={transform} runs={runs} worldPerPixel={worldPerPixel} />
    </>
  );
}

/** Start markers: a ring in each run's colour, one instanced mesh, redrawn when runs change. */
function StartRings({
  runs,
  transform,
  geometry,
  scale,
}: {
  runs: readonly RunEntry[];
  transform: WorldTransform;
  geometry: THREE.BufferGeometry;
  scale: number;
}) {
  const invalidate = useThree((s) => s.invalidate);
  const { mesh, ref } = useRunMarkerMesh(geometry, runs.length, 7);
  useLayoutEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const color = new THREE.Color();
    const matrix = new THREE.Matrix4();
    runs.forEach((run, i) => {
      matrix.makeScale(scale, scale, scale);
      matrix.setPosition(
        transform.worldX(run.result.xs[0]!),
        0.04,
        transform.worldZ(run.result.ys[0]!),
      );
      mesh.setMatrixAt(i, matrix);
      mesh.setColorAt(i, color.set(run.color));
    });
    mesh.count = runs.length;
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    invalidate();
  }, [mesh, ref, runs, transform, scale, invalidate]);
  return <primitive object={mesh} ref={ref} />;
}
