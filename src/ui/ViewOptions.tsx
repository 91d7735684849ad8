import { useExplorerStore } from "../store/index.ts";

/** Toggles for what the views draw. */
export function ViewOptionsPanel() {
  const view = useExplorerStore((s) => s.view);
  const setView = useExplorerStore((s) => s.setView);
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const batched = useExplorerStore((s) => s.runs.some((run) => run.result.batch !== undefined));
  return (
    <section className="panel" aria-labelledby="view-heading">
      <h2 id="view-heading">View</h2>
      {dimension === 2 && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={view.showQuiver}
            onChange={(event) => setView({ showQuiver: event.target.checked })}
          />
          Quiver field of −∇f
        </label>
      )}
      {dimension === 2 && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={view.floorQuiver}
            onChange={(event) => setView({ floorQuiver: event.target.checked })}
          />
          Gradient field on the floor
        </label>
      )}
      {dimension === 2 && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={view.basinMap}
            onChange={(event) => setView({ basinMap: event.target.checked })}
          />
          Basin map
        </label>
      )}
      {dimension === 2 && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={view.curvature}
            onChange={(event) => setView({ curvature: event.target.checked })}
          />
          Curvature
        </label>
      )}
      {dimension === 2 && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={view.stepVectors}
            onChange={(event) => setView({ stepVectors: event.target.checked })}
          />
          Step vectors
        </label>
      )}
      <label className="toggle">
        <input
          type="checkbox"
          checked={view.gradientCheck}
          onChange={(event) => setView({ gradientCheck: event.target.checked })}
        />
        Gradient check
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={view.logLoss}
          onChange={(event) => setView({ logLoss: event.target.checked })}
        />
        Log scale for the loss curve
      </label>
      {batched && (
        <label className="toggle">
          <input
            type="checkbox"
            checked={view.lossByEpoch}
            onChange={(event) => setView({ lossByEpoch: event.target.checked })}
          />
          Loss by epoch (passes over the data)
        </label>
      )}
    </section>
  );
}
