import { useExplorerStore } from "../store/index.ts";
import { SurfaceView } from "../views/SurfaceView.tsx";
import { ContourView } from "../views/ContourView.tsx";
import { LossCurveView } from "../views/LossCurveView.tsx";
import { CurveView } from "../views/CurveView.tsx";
import { CompareGrid } from "../views/compare/CompareGrid.tsx";
import { useCompareGroup } from "../views/compare/useCompareGroup.ts";
import type { EmbedView } from "./embed.ts";
import { ViewRegion } from "./ViewRegion.tsx";
import { CURVE_TITLE, lossTitle, VARIANTS_TITLE, VIEW_LABELS } from "./viewTitles.ts";

/**
 * The one view an embedded page shows, named as on the full page. A view the picture does not
 * have stands in with the one the full page shows in its place, and says so: in one variable
 * the curve of f for the surface and the contour map; in two the contour map for the curve; the
 * contour map for "compare" when the picture compares nothing.
 */
export default function EmbedViews({ view }: { view: EmbedView }) {
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const group = useCompareGroup();
  const shown = comparing ? group : undefined;
  if (view === "loss") {
    return (
      <ViewRegion label={VIEW_LABELS.loss} title={lossTitle(comparing)} className="view-loss">
        <LossCurveView runs={shown} />
      </ViewRegion>
    );
  }
  if (dimension === 1) {
    const note =
      view === "surface" || view === "contour" || view === "compare"
        ? " (f uses only x: its curve)"
        : "";
    return (
      <ViewRegion
        label={VIEW_LABELS.curve}
        title={`${CURVE_TITLE}${note}`}
        className="view-surface"
      >
        <CurveView />
      </ViewRegion>
    );
  }
  if (view === "surface") {
    return (
      <ViewRegion label={VIEW_LABELS.surface} title={VIEW_LABELS.surface} className="view-surface">
        <SurfaceView runs={shown} />
      </ViewRegion>
    );
  }
  if (view === "compare" && comparing) {
    return (
      <ViewRegion label={VIEW_LABELS.variants} title={VARIANTS_TITLE} className="view-multiples">
        <CompareGrid />
      </ViewRegion>
    );
  }
  const note =
    view === "curve"
      ? " (f uses x and y: its contour map)"
      : view === "compare"
        ? " (this picture compares nothing)"
        : "";
  return (
    <ViewRegion
      label={VIEW_LABELS.contour}
      title={`${VIEW_LABELS.contour}${note}`}
      className="view-contour"
    >
      <ContourView />
    </ViewRegion>
  );
}
