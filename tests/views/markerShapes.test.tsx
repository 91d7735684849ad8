// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { render } from "@testing-library/react";
import {
  MARKER_SHAPES,
  markerShape,
  shapeCorners,
  shapeGeometry,
} from "../../src/views/markerShapes.ts";
import { LineSample, RunSwatch } from "../../src/views/LineSample.tsx";

/** Area of a polygon by the shoelace formula. */
function shoelace(points: readonly (readonly [number, number])[]): number {
  let sum = 0;
  points.forEach(([x, y], i) => {
    const [nx, ny] = points[(i + 1) % points.length]!;
    sum += x * ny - nx * y;
  });
  return Math.abs(sum) / 2;
}

describe("marker shapes", () => {
  it("are six different shapes, repeating after the sixth run", () => {
    expect(MARKER_SHAPES.map((shape) => shape.name)).toEqual([
      "circle",
      "square",
      "triangle",
      "diamond",
      "pentagon",
      "hexagon",
    ]);
    expect(markerShape(6)).toBe(markerShape(0));
    expect(markerShape(14).name).toBe("triangle");
    expect(markerShape(-1).name).toBe("hexagon");
  });

  it("each cover the area of the circle of the same size", () => {
    for (const shape of MARKER_SHAPES.filter((s) => s.sides > 0)) {
      const corners = shapeCorners(shape, 10, 20, 2);
      expect(corners).toHaveLength(shape.sides);
      expect(shoelace(corners), shape.name).toBeCloseTo(Math.PI * 4, 10);
    }
    // The triangle points up the screen (y down), the square sits on a side, the diamond on a corner.
    const [apex] = shapeCorners(markerShape(2), 0, 0, 1);
    expect(apex![0]).toBeCloseTo(0, 12);
    expect(apex![1]).toBeLessThan(0);
    const square = shapeCorners(markerShape(1), 0, 0, 1);
    expect(new Set(square.map(([, y]) => y.toFixed(9))).size).toBe(2);
    const diamond = shapeCorners(markerShape(3), 0, 0, 1);
    expect(diamond.some(([x, y]) => Math.abs(x) < 1e-12 && y < 0)).toBe(true);
  });

  it("make flat meshes of the unit circle's area in the floor plane", () => {
    for (const shape of MARKER_SHAPES) {
      const geometry = shapeGeometry(shape);
      const position = geometry.getAttribute("position");
      const index = geometry.getIndex()!;
      let area = 0;
      for (let t = 0; t < index.count; t += 3) {
        const [a, b, c] = [0, 1, 2].map((j) => index.getX(t + j));
        // Every vertex lies in the floor (y = 0); area from the x–z cross product.
        for (const v of [a!, b!, c!]) expect(position.getY(v)).toBeCloseTo(0, 12);
        const ux = position.getX(b!) - position.getX(a!);
        const uz = position.getZ(b!) - position.getZ(a!);
        const vx = position.getX(c!) - position.getX(a!);
        const vz = position.getZ(c!) - position.getZ(a!);
        area += Math.abs(ux * vz - uz * vx) / 2;
      }
      // The circle is a 24-gon of radius 1: (24/2)·sin(2π/24) = 3.1058...; the polygons are exact.
      const expected = shape.sides === 0 ? 12 * Math.sin((2 * Math.PI) / 24) : Math.PI;
      expect(area, shape.name).toBeCloseTo(expected, 6);
      geometry.dispose();
    }
  });

  it("show in the legends' line samples and the run swatches", () => {
    const { container } = render(
      <>
        <LineSample color="#0072B2" index={2} width={22} strokeWidth={2.5} />
        <RunSwatch color="#D55E00" index={0} />
        <RunSwatch color="#D55E00" index={5} />
      </>,
    );
    const marks = [...container.querySelectorAll("[data-shape]")].map((mark) =>
      mark.getAttribute("data-shape"),
    );
    expect(marks).toEqual(["triangle", "circle", "hexagon"]);
    const triangle = container.querySelector("svg line + polygon")!;
    expect(triangle.getAttribute("points")!.split(" ")).toHaveLength(3);
    expect(triangle.getAttribute("fill")).toBe("#0072B2");
  });
});
