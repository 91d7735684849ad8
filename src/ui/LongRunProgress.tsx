/**
 * A long run's line in the run list (a budget past what the page computes itself, core's
 * `previewRun`): while its remaining steps are computed on a worker, a progress bar and "Cancel";
 * once cancelled, a button to compute them after all. The run's status line says how far the
 * steps on screen go (`longRunStatus`).
 */
import { formatCount } from "../core/format.ts";
import { useLongRuns } from "../store/longRunJobs.ts";
import { useExplorerStore, type RunEntry } from "../store/index.ts";
import { JobProgress } from "./JobProgress.tsx";

/** The status of a run whose later steps are not on screen yet, or null for a whole run. */
export function longRunStatus(run: RunEntry): string | null {
  const steps = `${run.result.steps} of ${run.maxSteps} steps`;
  if (run.fullRun === "computing") return `still going after ${steps}; computing the rest`;
  if (run.fullRun === "stopped") return `still going after ${steps}; the rest was cancelled`;
  return null;
}

export function LongRunProgress({ run }: { run: RunEntry }) {
  const progress = useLongRuns((s) => s.progress[run.id]);
  const setFullRun = useExplorerStore((s) => s.setFullRun);
  if (run.fullRun === null) return null;
  if (run.fullRun === "stopped") {
    return (
      <div className="long-run">
        <button type="button" onClick={() => setFullRun(run.id, "computing")}>
          Compute all steps
        </button>
      </div>
    );
  }
  return (
    <div className="long-run">
      <JobProgress
        label={`${run.label}: ${formatCount(run.maxSteps)} steps`}
        done={progress?.done ?? 0}
        total={progress?.total ?? run.maxSteps}
        onCancel={() => setFullRun(run.id, "stopped")}
      />
    </div>
  );
}
