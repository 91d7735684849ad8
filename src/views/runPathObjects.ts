/**
 * The three.js side of one run's path: the whole path as a faint wide line, the part played so
 * far as a solid one, the iterates as dots, and a marker wherever the path leaves the plot.
 *
 * The path is clipped to the plot's box and thinned to what a pixel can show (core/thin.ts), so
 * a 10,000-step run costs about what its picture needs, not what its step count says. Buffers
 * are owned here, grow in place and are uploaded only in the range that changed: a new path
 * (every drag move) uploads its segments once; playback changes only draw ranges, plus the one
 * short piece that ends the played line exactly on the current iterate.
 */
import * as THREE from "three";
import type { RunResult, ScalarFn } from "../core/types.ts";
import type { WorldTransform } from "../core/transform.ts";
import { DotThinner, PathTracer, type PlotBox } from "../core/thin.ts";
import { pathVertexCapacity, pathWorldVertices, worldPlotBox } from "../core/pathVertices.ts";
import {
  makeWideLineGeometry,
  makeWideLineMaterial,
  markWideLineWritten,
  shareWideLineBuffers,
  trackResolution,
  wideLineCapacity,
  writeWideLineSegment,
  type WideLinePass,
  type WideLineStyle,
} from "./wideLine.ts";

/** How a view draws its paths. */
export interface RunPathStyle {
  /** Iterate dot size in CSS pixels. */
  dotSize: number;
  renderOrder: number;
  /**
   * For a perspective view over a surface: world units lines and dots move towards the camera
   * so they win the depth test against the surface they lie on; where the surface still hides
   * them, lines are dashed. Null on a flat map, where nothing is in front of a path.
   */
  occlusionLift: number | null;
  /** Factor on the lines' widths (1.6 in presenter mode); 1 when left out. */
  lineScale?: number;
  /**
   * A colour drawn under the path, CASING_PX wider on each side, so a dark path stays visible on
   * the dark end of the colour map (presenter mode); none when left out.
   */
  casing?: THREE.ColorRepresentation;
}

/** Width of the casing on each side of a path, in CSS pixels. */
const CASING_PX = 2;

const FAINT: WideLineStyle = { linewidth: 2, opacity: 0.45 };
const PLAYED: WideLineStyle = { linewidth: 3.5 };
/** Moves shorter than this many pixels are left out of the drawing. */
const TOLERANCE_PX = 0.5;
/** The path is traced again when the pixel size drifts this far from the one it was traced for. */
const RETRACE_RATIO = 1.4;
/** Length of the marker where a path leaves the plot, in pixels. */
const EXIT_MARKER_PX = 14;
/** Width of the arrowhead's dark border, in pixels. */
const EXIT_BORDER_PX = 1.5;
const EXIT_OUTLINE = "#1a1a1a";
/** Exits marked per run: a path that leaves and comes back more often than this is noise. */
const MAX_EXITS = 16;
/** World length of a dash and its gap where a surface hides a path (about 10 pixels). */
const HIDDEN_DASH = 0.1;

const dotVertexShader = /* glsl */ `
uniform float size;
uniform float lift;
void main() {
  vec4 eye = modelViewMatrix * vec4(position, 1.0);
  float d = length(eye.xyz);
  eye.xyz *= max(0.0, 1.0 - lift / max(d, 1e-6));
  gl_Position = projectionMatrix * eye;
  gl_PointSize = size;
}
`;

const dotFragmentShader = /* glsl */ `
uniform vec3 color;
void main() {
  vec2 c = gl_PointCoord - 0.5;
  if (dot(c, c) > 0.3) discard;
  gl_FragColor = vec4(color, 1.0);
  #include <colorspace_fragment>
}
`;

const UP = new THREE.Vector3(0, 1, 0);
const scratchDirection = new THREE.Vector3();
const scratchPosition = new THREE.Vector3();
const scratchQuaternion = new THREE.Quaternion();
const scratchScale = new THREE.Vector3();
const scratchMatrix = new THREE.Matrix4();

type LineMesh = THREE.Mesh<THREE.BufferGeometry, THREE.ShaderMaterial>;

export class RunPathObjects {
  /** Everything this run draws; add it to the scene once. */
  readonly group = new THREE.Group();

  private faintGeometry = makeWideLineGeometry(256);
  private readonly playedGeometry = new THREE.BufferGeometry();
  private readonly tailGeometry = makeWideLineGeometry(1);
  private readonly faint: LineMesh[] = [];
  private readonly played: LineMesh[] = [];
  /** The casing meshes among the lines, which keep their own colour. */
  private readonly casings = new Set<LineMesh>();
  private readonly tail: LineMesh[] = [];
  private readonly dots: THREE.Points<THREE.BufferGeometry, THREE.ShaderMaterial>;
  /** Arrowheads where the path leaves the plot: a dark outline, and the run's colour inside it. */
  private readonly exitOutlines: THREE.InstancedMesh<THREE.BufferGeometry, THREE.MeshBasicMaterial>;
  private readonly exits: THREE.InstancedMesh<THREE.BufferGeometry, THREE.MeshBasicMaterial>;

  /** World vertices of the whole path before clipping and thinning (x, y, z each). */
  private vertices = new Float64Array(3 * 1024);
  private vertexCount = 0;
  /** Per iterate k: its vertex, the segments drawn up to it, where the piece that ends the played line on it starts (x, y, z, dash distance; NaN when it is outside the plot), and the dots up to it. */
  private iterateVertex = new Uint32Array(256);
  private playedSegments = new Uint32Array(256);
  private tails = new Float64Array(4 * 256);
  private dotsThrough = new Uint32Array(256);
  private iterates = 0;
  private exitPoints = new Float64Array(5 * MAX_EXITS);
  private exitCount = 0;
  private box: PlotBox = { xmin: 0, xmax: 0, zmin: 0, zmax: 0 };
  /** World units per pixel the path was last traced for. */
  private pixel = NaN;
  /** World units per pixel the exit arrowheads were sized for. */
  private markerPixel = NaN;
  /** The iterate the played line was last set to; NaN after the path changes, so it is set again. */
  private shownStep = NaN;
  private readonly tracer: PathTracer;
  private readonly dotThinner = new DotThinner();

  constructor(style: RunPathStyle) {
    const passes: WideLinePass[] =
      style.occlusionLift === null ? ["always"] : ["visible", "hidden"];
    const lift = style.occlusionLift ?? 0;
    shareWideLineBuffers(this.faintGeometry, this.playedGeometry);
    const widen = (line: WideLineStyle): WideLineStyle => ({
      ...line,
      linewidth: line.linewidth * (style.lineScale ?? 1),
    });
    const lines: [LineMesh[], THREE.BufferGeometry, WideLineStyle][] = [
      [this.faint, this.faintGeometry, widen(FAINT)],
      [this.played, this.playedGeometry, widen(PLAYED)],
      [this.tail, this.tailGeometry, widen(PLAYED)],
    ];
    for (const [list, geometry, line] of lines) {
      // The casing first, in the same list, so it is shown, hidden and cut with the line. Only
      // under the opaque played line: the faint rest of the path is transparent and drawn after
      // everything opaque, so a casing under it would veil the played line where they overlap.
      const styles: [WideLineStyle, THREE.ColorRepresentation | null][] =
        style.casing === undefined || list === this.faint
          ? [[line, null]]
          : [
              [{ ...line, linewidth: line.linewidth + 2 * CASING_PX }, style.casing],
              [line, null],
            ];
      for (const [lineStyle, casing] of styles) {
        for (const pass of passes) {
          const mesh = new THREE.Mesh(
            geometry,
            makeWideLineMaterial({ ...lineStyle, pass, lift, dash: HIDDEN_DASH }),
          );
          trackResolution(mesh);
          if (casing !== null) {
            (mesh.material.uniforms.color!.value as THREE.Color).set(casing);
            this.casings.add(mesh);
          }
          list.push(mesh);
        }
      }
    }
    this.tailGeometry.setDrawRange(0, 6);

    const dotAttribute = new THREE.BufferAttribute(new Float32Array(3 * 256), 3);
    dotAttribute.setUsage(THREE.DynamicDrawUsage);
    const dotGeometry = new THREE.BufferGeometry();
    dotGeometry.setAttribute("position", dotAttribute);
    this.dots = new THREE.Points(
      dotGeometry,
      new THREE.ShaderMaterial({
        uniforms: {
          color: { value: new THREE.Color() },
          size: { value: style.dotSize },
          lift: { value: lift },
        },
        vertexShader: dotVertexShader,
        fragmentShader: dotFragmentShader,
        depthTest: style.occlusionLift !== null,
        depthWrite: false,
      }),
    );

    // An arrowhead with its tip at the origin pointing along +y: placed with the tip on the
    // plot's edge and pointing out, its body stays inside the plot.
    const arrowhead = new THREE.ConeGeometry(0.5, 1, 12).translate(0, -0.5, 0);
    const arrowheads = (color: THREE.ColorRepresentation) => {
      const mesh = new THREE.InstancedMesh(
        arrowhead,
        new THREE.MeshBasicMaterial({
          color,
          depthTest: false,
          depthWrite: false,
          toneMapped: false,
        }),
        MAX_EXITS,
      );
      mesh.count = 0;
      mesh.visible = false;
      return mesh;
    };
    this.exitOutlines = arrowheads(EXIT_OUTLINE);
    this.exits = arrowheads(0xffffff);

    for (const mesh of [...this.faint, ...this.played, ...this.tail]) {
      // A casing is drawn before every line of the path, so no casing covers a line.
      mesh.renderOrder = this.casings.has(mesh) ? style.renderOrder - 1 : style.renderOrder;
      mesh.frustumCulled = false;
      this.group.add(mesh);
    }
    this.dots.renderOrder = style.renderOrder + 1;
    this.exitOutlines.renderOrder = style.renderOrder + 2;
    this.exits.renderOrder = style.renderOrder + 3;
    for (const o of [this.dots, this.exitOutlines, this.exits]) {
      o.frustumCulled = false;
      this.group.add(o);
    }

    this.tracer = new PathTracer({
      segment: (ax, ay, az, bx, by, bz, distance) =>
        writeWideLineSegment(
          this.faintGeometry,
          this.tracer.segments,
          ax,
          ay,
          az,
          bx,
          by,
          bz,
          distance,
        ),
      exit: (x, y, z, dx, dz) => {
        if (this.exitCount >= MAX_EXITS) return;
        this.exitPoints.set([x, y, z, dx, dz], 5 * this.exitCount);
        this.exitCount += 1;
      },
    });
  }

  setColor(color: THREE.ColorRepresentation): void {
    for (const mesh of [...this.faint, ...this.played, ...this.tail, this.dots]) {
      if (this.casings.has(mesh as LineMesh)) continue;
      (mesh.material.uniforms.color!.value as THREE.Color).set(color);
    }
    this.exits.material.color.set(color);
  }

  /**
   * A new path from a run's result (a 3D path follows f; a null f is flat at height `lift`),
   * traced for a plot where one pixel is `pixel` world units.
   */
  setPath(
    result: RunResult,
    transform: WorldTransform,
    f: ScalarFn | null,
    lift: number,
    pixel: number,
  ): void {
    const steps = result.steps;
    const needed = pathVertexCapacity(steps, f !== null);
    if (this.vertices.length < needed) {
      this.vertices = new Float64Array(Math.max(needed, 2 * this.vertices.length));
    }
    if (this.iterateVertex.length < steps + 1) {
      const n = Math.max(steps + 1, 2 * this.iterateVertex.length);
      this.iterateVertex = new Uint32Array(n);
      this.playedSegments = new Uint32Array(n);
      this.tails = new Float64Array(4 * n);
      this.dotsThrough = new Uint32Array(n);
    }
    const { count, iterates } = pathWorldVertices(
      result,
      transform,
      f,
      lift,
      this.vertices,
      this.iterateVertex,
    );
    this.vertexCount = count;
    this.iterates = iterates;
    this.box = worldPlotBox(transform);
    this.trace(pixel);
  }

  /**
   * Tells the path how large a pixel is now (world units): when it has drifted far from the one
   * the path was traced for (a zoom, a resize), the path is traced again from the same vertices.
   */
  setPixelSize(pixel: number): void {
    if (!(pixel > 0) || this.vertexCount === 0) return;
    const ratio = pixel / this.pixel;
    if (ratio < 1 / RETRACE_RATIO || ratio > RETRACE_RATIO || !Number.isFinite(ratio)) {
      this.trace(pixel);
    } else if (Math.abs(pixel / this.markerPixel - 1) > 0.02) {
      // Arrowheads keep their size on screen between traces.
      this.placeExits(pixel);
    }
  }

  /** Shows the path played up to iterate `step` (clamped to the run). */
  showPlayedTo(step: number): void {
    const k = Math.min(step, this.iterates - 1);
    if (k === this.shownStep) return;
    this.shownStep = k;
    if (k < 0) {
      for (const mesh of [...this.played, ...this.tail]) mesh.visible = false;
      this.dots.geometry.setDrawRange(0, 0);
      return;
    }
    const played = this.playedSegments[k]!;
    this.playedGeometry.setDrawRange(0, played * 6);
    for (const mesh of this.played) mesh.visible = played > 0;
    this.dots.geometry.setDrawRange(0, this.dotsThrough[k]!);
    // The played line ends exactly on iterate k: its drawn segments stop at most a tolerance
    // short of it, and this piece covers the rest.
    const t = 4 * k;
    const inside = !Number.isNaN(this.tails[t]!);
    for (const mesh of this.tail) mesh.visible = inside;
    if (!inside) return;
    const v = 3 * this.iterateVertex[k]!;
    writeWideLineSegment(
      this.tailGeometry,
      0,
      this.tails[t]!,
      this.tails[t + 1]!,
      this.tails[t + 2]!,
      this.vertices[v]!,
      this.vertices[v + 1]!,
      this.vertices[v + 2]!,
      this.tails[t + 3]!,
    );
    markWideLineWritten(this.tailGeometry, 0, 1, 1);
  }

  dispose(): void {
    this.faintGeometry.dispose();
    this.playedGeometry.dispose();
    this.tailGeometry.dispose();
    for (const mesh of [...this.faint, ...this.played, ...this.tail]) mesh.material.dispose();
    this.dots.geometry.dispose();
    this.dots.material.dispose();
    this.exits.geometry.dispose();
    for (const mesh of [this.exitOutlines, this.exits]) {
      mesh.material.dispose();
      mesh.dispose();
    }
  }

  /** Clips and thins the vertices into the line, dot and exit buffers for pixels of `pixel`. */
  private trace(pixel: number): void {
    this.pixel = pixel;
    this.shownStep = NaN;
    const tolerance = pixel > 0 && Number.isFinite(pixel) ? TOLERANCE_PX * pixel : 0;
    // Each vertex adds at most one segment (a crossing in and a kept point share one).
    this.ensureSegments(Math.max(1, this.vertexCount));
    const dotAttribute = this.ensureDots(Math.max(1, this.iterates));
    const dotArray = dotAttribute.array as Float32Array;
    const V = this.vertices;
    this.exitCount = 0;
    this.tracer.begin(this.box, tolerance);
    this.dotThinner.begin(this.box, tolerance);
    let k = 0;
    let dots = 0;
    for (let v = 0; v < this.vertexCount; v++) {
      const x = V[3 * v]!;
      const y = V[3 * v + 1]!;
      const z = V[3 * v + 2]!;
      this.tracer.add(x, y, z);
      if (k >= this.iterates || this.iterateVertex[k] !== v) continue;
      this.playedSegments[k] = this.tracer.segments;
      const t = 4 * k;
      if (this.tracer.penDown) {
        this.tails[t] = this.tracer.penX;
        this.tails[t + 1] = this.tracer.penY;
        this.tails[t + 2] = this.tracer.penZ;
        this.tails[t + 3] = this.tracer.penDistance;
      } else {
        this.tails[t] = NaN;
      }
      if (this.dotThinner.keep(x, y, z, k === this.iterates - 1)) {
        dotArray[3 * dots] = x;
        dotArray[3 * dots + 1] = y;
        dotArray[3 * dots + 2] = z;
        dots += 1;
      }
      this.dotsThrough[k] = dots;
      k += 1;
    }
    this.tracer.finish();
    const segments = this.tracer.segments;
    markWideLineWritten(this.faintGeometry, 0, segments, segments);
    dotAttribute.clearUpdateRanges();
    dotAttribute.addUpdateRange(0, 3 * dots);
    dotAttribute.needsUpdate = true;
    this.placeExits(pixel);
  }

  private placeExits(markerPixel: number): void {
    this.markerPixel = markerPixel;
    const pixel = markerPixel > 0 && Number.isFinite(markerPixel) ? markerPixel : 0;
    const size = EXIT_MARKER_PX * pixel;
    for (let i = 0; i < this.exitCount; i++) {
      const e = 5 * i;
      // Pointing the way the path went, in the plot's plane.
      scratchDirection.set(this.exitPoints[e + 3]!, 0, this.exitPoints[e + 4]!).normalize();
      scratchQuaternion.setFromUnitVectors(UP, scratchDirection);
      scratchPosition.set(this.exitPoints[e]!, this.exitPoints[e + 1]!, this.exitPoints[e + 2]!);
      // The outline's tip on the edge; the coloured arrowhead inside it, a border's width back.
      scratchScale.setScalar(size + 2 * EXIT_BORDER_PX * pixel);
      scratchMatrix.compose(scratchPosition, scratchQuaternion, scratchScale);
      this.exitOutlines.setMatrixAt(i, scratchMatrix);
      scratchPosition.addScaledVector(scratchDirection, -2 * EXIT_BORDER_PX * pixel);
      scratchScale.setScalar(size);
      this.exits.setMatrixAt(
        i,
        scratchMatrix.compose(scratchPosition, scratchQuaternion, scratchScale),
      );
    }
    for (const mesh of [this.exitOutlines, this.exits]) {
      mesh.count = this.exitCount;
      mesh.visible = this.exitCount > 0;
      mesh.instanceMatrix.needsUpdate = true;
    }
  }

  private ensureSegments(count: number): void {
    const capacity = wideLineCapacity(this.faintGeometry);
    if (capacity >= count) return;
    const bigger = makeWideLineGeometry(Math.max(count, 2 * capacity));
    this.faintGeometry.dispose();
    this.faintGeometry = bigger;
    for (const mesh of this.faint) mesh.geometry = bigger;
    shareWideLineBuffers(bigger, this.playedGeometry);
  }

  private ensureDots(count: number): THREE.BufferAttribute {
    let attribute = this.dots.geometry.getAttribute("position") as THREE.BufferAttribute;
    if (attribute.array.length >= 3 * count) return attribute;
    attribute = new THREE.BufferAttribute(
      new Float32Array(Math.max(3 * count, 2 * attribute.array.length)),
      3,
    );
    attribute.setUsage(THREE.DynamicDrawUsage);
    this.dots.geometry.setAttribute("position", attribute);
    return attribute;
  }
}
