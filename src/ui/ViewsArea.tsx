import { useExplorerStore } from "../store/index.ts";
import { SurfaceView } from "../views/SurfaceView.tsx";
import { ContourView } from "../views/ContourView.tsx";
import { LossCurveView } from "../views/LossCurveView.tsx";
import { CurveView } from "../views/CurveView.tsx";
import { CompareGrid } from "../views/compare/CompareGrid.tsx";
import { useCompareGroup } from "../views/compare/useCompareGroup.ts";
import { SweepView } from "../views/compare/SweepView.tsx";

/**
 * The canvases, each in a named region. In one variable the first region shows the curve of f
 * with its tangent, and the contour map is not shown. In compare mode the contour map becomes
 * one small map per variant, and the 3D view and the loss curve show the variants only.
 */
export default function ViewsArea() {
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const group = useCompareGroup();
  const shown = comparing ? group : undefined;
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
        <div className="view-body">
          {dimension === 1 ? <CurveView /> : <SurfaceView runs={shown} />}
        </div>
      </section>
      {dimension === 2 && comparing && (
        <section role="region" aria-label="Variants" className="view view-multiples">
          <h2 className="view-title">One contour map a variant (drag or scroll: pan, zoom)</h2>
          <div className="view-body">
            <CompareGrid />
          </div>
        </section>
      )}
      {dimension === 2 && !comparing && (
        <section role="region" aria-label="Contour map" className="view view-contour">
          <h2 className="view-title">Contour map</h2>
          <div className="view-body">
            <ContourView />
          </div>
        </section>
      )}
      <section role="region" aria-label="Loss curve" className="view view-loss">
        <h2 className="view-title">{comparing ? "Loss curves" : "Loss curve"}</h2>
        <div className="view-body">
          <LossCurveView runs={shown} />
        </div>
      </section>
      {comparing && (
        <section role="region" aria-label="Learning-rate sweep" className="view view-sweep">
          <h2 className="view-title">Learning-rate sweep</h2>
          <div className="view-body">
            <SweepView />
          </div>
        </section>
      )}
    </>
  );
}
