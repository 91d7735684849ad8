import type { ReactNode } from "react";
import { useExplorerStore } from "../store/index.ts";
import { SurfaceView } from "../views/SurfaceView.tsx";
import { ContourView } from "../views/ContourView.tsx";
import { LossCurveView } from "../views/LossCurveView.tsx";
import { CurveView } from "../views/CurveView.tsx";
import { CompareGrid } from "../views/compare/CompareGrid.tsx";
import { useCompareGroup } from "../views/compare/useCompareGroup.ts";
import type { EmbedView } from "./embed.ts";

function Region({ label, title, children }: { label: string; title: string; children: ReactNode }) {
  return (
    <section role="region" aria-label={label} className="view embed-region">
      <h2 className="view-title">{title}</h2>
      <div className="view-body">{children}</div>
    </section>
  );
}

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
      <Region label="Loss curve" title={comparing ? "Loss curves" : "Loss curve"}>
        <LossCurveView runs={shown} />
      </Region>
    );
  }
  if (dimension === 1) {
    const note =
      view === "surface" || view === "contour" || view === "compare"
        ? " (f uses only x: its curve)"
        : "";
    return (
      <Region label="Curve of f" title={`f(x) with the tangent line${note}`}>
        <CurveView />
      </Region>
    );
  }
  if (view === "surface") {
    return (
      <Region label="3D surface" title="3D surface">
        <SurfaceView runs={shown} />
      </Region>
    );
  }
  if (view === "compare" && comparing) {
    return (
      <Region label="Variants" title="One contour map a variant (drag or scroll: pan, zoom)">
        <CompareGrid />
      </Region>
    );
  }
  const note =
    view === "curve"
      ? " (f uses x and y: its contour map)"
      : view === "compare"
        ? " (this picture compares nothing)"
        : "";
  return (
    <Region label="Contour map" title={`Contour map${note}`}>
      <ContourView />
    </Region>
  );
}
