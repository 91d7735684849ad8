/**
 * Wide polylines without instancing. three's Line2 draws one instance per segment, and a software
 * renderer pays a full draw setup per instance, so a few thousand segments cost tens of
 * milliseconds a frame. Here every segment is two plain triangles whose corners are pushed
 * sideways in screen space by the vertex shader: one draw call, widths in CSS pixels.
 *
 * On a surface, a line is drawn in two passes over the same buffers: where nothing is in front
 * of it, solid; where the surface hides it, dashed. Both passes move the line towards the camera
 * by a small `lift` along the line of sight, which changes no pixel's position but lets a line
 * lying on the surface win the depth test against the triangles it lies on.
 */
import * as THREE from "three";

const vertexShader = /* glsl */ `
uniform vec2 resolution;
uniform float linewidth;
uniform float lift;
attribute vec3 other;
attribute float side;
attribute float lineDistance;
varying float vLineDistance;
vec4 project(vec3 p) {
  vec4 eye = modelViewMatrix * vec4(p, 1.0);
  // Towards the eye along the line of sight: the same pixel, nearer in depth.
  float d = length(eye.xyz);
  eye.xyz *= max(0.0, 1.0 - lift / max(d, 1e-6));
  return projectionMatrix * eye;
}
void main() {
  vLineDistance = lineDistance;
  vec4 self = project(position);
  vec4 far = project(other);
  vec2 half_res = resolution * 0.5;
  vec2 a = self.xy / self.w * half_res;
  vec2 b = far.xy / far.w * half_res;
  vec2 dir = b - a;
  float len = length(dir);
  dir = len > 1e-6 ? dir / len : vec2(1.0, 0.0);
  vec2 offset = vec2(-dir.y, dir.x) * side * linewidth * 0.5;
  self.xy += offset / half_res * self.w;
  gl_Position = self;
}
`;

const fragmentShader = /* glsl */ `
uniform vec3 color;
uniform float opacity;
uniform float dash;
varying float vLineDistance;
void main() {
  // Dashes of 70% of the period: still read as one line, yet plainly not the solid one.
  if (dash > 0.0 && fract(vLineDistance / dash) > 0.7) discard;
  gl_FragColor = vec4(color, opacity);
  #include <colorspace_fragment>
}
`;

/**
 * Where a wide line is drawn: `always` ignores depth (flat views, where nothing is in front);
 * `visible` only where nothing is nearer; `hidden` only where something is (the part behind a
 * surface), dashed.
 */
export type WideLinePass = "always" | "visible" | "hidden";

export interface WideLineStyle {
  /** Width in CSS pixels (at device pixel ratio 1). */
  linewidth: number;
  opacity?: number;
  pass?: WideLinePass;
  /** World units the line moves towards the camera (perspective views only). */
  lift?: number;
  /** World length of one dash and its gap, for the hidden pass. */
  dash?: number;
}

/** A wide line's material; its `color` uniform is set by the owner. */
export function makeWideLineMaterial({
  linewidth,
  opacity = 1,
  pass = "always",
  lift = 0,
  dash = 0.05,
}: WideLineStyle): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: {
      color: { value: new THREE.Color() },
      opacity: { value: opacity },
      linewidth: { value: linewidth },
      resolution: { value: new THREE.Vector2(1, 1) },
      lift: { value: lift },
      dash: { value: pass === "hidden" ? dash : 0 },
    },
    vertexShader,
    fragmentShader,
    transparent: opacity < 1,
    depthTest: pass !== "always",
    depthFunc: pass === "hidden" ? THREE.GreaterDepth : THREE.LessEqualDepth,
    depthWrite: false,
    // A quad's winding depends on which way its segment runs on screen.
    side: THREE.DoubleSide,
  });
}

/**
 * Geometry for up to `capacity` segments of a polyline; fill with {@link writeWideLineSegment}.
 * Segment i uses vertices 4i..4i+3 and indices 6i..6i+5, so a draw range of 6n indices draws
 * the first n segments. Segments need not join: a path clipped to a box is drawn with gaps.
 */
export function makeWideLineGeometry(capacity: number): THREE.BufferGeometry {
  const geometry = new THREE.BufferGeometry();
  const position = new THREE.BufferAttribute(new Float32Array(capacity * 12), 3);
  const other = new THREE.BufferAttribute(new Float32Array(capacity * 12), 3);
  const lineDistance = new THREE.BufferAttribute(new Float32Array(capacity * 4), 1);
  for (const attribute of [position, other, lineDistance]) {
    attribute.setUsage(THREE.DynamicDrawUsage);
  }
  const side = new Float32Array(capacity * 4);
  const index = new Uint32Array(capacity * 6);
  for (let i = 0; i < capacity; i++) {
    // Start vertices look towards the end, end vertices back at the start, so an end vertex's
    // perpendicular is flipped; flipping its side too keeps both on the same edge.
    side[4 * i] = 1;
    side[4 * i + 1] = -1;
    side[4 * i + 2] = -1;
    side[4 * i + 3] = 1;
    const v = 4 * i;
    index.set([v, v + 1, v + 2, v, v + 2, v + 3], 6 * i);
  }
  geometry.setAttribute("position", position);
  geometry.setAttribute("other", other);
  geometry.setAttribute("lineDistance", lineDistance);
  geometry.setAttribute("side", new THREE.BufferAttribute(side, 1));
  geometry.setIndex(new THREE.BufferAttribute(index, 1));
  geometry.userData.capacity = capacity;
  return geometry;
}

/** Segments a wide-line geometry can hold. */
export function wideLineCapacity(geometry: THREE.BufferGeometry): number {
  return geometry.userData.capacity as number;
}

/**
 * Writes segment i (a → b, with `distance` the path length before a, for dashes) into the
 * geometry's arrays. Nothing is uploaded until {@link markWideLineWritten}.
 */
export function writeWideLineSegment(
  geometry: THREE.BufferGeometry,
  i: number,
  ax: number,
  ay: number,
  az: number,
  bx: number,
  by: number,
  bz: number,
  distance: number,
): void {
  const p = (geometry.getAttribute("position") as THREE.BufferAttribute).array as Float32Array;
  const o = (geometry.getAttribute("other") as THREE.BufferAttribute).array as Float32Array;
  const d = (geometry.getAttribute("lineDistance") as THREE.BufferAttribute).array as Float32Array;
  const v = 12 * i;
  p[v] = p[v + 3] = o[v + 6] = o[v + 9] = ax;
  p[v + 1] = p[v + 4] = o[v + 7] = o[v + 10] = ay;
  p[v + 2] = p[v + 5] = o[v + 8] = o[v + 11] = az;
  p[v + 6] = p[v + 9] = o[v] = o[v + 3] = bx;
  p[v + 7] = p[v + 10] = o[v + 1] = o[v + 4] = by;
  p[v + 8] = p[v + 11] = o[v + 2] = o[v + 5] = bz;
  const end = distance + Math.hypot(bx - ax, by - ay, bz - az);
  d[4 * i] = d[4 * i + 1] = distance;
  d[4 * i + 2] = d[4 * i + 3] = end;
}

/**
 * Uploads segments [from, to) on the next draw (only that range goes to the GPU) and sets the
 * geometry to draw `count` segments.
 */
export function markWideLineWritten(
  geometry: THREE.BufferGeometry,
  from: number,
  to: number,
  count: number,
): void {
  for (const [name, size] of [
    ["position", 12],
    ["other", 12],
    ["lineDistance", 4],
  ] as const) {
    const attribute = geometry.getAttribute(name) as THREE.BufferAttribute;
    attribute.clearUpdateRanges();
    if (to > from) {
      attribute.addUpdateRange(from * size, (to - from) * size);
      attribute.needsUpdate = true;
    }
  }
  geometry.setDrawRange(0, count * 6);
}

/** Points `target` at the buffers of `source`, so two draw ranges can show one polyline. */
export function shareWideLineBuffers(
  source: THREE.BufferGeometry,
  target: THREE.BufferGeometry,
): void {
  for (const name of ["position", "other", "lineDistance", "side"])
    target.setAttribute(name, source.getAttribute(name));
  target.setIndex(source.getIndex());
}

const viewport = new THREE.Vector4();

/**
 * Keeps a wide line's resolution uniform equal to the part of the canvas it is drawn into, in CSS
 * pixels (so widths stay in CSS pixels in a 2× picture): the whole canvas, or one view's
 * rectangle when several views share a canvas.
 */
export function trackResolution(mesh: THREE.Mesh): void {
  mesh.onBeforeRender = (renderer) => {
    renderer.getCurrentViewport(viewport);
    const material = mesh.material as THREE.ShaderMaterial;
    const ratio = renderer.getPixelRatio();
    (material.uniforms.resolution!.value as THREE.Vector2).set(
      viewport.z / ratio,
      viewport.w / ratio,
    );
  };
}
