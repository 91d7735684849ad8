/**
 * A small immediate-mode sketch over a flat map: wide strokes (solid or dashed, each with a
 * darker casing under it), filled shapes (arrowheads, dots, diamonds) and text labels, redrawn
 * as a whole whenever what they show changes. three.js objects are pooled and reused, so a
 * redraw on every playback step allocates nothing once the pool is large enough.
 *
 * Labels are DOM spans over the canvas (crisp text at any pixel ratio, sized by the page's CSS,
 * so presenter mode enlarges them with the rest of the page), placed greedily so that none
 * covers another or the lines they name.
 */
import * as THREE from "three";
import type { ScreenRect } from "../core/labelPlacement.ts";
import { placeLabelNear, type ScreenSegment } from "../core/labelNudge.ts";
import { segmentClip, type PlotBox } from "../core/thin.ts";
import {
  makeWideLineGeometry,
  makeWideLineMaterial,
  markWideLineWritten,
  trackResolution,
  wideLineCapacity,
  writeWideLineSegment,
} from "./wideLine.ts";

/** A point of the map's floor plane, in world units (x, z; the height is the sketch's). */
export interface FloorPoint {
  x: number;
  z: number;
}

export interface StrokeStyle {
  color: string;
  /** Width in CSS pixels. */
  width: number;
  /** Drawn under the stroke, `casingWidth` wider; none when absent. */
  casing?: string;
  casingWidth?: number;
  /** Dash period in world units; solid when absent. */
  dash?: number;
  /** Labels keep off this stroke (arrows, axes). */
  avoid?: boolean;
  /** World length by which the pieces of a curve overlap at its joints (0 when absent). */
  join?: number;
}

/** A label to place near `anchor`, beyond it in the screen direction `toward`. */
export interface SketchLabel {
  text: string;
  anchor: FloorPoint;
  /** Unit direction on screen (x right, y down) to place the label in, from the anchor. */
  toward: { x: number; y: number };
  /** The colour of what it names, shown as a swatch. */
  swatch: string;
  dashed?: boolean;
  /** Placed in order of priority, lowest first (then in the order added); 0 when absent. */
  priority?: number;
  /** Shown even where it must cover another label; otherwise left out when there is no room. */
  required?: boolean;
}

interface Stroke {
  geometry: THREE.BufferGeometry;
  casing: THREE.Mesh<THREE.BufferGeometry, THREE.ShaderMaterial>;
  line: THREE.Mesh<THREE.BufferGeometry, THREE.ShaderMaterial>;
}

const FILL_CAPACITY = 4096;

/** Pooled strokes, fills and labels; see the module comment. */
export class OverlaySketch {
  readonly group = new THREE.Group();
  private readonly strokes: Stroke[] = [];
  private used = 0;
  private readonly fill: THREE.Mesh<THREE.BufferGeometry, THREE.MeshBasicMaterial>;
  private fillCount = 0;
  private readonly height: number;
  private readonly order: number;
  private readonly color = new THREE.Color();
  private labels: SketchLabel[] = [];
  private container: HTMLDivElement | null = null;
  private readonly spans: HTMLSpanElement[] = [];
  private readonly projected = new THREE.Vector3();
  /** Strokes labels keep off, as world polylines. */
  private obstacles: FloorPoint[][] = [];
  /** Strokes are clipped to this box in the floor plane (x, z); null: not clipped. */
  private clip: PlotBox | null = null;
  private readonly clipped: [number, number] = [0, 1];

  /** `height`: the world y it is drawn at; `renderOrder`: strokes at it, fills just above. */
  constructor(height: number, renderOrder: number) {
    this.height = height;
    this.order = renderOrder;
    const geometry = new THREE.BufferGeometry();
    geometry.setAttribute(
      "position",
      new THREE.BufferAttribute(new Float32Array(FILL_CAPACITY * 9), 3).setUsage(
        THREE.DynamicDrawUsage,
      ),
    );
    geometry.setAttribute(
      "color",
      new THREE.BufferAttribute(new Float32Array(FILL_CAPACITY * 9), 3).setUsage(
        THREE.DynamicDrawUsage,
      ),
    );
    this.fill = new THREE.Mesh(
      geometry,
      new THREE.MeshBasicMaterial({
        vertexColors: true,
        depthTest: false,
        side: THREE.DoubleSide,
        toneMapped: false,
      }),
    );
    this.fill.renderOrder = renderOrder + 0.2;
    this.fill.frustumCulled = false;
    this.group.add(this.fill);
  }

  /**
   * Starts a new drawing: everything drawn before is dropped at `end`. Strokes are clipped to
   * `clip` (world x and z), when given.
   */
  begin(clip: PlotBox | null = null): void {
    this.clip = clip;
    this.used = 0;
    this.fillCount = 0;
    this.labels = [];
    this.obstacles = [];
  }

  /** A polyline through `points`. */
  stroke(points: readonly FloorPoint[], style: StrokeStyle): void {
    if (points.length < 2) return;
    if (style.avoid) this.obstacles.push(points.slice());
    const segments = points.length - 1;
    let stroke = this.strokes[this.used];
    if (!stroke || wideLineCapacity(stroke.geometry) < segments) {
      if (stroke) this.disposeStroke(stroke);
      stroke = this.makeStroke(Math.max(segments, 8));
      this.strokes[this.used] = stroke;
    }
    this.used++;
    const { geometry, casing, line } = stroke;
    let distance = 0;
    let written = 0;
    const y = this.height;
    const join = style.join ?? 0;
    for (let i = 0; i < segments; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      const length = Math.hypot(b.x - a.x, b.z - a.z);
      // Interior joints overlap by `join`, so the casing shows no notch where pieces meet.
      const before = i > 0 && length > 0 ? join / length : 0;
      const after = i < segments - 1 && length > 0 ? join / length : 0;
      const ax = a.x - (b.x - a.x) * before;
      const az = a.z - (b.z - a.z) * before;
      const bx = b.x + (b.x - a.x) * after;
      const bz = b.z + (b.z - a.z) * after;
      if (this.clip === null || segmentClip(ax, az, bx, bz, this.clip, this.clipped)) {
        const [t0, t1] = this.clip === null ? [0, 1] : this.clipped;
        writeWideLineSegment(
          geometry,
          written++,
          ax + (bx - ax) * t0,
          y,
          az + (bz - az) * t0,
          ax + (bx - ax) * t1,
          y,
          az + (bz - az) * t1,
          distance + (t0 - before) * length,
        );
      }
      distance += length;
    }
    markWideLineWritten(geometry, 0, written, written);
    line.material.uniforms.color!.value.set(style.color);
    line.material.uniforms.linewidth!.value = style.width;
    line.material.uniforms.dash!.value = style.dash ?? 0;
    line.visible = true;
    casing.visible = style.casing !== undefined;
    if (style.casing !== undefined) {
      casing.material.uniforms.color!.value.set(style.casing);
      casing.material.uniforms.linewidth!.value = style.width + (style.casingWidth ?? 2.5);
      casing.material.uniforms.dash!.value = style.dash ?? 0;
    }
  }

  /** A filled triangle. */
  triangle(a: FloorPoint, b: FloorPoint, c: FloorPoint, color: string): void {
    if (this.fillCount >= FILL_CAPACITY) return;
    const position = this.fill.geometry.getAttribute("position") as THREE.BufferAttribute;
    const colors = this.fill.geometry.getAttribute("color") as THREE.BufferAttribute;
    const p = position.array as Float32Array;
    const q = colors.array as Float32Array;
    this.color.set(color);
    const base = this.fillCount * 9;
    [a, b, c].forEach((v, i) => {
      p[base + 3 * i] = v.x;
      p[base + 3 * i + 1] = this.height;
      p[base + 3 * i + 2] = v.z;
      q[base + 3 * i] = this.color.r;
      q[base + 3 * i + 1] = this.color.g;
      q[base + 3 * i + 2] = this.color.b;
    });
    this.fillCount++;
  }

  /** A filled regular polygon of `sides` corners around `centre` (radius in world units). */
  polygon(centre: FloorPoint, radius: number, sides: number, color: string, turn = 0): void {
    for (let i = 0; i < sides; i++) {
      const a0 = turn + (2 * Math.PI * i) / sides;
      const a1 = turn + (2 * Math.PI * (i + 1)) / sides;
      this.triangle(
        centre,
        { x: centre.x + radius * Math.cos(a0), z: centre.z + radius * Math.sin(a0) },
        { x: centre.x + radius * Math.cos(a1), z: centre.z + radius * Math.sin(a1) },
        color,
      );
    }
  }

  /** A label, placed by `placeLabels` among the others by priority. */
  label(label: SketchLabel): void {
    this.labels.push(label);
  }

  /** Hides what this drawing did not use and uploads the fills. */
  end(): void {
    for (let i = this.used; i < this.strokes.length; i++) {
      this.strokes[i]!.line.visible = false;
      this.strokes[i]!.casing.visible = false;
    }
    const geometry = this.fill.geometry;
    for (const name of ["position", "color"]) {
      const attribute = geometry.getAttribute(name) as THREE.BufferAttribute;
      attribute.clearUpdateRanges();
      if (this.fillCount > 0) {
        attribute.addUpdateRange(0, this.fillCount * 9);
        attribute.needsUpdate = true;
      }
    }
    geometry.setDrawRange(0, this.fillCount * 3);
    this.fill.visible = this.fillCount > 0;
  }

  /** Where the labels go: a layer over the canvas inside `parent` (null: no labels). */
  attach(parent: HTMLElement | null): void {
    if (this.container?.parentElement === parent) return;
    this.container?.remove();
    this.container = null;
    if (!parent) return;
    const container = parent.ownerDocument.createElement("div");
    container.className = "sketch-labels";
    parent.append(container);
    this.container = container;
    this.spans.length = 0;
  }

  /**
   * Writes the labels of the last drawing into the page, each beyond its anchor as seen by
   * `camera` in a canvas of `size` CSS pixels, inside `bounds` (the whole canvas when absent),
   * off the strokes drawn with `avoid` where it can be and always off the labels placed before
   * it (core `placeLabelNear`): a label with no free place is left out, so add the important
   * ones first.
   */
  placeLabels(
    camera: THREE.Camera,
    size: { width: number; height: number },
    bounds: ScreenRect = { left: 0, top: 0, width: size.width, height: size.height },
  ): void {
    const container = this.container;
    if (!container) return;
    const doc = container.ownerDocument;
    while (this.spans.length < this.labels.length) {
      const span = doc.createElement("span");
      span.className = "sketch-label";
      span.append(doc.createElement("i"), doc.createTextNode(""));
      container.append(span);
      this.spans.push(span);
    }
    const toScreen = (p: FloorPoint) => {
      this.projected.set(p.x, this.height, p.z).project(camera);
      return {
        x: ((this.projected.x + 1) / 2) * size.width,
        y: ((1 - this.projected.y) / 2) * size.height,
      };
    };
    const avoid: ScreenSegment[] = [];
    for (const line of this.obstacles) {
      for (let i = 1; i < line.length; i++) {
        avoid.push({ a: toScreen(line[i - 1]!), b: toScreen(line[i]!) });
      }
    }
    const placed: ScreenRect[] = [];
    // A stable sort: equal priorities keep the order they were added in.
    const ordered = this.labels
      .map((label, index) => ({ label, index }))
      .sort((a, b) => (a.label.priority ?? 0) - (b.label.priority ?? 0) || a.index - b.index)
      .map(({ label }) => label);
    ordered.forEach((label, i) => {
      const span = this.spans[i]!;
      const swatch = span.firstChild as HTMLElement;
      swatch.style.background = label.dashed
        ? `repeating-linear-gradient(90deg, ${label.swatch} 0 5px, transparent 5px 8px)`
        : label.swatch;
      span.lastChild!.textContent = label.text;
      span.hidden = false;
      const width = span.offsetWidth;
      const height = span.offsetHeight;
      const anchor = toScreen(label.anchor);
      const box = { width, height };
      const rect = placeLabelNear(anchor, label.toward, box, placed, avoid, bounds, label.required);
      if (!rect) {
        span.hidden = true;
        return;
      }
      placed.push(rect);
      span.style.transform = `translate(${Math.round(rect.left)}px, ${Math.round(rect.top)}px)`;
    });
    for (let i = this.labels.length; i < this.spans.length; i++) this.spans[i]!.hidden = true;
  }

  /** Hides everything (the group and the labels) or shows it again. */
  setVisible(visible: boolean): void {
    this.group.visible = visible;
    if (this.container) this.container.hidden = !visible;
  }

  dispose(): void {
    for (const stroke of this.strokes) this.disposeStroke(stroke);
    this.strokes.length = 0;
    this.fill.geometry.dispose();
    this.fill.material.dispose();
    this.container?.remove();
    this.container = null;
  }

  private makeStroke(capacity: number): Stroke {
    const geometry = makeWideLineGeometry(capacity);
    const make = (order: number) => {
      const mesh = new THREE.Mesh(geometry, makeWideLineMaterial({ linewidth: 1 }));
      mesh.renderOrder = order;
      mesh.frustumCulled = false;
      trackResolution(mesh);
      this.group.add(mesh);
      return mesh;
    };
    return { geometry, casing: make(this.order - 0.1), line: make(this.order) };
  }

  private disposeStroke(stroke: Stroke): void {
    for (const mesh of [stroke.casing, stroke.line]) {
      this.group.remove(mesh);
      mesh.material.dispose();
    }
    stroke.geometry.dispose();
  }
}
