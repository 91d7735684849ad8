import { useExplorerStore } from "../store/index.ts";
import { SurfaceView } from "../views/SurfaceView.tsx";
import { ContourView } from "../views/ContourView.tsx";
import { LossCurveView } from "../views/LossCurveView.tsx";
import { CurveView } from "../views/CurveView.tsx";

/**
 * The canvases, each in a named region. In one variable the first region shows the curve of f
 * with its tangent, and the contour map is not shown.
 */
export default function ViewsArea() {
  const dimension = useExplorerStore((s) => s.surface.dimension);
  return (
    <>
      <section
        role="region"
        aria-label={dimension === 1 ? "Curve of f" : "3D surface"}
        className="view view-surface"
      >
        <h2 className="view-title">
          {dimension === 1 ? "f(x) with the tangent line" : "3D surface"}
        </h2>
        <div className="view-body">{dimension === 1 ? <CurveView /> : <SurfaceView />}</div>
      </section>
      {dimension === 2 && (
        <section role="region" aria-label="Contour map" className="view view-contour">
          <h2 className="view-title">Contour map</h2>
          <div className="view-body">
            <ContourView />
          </div>
        </section>
      )}
      <section role="region" aria-label="Loss curve" className="view view-loss">
        <h2 className="view-title">Loss curve</h2>
        <div className="view-body">
          <LossCurveView />
        </div>
      </section>
    </>
  );
}
