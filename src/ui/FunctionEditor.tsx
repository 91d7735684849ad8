import { useRef, type SyntheticEvent } from "react";
import { useExplorerStore } from "../store/index.ts";
import type { SurfaceError } from "../core/surface.ts";

/** The characters an error points at: at least one, so an error at the very end still shows. */
function errorRange(text: string, error: SurfaceError): { start: number; end: number } {
  const start = Math.min(Math.max(error.start, 0), text.length);
  const end = Math.min(Math.max(error.end, start + 1), text.length + 1);
  return { start, end };
}

/** Where an error is, in words: "at character 5" or "at characters 5 to 7" (1-based). */
export function describeErrorPosition(text: string, error: SurfaceError): string {
  if (error.code === "empty") return "";
  const { start, end } = errorRange(text, error);
  if (start >= text.length) return "at the end";
  return end - start <= 1 ? `at character ${start + 1}` : `at characters ${start + 1} to ${end}`;
}

/**
 * The text with the offending range wrapped in a highlighted span; a trailing space stands in
 * for "the end of the text" so an error there is visible too.
 */
function MarkedText(props: { text: string; error: SurfaceError; context?: number }) {
  const { text, error, context = Infinity } = props;
  const { start, end } = errorRange(text, error);
  const padded = `${text} `;
  // In the alert, a long text is cut to the neighbourhood of the error.
  const from = Math.max(0, start - context);
  const to = Math.min(padded.length, Math.min(end, start + context) + context);
  return (
    <>
      {from > 0 ? "…" : ""}
      {padded.slice(from, start)}
      <mark className="error-range">{padded.slice(start, Math.min(end, start + context))}</mark>
      {padded.slice(Math.min(end, start + context), to)}
      {to < padded.length ? "…" : ""}
    </>
  );
}

/**
 * The function editor: validates on every keystroke; while the text is invalid the last valid
 * surface and all runs stay on screen, and the error is shown with its position underlined.
 */
export function FunctionEditor() {
  const text = useExplorerStore((s) => s.text);
  const error = useExplorerStore((s) => s.surfaceError);
  const setText = useExplorerStore((s) => s.setText);
  const mirror = useRef<HTMLDivElement>(null);

  const syncScroll = (event: SyntheticEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    // The mirror renders after this change; align it on the next frame too.
    const align = () => {
      if (mirror.current) mirror.current.scrollLeft = input.scrollLeft;
    };
    align();
    requestAnimationFrame(align);
  };

  return (
    <div className="function-editor">
      <label htmlFor="function-input" className="function-label">
        f =
      </label>
      <div className="function-field">
        <input
          id="function-input"
          type="text"
          aria-label="Function"
          aria-invalid={error !== null}
          aria-describedby="function-help"
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            syncScroll(event);
          }}
          onScroll={syncScroll}
          onSelect={syncScroll}
        />
        {error && (
          <div ref={mirror} className="function-mirror" aria-hidden="true">
            <MarkedText text={text} error={error} />
          </div>
        )}
      </div>
      <p id="function-help" className="function-help">
        Use x and y, + − * / ^, sin cos exp log sqrt abs …
      </p>
    </div>
  );
}

/**
 * The page's one alert: the function's error (with where it is and the last valid function
 * still shown) and any messages about a link that was only partly usable.
 */
export function ErrorAlert() {
  const text = useExplorerStore((s) => s.text);
  const error = useExplorerStore((s) => s.surfaceError);
  const lastValid = useExplorerStore((s) => s.surface.text.trim());
  const notices = useExplorerStore((s) => s.notices);
  const dismiss = useExplorerStore((s) => s.dismissNotices);
  const where = error ? describeErrorPosition(text, error) : "";
  return (
    <div role="alert" className={error || notices.length ? "alert alert-active" : "alert"}>
      {(error || notices.length > 0) && (
        <div className="alert-box">
          {error && (
            <div className="alert-error">
              <p>
                <strong>Function {where}:</strong> {error.message}
              </p>
              <p className="alert-code">
                <code>
                  <MarkedText text={text} error={error} context={40} />
                </code>
              </p>
              <p className="alert-note">
                Still showing f = <code>{lastValid}</code>; every run is kept.
              </p>
            </div>
          )}
          {notices.length > 0 && (
            <div className="alert-notices">
              <ul>
                {notices.map((notice) => (
                  <li key={notice}>{notice}</li>
                ))}
              </ul>
              <button type="button" onClick={dismiss}>
                Dismiss
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
