import type { ExportSource } from "../core/exportRuns.ts";
import { useExplorerStore, type ExplorerState } from "../store/index.ts";
import { datedFileName, downloadText } from "./download.ts";

/** Every computed run on the page, under its label ("Run 1", ...). */
export function exportSource(state: ExplorerState): ExportSource {
  return {
    f: state.surface.text,
    dimension: state.surface.dimension,
    runs: state.runs.flatMap((run) =>
      run.error
        ? []
        : [
            {
              label: run.label,
              optimizer: run.optimizer,
              params: run.params,
              result: run.result,
            },
          ],
    ),
  };
}

async function exportRuns(format: "csv" | "json"): Promise<void> {
  // The writers load when first used: the first picture does not wait for them.
  const { runsToCsv, runsToJson } = await import("../core/exportRuns.ts");
  const state = useExplorerStore.getState();
  const source = exportSource(state);
  const name = `${state.scenarioId ?? "descent"}-runs`;
  if (format === "csv") downloadText(runsToCsv(source), "text/csv", datedFileName(name, "csv"));
  else downloadText(runsToJson(source), "application/json", datedFileName(name, "json"));
}

/** "Export CSV" and "Export JSON": every run, every step, as a file. */
export function ExportRuns() {
  const count = useExplorerStore((s) => s.runs.filter((run) => !run.error).length);
  const disabled = count === 0;
  const title = "Every run's steps: point, f, gradient, step taken, rate and optimizer state";
  return (
    <div className="run-export" role="group" aria-label="Export runs">
      <button
        type="button"
        disabled={disabled}
        title={title}
        onClick={() => void exportRuns("csv")}
      >
        Export CSV
      </button>
      <button
        type="button"
        disabled={disabled}
        title={title}
        onClick={() => void exportRuns("json")}
      >
        Export JSON
      </button>
    </div>
  );
}
