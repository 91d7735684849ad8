/**
 * Wide polylines without instancing. three's Line2 draws one instance per segment, and a software
 * renderer pays a full draw setup per instance, so a few thousand segments cost tens of
 * milliseconds a frame. Here every segment is two plain triangles whose corners are pushed
 * sideways in screen space by the vertex shader: one draw call, widths in CSS pixels.
 */
import * as THREE from "three";

const vertexShader = /* glsl */ `
uniform vec2 resolution;
uniform float linewidth;
attribute vec3 other;
attribute float side;
void main() {
  vec4 self = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  vec4 far = projectionMatrix * modelViewMatrix * vec4(other, 1.0);
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
void main() {
  gl_FragColor = vec4(color, opacity);
  #include <colorspace_fragment>
}
`;

/** A wide line's material: colour, opacity and width in pixels (at device pixel ratio 1). */
export function makeWideLineMaterial(linewidth: number, opacity = 1): THREE.ShaderMaterial {
  return new THREE.ShaderMaterial({
    uniforms: {
      color: { value: new THREE.Color() },
      opacity: { value: opacity },
      linewidth: { value: linewidth },
      resolution: { value: new THREE.Vector2(1, 1) },
    },
    vertexShader,
    fragmentShader,
    transparent: opacity < 1,
    depthTest: false,
    depthWrite: false,
    // A quad's winding depends on which way its segment runs on screen.
    side: THREE.DoubleSide,
  });
}

/**
 * Geometry for up to `capacity` segments of a polyline; fill with {@link setWideLinePoints}.
 * Segment i uses vertices 4i..4i+3 and indices 6i..6i+5, so a draw range of 6n indices draws
 * the first n segments.
 */
export function makeWideLineGeometry(capacity: number): THREE.BufferGeometry {
  const geometry = new THREE.BufferGeometry();
  const position = new THREE.BufferAttribute(new Float32Array(capacity * 12), 3);
  const other = new THREE.BufferAttribute(new Float32Array(capacity * 12), 3);
  position.setUsage(THREE.DynamicDrawUsage);
  other.setUsage(THREE.DynamicDrawUsage);
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
  geometry.setAttribute("side", new THREE.BufferAttribute(side, 1));
  geometry.setIndex(new THREE.BufferAttribute(index, 1));
  geometry.userData.capacity = capacity;
  return geometry;
}

/** Segments a wide-line geometry can hold. */
export function wideLineCapacity(geometry: THREE.BufferGeometry): number {
  return geometry.userData.capacity as number;
}

/** Writes the polyline points[0..count) as count − 1 segments; returns the segment count. */
export function setWideLinePoints(
  geometry: THREE.BufferGeometry,
  points: Float32Array,
  count: number,
): number {
  const segments = Math.max(0, Math.min(count - 1, wideLineCapacity(geometry)));
  const position = geometry.getAttribute("position") as THREE.BufferAttribute;
  const other = geometry.getAttribute("other") as THREE.BufferAttribute;
  const p = position.array as Float32Array;
  const o = other.array as Float32Array;
  for (let i = 0; i < segments; i++) {
    const a = 3 * i;
    const b = 3 * i + 3;
    const v = 12 * i;
    for (let c = 0; c < 3; c++) {
      const start = points[a + c]!;
      const end = points[b + c]!;
      p[v + c] = start;
      p[v + 3 + c] = start;
      p[v + 6 + c] = end;
      p[v + 9 + c] = end;
      o[v + c] = end;
      o[v + 3 + c] = end;
      o[v + 6 + c] = start;
      o[v + 9 + c] = start;
    }
  }
  for (const attribute of [position, other]) {
    attribute.clearUpdateRanges();
    attribute.addUpdateRange(0, segments * 12);
    attribute.needsUpdate = true;
  }
  geometry.setDrawRange(0, segments * 6);
  return segments;
}

/** Points `target` at the buffers of `source`, so two draw ranges can show one polyline. */
export function shareWideLineBuffers(
  source: THREE.BufferGeometry,
  target: THREE.BufferGeometry,
): void {
  for (const name of ["position", "other", "side"])
    target.setAttribute(name, source.getAttribute(name));
  target.setIndex(source.getIndex());
}

const drawingBuffer = new THREE.Vector2();

/** Keeps a wide line's resolution uniform equal to the canvas it is drawn into. */
export function trackResolution(mesh: THREE.Mesh): void {
  mesh.onBeforeRender = (renderer) => {
    renderer.getDrawingBufferSize(drawingBuffer);
    const material = mesh.material as THREE.ShaderMaterial;
    (material.uniforms.resolution!.value as THREE.Vector2).copy(drawingBuffer);
  };
}
