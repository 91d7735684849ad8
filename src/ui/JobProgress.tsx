/**
 * A long job's progress: a progress bar named for the job (role progressbar, with the share done)
 * and a "Cancel" button that stops it. Shown only while the job runs.
 */
export interface JobProgressProps {
  /** What is being computed, e.g. "Basin map 100×100"; the bar's accessible name. */
  label: string;
  /** Pieces done and pieces in all. */
  done: number;
  total: number;
  onCancel: () => void;
}

export function JobProgress({ label, done, total, onCancel }: JobProgressProps) {
  const percent = total > 0 ? Math.round((100 * done) / total) : 0;
  return (
    <div className="job-progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${label}: ${percent}%`}
        className="job-progress-bar"
      >
        <div className="job-progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="job-progress-text">
        {label}: <span className="job-progress-percent">{percent}%</span>
      </span>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
