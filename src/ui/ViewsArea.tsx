import { useExplorerStore } from "../store/index.ts";
import { SurfaceView } from "../views/SurfaceView.tsx";
import { ContourView } from "../views/ContourView.tsx";
import { LossCurveView } from "../views/LossCurveView.tsx";
import { CurveView } from "../views/CurveView.tsx";
import { CompareGrid } from "../views/compare/CompareGrid.tsx";
import { useCompareGroup } from "../views/compare/useCompareGroup.ts";
import { SweepView } from "../views/compare/SweepView.tsx";
import { DataView } from "../views/DataView.tsx";
import { isDataSurface } from "../core/data/miniBatch.ts";
import { ViewRegion } from "./ViewRegion.tsx";
import { CURVE_TITLE, DATA_TITLE, lossTitle, VARIANTS_TITLE, VIEW_LABELS } from "./viewTitles.ts";

/**
 * The canvases, each in a named region. In one variable the first region shows the curve of f
 * with its tangent, and the contour map is not shown. In compare mode the contour map becomes
 * one small map per variant, and the 3D view and the loss curve show the variants only.
 */
export default function ViewsArea() {
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const fitting = useExplorerStore((s) => isDataSurface(s.surface));
  const comparing = useExplorerStore((s) => s.compare !== null);
  // Presenter mode names the runs outside the plot, in large type: a run legend beside the
  // views, or in compare mode the small multiples' titles (each with its line's colour and
  // pattern); the legend over the loss curve would cover it. With a lesson's text beside the
  // views there is no room for the run legend, and the loss curve, as wide as the views, keeps
  // its own.
  const presenter = useExplorerStore((s) => s.view.presenter);
  const lesson = useExplorerStore((s) => s.lesson !== null);
  const legendOnPlot = !presenter || (lesson && !comparing);
  const group = useCompareGroup();
  const shown = comparing ? group : undefined;
  return (
    <>
      <ViewRegion
        label={dimension === 1 ? VIEW_LABELS.curve : VIEW_LABELS.surface}
        title={dimension === 1 ? CURVE_TITLE : VIEW_LABELS.surface}
        className="view-surface"
      >
        {dimension === 1 ? <CurveView /> : <SurfaceView runs={shown} />}
      </ViewRegion>
      {dimension === 2 && comparing && (
        <ViewRegion label={VIEW_LABELS.variants} title={VARIANTS_TITLE} className="view-multiples">
          <CompareGrid />
        </ViewRegion>
      )}
      {dimension === 2 && !comparing && (
        <ViewRegion
          label={VIEW_LABELS.contour}
          title={VIEW_LABELS.contour}
          className="view-contour"
        >
          <ContourView />
        </ViewRegion>
      )}
      {fitting && !comparing && (
        <ViewRegion label={VIEW_LABELS.data} title={DATA_TITLE} className="view-data">
          <DataView />
        </ViewRegion>
      )}
      <ViewRegion label={VIEW_LABELS.loss} title={lossTitle(comparing)} className="view-loss">
        <LossCurveView runs={shown} legend={legendOnPlot} />
      </ViewRegion>
      {comparing && (
        <ViewRegion label={VIEW_LABELS.sweep} title={VIEW_LABELS.sweep} className="view-sweep">
          <SweepView />
        </ViewRegion>
      )}
    </>
  );
}
