import { dismissUpdate, useUpdateReady } from "./updateReady.ts";

/** An unobtrusive note when a newer version of the page is ready, with Reload and Later. */
export function UpdateNote() {
  const reload = useUpdateReady();
  if (reload === null) return null;
  return (
    <div className="update-note" role="status" aria-label="Update">
      A newer version of Descent Lab is ready.{" "}
      <button type="button" onClick={reload}>
        Reload
      </button>{" "}
      <button type="button" onClick={dismissUpdate}>
        Later
      </button>
    </div>
  );
}
