/**
 * The three.js side of one run's path: the whole path as a faint wide line, the part played so
 * far as a solid one, and the iterates as dots. The component that shows it (`RunPath`) only
 * calls these methods from effects and frame callbacks; the buffers are owned here and grow in
 * place, so a drag that changes the path every pointer move allocates nothing.
 */
import * as THREE from "three";
import type { RunResult, ScalarFn } from "../core/types.ts";
import type { WorldTransform } from "../core/transform.ts";
import {
  makeWideLineGeometry,
  makeWideLineMaterial,
  setWideLinePoints,
  shareWideLineBuffers,
  trackResolution,
  wideLineCapacity,
} from "./wideLine.ts";
import { fillPathPositions, PATH_SUBDIVISIONS } from "./sceneParts.tsx";

export class RunPathObjects {
  readonly faint: THREE.Mesh<THREE.BufferGeometry, THREE.ShaderMaterial>;
  readonly played: THREE.Mesh<THREE.BufferGeometry, THREE.ShaderMaterial>;
  readonly dots: THREE.Points<THREE.BufferGeometry, THREE.PointsMaterial>;
  /** Path vertices (x, y, z per vertex), refilled when the run changes. */
  private scratch = new Float32Array(3 * 1024);
  /** Vertex index of each iterate in `scratch`: where the played part ends at that step. */
  private iterateVertex = new Uint32Array(256);
  private segments = 0;
  private iterates = 0;

  constructor(dotSize: number, renderOrder: number) {
    this.faint = new THREE.Mesh(makeWideLineGeometry(256), makeWideLineMaterial(2, 0.45));
    this.played = new THREE.Mesh(new THREE.BufferGeometry(), makeWideLineMaterial(3.5));
    shareWideLineBuffers(this.faint.geometry, this.played.geometry);
    trackResolution(this.faint);
    trackResolution(this.played);
    const dotAttribute = new THREE.BufferAttribute(new Float32Array(3 * 256), 3);
    dotAttribute.setUsage(THREE.DynamicDrawUsage);
    const dotGeometry = new THREE.BufferGeometry();
    dotGeometry.setAttribute("position", dotAttribute);
    this.dots = new THREE.Points(
      dotGeometry,
      new THREE.PointsMaterial({ size: dotSize, sizeAttenuation: false, depthTest: false }),
    );
    for (const o of [this.faint, this.played, this.dots]) {
      o.renderOrder = renderOrder;
      o.frustumCulled = false;
    }
    this.dots.renderOrder = renderOrder + 1;
  }

  setColor(color: THREE.ColorRepresentation): void {
    for (const line of [this.faint, this.played]) {
      (line.material.uniforms.color!.value as THREE.Color).set(color);
    }
    this.dots.material.color.set(color);
  }

  /** Refills the lines and dots from a run's result (a 3D path follows f; a null f is flat). */
  setPath(result: RunResult, transform: WorldTransform, f: ScalarFn | null, lift: number): void {
    const sub = f ? PATH_SUBDIVISIONS : 1;
    const steps = result.steps;
    const needed = (steps * sub + 1) * 3;
    if (this.iterateVertex.length < steps + 1) {
      this.iterateVertex = new Uint32Array(2 * (steps + 1));
    }
    if (this.scratch.length < needed) {
      this.scratch = new Float32Array(Math.max(needed, this.scratch.length * 2));
    }
    const { count, iterates } = fillPathPositions(
      result,
      transform,
      f,
      this.scratch,
      lift,
      this.iterateVertex,
    );
    if (wideLineCapacity(this.faint.geometry) < count) {
      const bigger = makeWideLineGeometry(
        Math.max(count, 2 * wideLineCapacity(this.faint.geometry)),
      );
      this.faint.geometry.dispose();
      this.faint.geometry = bigger;
      shareWideLineBuffers(bigger, this.played.geometry);
    }
    this.segments = setWideLinePoints(this.faint.geometry, this.scratch, count);

    let dotAttribute = this.dots.geometry.getAttribute("position") as THREE.BufferAttribute;
    if (dotAttribute.array.length < (steps + 1) * 3) {
      dotAttribute = new THREE.BufferAttribute(
        new Float32Array(Math.max((steps + 1) * 3, dotAttribute.array.length * 2)),
        3,
      );
      dotAttribute.setUsage(THREE.DynamicDrawUsage);
      this.dots.geometry.setAttribute("position", dotAttribute);
    }
    const dotArray = dotAttribute.array as Float32Array;
    this.iterates = iterates;
    for (let k = 0; k < iterates; k++) {
      const from = this.iterateVertex[k]! * 3;
      dotArray[3 * k] = this.scratch[from]!;
      dotArray[3 * k + 1] = this.scratch[from + 1]!;
      dotArray[3 * k + 2] = this.scratch[from + 2]!;
    }
    dotAttribute.clearUpdateRanges();
    dotAttribute.addUpdateRange(0, iterates * 3);
    dotAttribute.needsUpdate = true;
  }

  /** Shows the path played up to iterate `step` (clamped to the run): only draw ranges change. */
  showPlayedTo(step: number): void {
    const k = Math.min(step, Math.max(0, this.iterates - 1));
    // Segments before iterate k's vertex are the played part.
    const played = Math.min(this.segments, this.iterateVertex[k] ?? 0);
    this.played.geometry.setDrawRange(0, played * 6);
    this.played.visible = played > 0;
    this.dots.geometry.setDrawRange(0, Math.min(this.iterates, k + 1));
  }

  dispose(): void {
    for (const o of [this.faint, this.played, this.dots]) {
      o.geometry.dispose();
      o.material.dispose();
    }
  }
}
