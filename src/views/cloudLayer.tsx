/**
 * The cloud of random starts as small dots: every start at the playhead's step (clamped to what
 * was recorded), white with a dark rim so a dot reads on every colour of the viridis fill, drawn
 * under the runs' paths. One `THREE.Points` holds every dot; when the playhead moves to another
 * recorded frame its one position buffer is rewritten in place and uploaded, with nothing
 * allocated per frame. Hidden while runs are compared (the cloud follows one run).
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import * as THREE from "three";
import { cloudFrameAt, cloudPositionsAt, type CloudRecording } from "../core/landscape/cloud.ts";
import type { WorldTransform } from "../core/transform.ts";
import type { ScalarFn } from "../core/types.ts";
import { useCloudJob } from "../store/cloudJob.ts";
import { useExplorerStore } from "../store/index.ts";
import { getPlayhead } from "../store/playhead.ts";
import { usePresentation } from "./presentation.ts";

/** Under the paths' casings (4) and paths (5), over the fill and the field. */
const CLOUD_ORDER = 3;
/**
 * A dot's white core and dark rim, in CSS pixels (times the presenter factor): smaller on the 3D
 * surface, which a view of the same size shows smaller than the map.
 */
const DOT_PX = { flat: { core: 3, rim: 1 }, surface: { core: 2, rim: 0.5 } };
const CORE_COLOR = new THREE.Color("#ffffff");
const RIM_COLOR = new THREE.Color("#1b1b1b");
/** The dots' height on the flat map: over the fill, which lies at 0. */
const FLAT_Y = 0.025;
/** A height no drawn point has: the shader leaves such a dot out (a start outside the box). */
const HIDDEN_Y = -1e4;
/** How far (world units) a dot on the 3D surface moves towards the camera to stay in front of it. */
const SURFACE_LIFT = 0.03;

const vertexShader = /* glsl */ `
  uniform float pointSize;
  uniform float lift;
  void main() {
    if (position.y < -1000.0) {
      // Outside the clip volume: nothing is drawn.
      gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
      gl_PointSize = 0.0;
      return;
    }
    vec4 eye = modelViewMatrix * vec4(position, 1.0);
    if (lift > 0.0) eye.xyz += normalize(-eye.xyz) * lift;
    gl_Position = projectionMatrix * eye;
    gl_PointSize = pointSize;
  }
`;

const fragmentShader = /* glsl */ `
  uniform vec3 coreColor;
  uniform vec3 rimColor;
  uniform float inner;
  void main() {
    vec2 p = gl_PointCoord * 2.0 - 1.0;
    float r = dot(p, p);
    if (r > 1.0) discard;
    gl_FragColor = vec4(r > inner ? rimColor : coreColor, 1.0);
  }
`;

/** The dots' object for `count` starts: a position buffer rewritten in place, and the shader. */
function makeCloudPoints(count: number, depthTest: boolean): THREE.Points {
  const geometry = new THREE.BufferGeometry();
  const position = new THREE.BufferAttribute(new Float32Array(Math.max(1, count) * 3), 3);
  position.setUsage(THREE.DynamicDrawUsage);
  geometry.setAttribute("position", position);
  geometry.setDrawRange(0, count);
  const material = new THREE.ShaderMaterial({
    vertexShader,
    fragmentShader,
    uniforms: {
      pointSize: { value: 5 },
      lift: { value: 0 },
      coreColor: { value: CORE_COLOR },
      rimColor: { value: RIM_COLOR },
      inner: { value: 0.36 },
    },
    depthTest,
    depthWrite: false,
  });
  const points = new THREE.Points(geometry, material);
  points.renderOrder = CLOUD_ORDER;
  points.frustumCulled = false;
  points.visible = false;
  return points;
}

export interface CloudLayerProps {
  transform: WorldTransform;
  /** f, for dots on the 3D surface at the height of f; null draws them flat (contour map). */
  f: ScalarFn | null;
}

/** The cloud of random starts at the playhead's step; nothing when there is none. */
export function CloudLayer({ transform, f }: CloudLayerProps) {
  const invalidate = useThree((s) => s.invalidate);
  const computed = useCloudJob((s) => s.cloud);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const { markerScale } = usePresentation();
  const paths: CloudRecording | null = computed?.paths ?? null;
  const count = paths?.count ?? 0;
  const flat = f === null;
  const points = useMemo(() => makeCloudPoints(count, !flat), [count, flat]);
  // Every start's (x, y) in the frame shown, gathered from the recording's pieces.
  const scratch = useMemo(() => new Float32Array(2 * count), [count]);
  useEffect(
    () => () => {
      points.geometry.dispose();
      (points.material as THREE.Material).dispose();
    },
    [points],
  );
  const ref = useRef<THREE.Points>(null);
  // The frame the buffer holds, or −1 when it must be written again.
  const shownFrame = useRef(-1);
  // A dot's diameter in CSS pixels (the shader's point size is in the drawing buffer's pixels).
  const diameter = useRef(5);

  useLayoutEffect(() => {
    const object = ref.current;
    if (!object) return;
    object.visible = paths !== null && !comparing;
    const dot = flat ? DOT_PX.flat : DOT_PX.surface;
    const core = dot.core * markerScale;
    const rim = dot.rim * markerScale;
    const uniforms = (object.material as THREE.ShaderMaterial).uniforms;
    uniforms.inner!.value = (core / (core + 2 * rim)) ** 2;
    uniforms.lift!.value = flat ? 0 : SURFACE_LIFT;
    diameter.current = core + 2 * rim;
    shownFrame.current = -1;
    invalidate();
  }, [points, paths, comparing, markerScale, flat, transform, f, invalidate]);

  useFrame(({ gl }) => {
    const object = ref.current;
    if (!object || !paths || !object.visible) return;
    const material = object.material as THREE.ShaderMaterial;
    material.uniforms.pointSize!.value = diameter.current * gl.getPixelRatio();
    const frame = cloudFrameAt(paths, getPlayhead().step);
    if (frame === shownFrame.current) return;
    shownFrame.current = frame;
    const attribute = object.geometry.getAttribute("position") as THREE.BufferAttribute;
    const out = attribute.array as Float32Array;
    const source = scratch;
    cloudPositionsAt(paths, frame, source);
    const { xmin, xmax, ymin, ymax } = transform.box;
    for (let i = 0, r = 0, w = 0; i < paths.count; i++, r += 2, w += 3) {
      const x = source[r]!;
      const y = source[r + 1]!;
      // A start that has left the plot (or diverged) is not drawn over the axes.
      if (!(x >= xmin && x <= xmax && y >= ymin && y <= ymax)) {
        out[w + 1] = HIDDEN_Y;
        continue;
      }
      out[w] = transform.worldX(x);
      out[w + 1] = f === null ? FLAT_Y : transform.worldY(f(x, y));
      out[w + 2] = transform.worldZ(y);
    }
    attribute.needsUpdate = true;
  });

  return <primitive object={points} ref={ref} />;
}
