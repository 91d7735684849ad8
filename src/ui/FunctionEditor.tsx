import { useCallback, useEffect, useRef, type SyntheticEvent } from "react";
import { useExplorerStore } from "../store/index.ts";
import { validateExpression } from "../core/parse.ts";
import { trySurface, type SurfaceError } from "../core/surface.ts";
import type { Dimension } from "../core/types.ts";
import { showInvisibles } from "../core/invisible.ts";
import { getFunctionDraft, setFunctionDraft, useFunctionDraft } from "./functionDraft.ts";

/** How long typing must pause before a change in the number of variables is applied. */
export const DIMENSION_PAUSE_MS = 600;

/**
 * True when `text` is a valid function of a different number of variables than the one drawn:
 * such a text waits for a pause. The whitelist check (a fraction of a millisecond) decides most
 * keystrokes; only a text that changes the dimension is compiled here as well, so one the store
 * would refuse (a derivative too large) is not held back and its error shows at once.
 */
function waitsForPause(text: string, drawn: Dimension): boolean {
  let dimension: Dimension;
  try {
    dimension = validateExpression(text).dimension;
  } catch {
    return false;
  }
  return dimension !== drawn && trySurface(text).ok;
}

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
function MarkedText(props: {
  text: string;
  error: SurfaceError;
  context?: number;
  /** Show invisible characters as marks naming them (in the alert, not in the input's mirror). */
  showHidden?: boolean;
}) {
  const { text, error, context = Infinity, showHidden = false } = props;
  const { start, end } = errorRange(text, error);
  const padded = `${text} `;
  const shown = showHidden ? showInvisibles : (part: string) => part;
  // In the alert, a long text is cut to the neighbourhood of the error.
  const from = Math.max(0, start - context);
  const to = Math.min(padded.length, Math.min(end, start + context) + context);
  return (
    <>
      {from > 0 ? "…" : ""}
      {shown(padded.slice(from, start))}
      <mark className="error-range">
        {shown(padded.slice(start, Math.min(end, start + context)))}
      </mark>
      {shown(padded.slice(Math.min(end, start + context), to))}
      {to < padded.length ? "…" : ""}
    </>
  );
}

/**
 * The function editor: validates on every keystroke; while the text is invalid the last valid
 * surface and all runs stay on screen, and the error is shown with its position underlined at
 * once. A valid text that keeps the number of variables applies at once too; one that changes it
 * (the `x^2` on the way to `x^2 + y^2`) waits until typing pauses for DIMENSION_PAUSE_MS, the
 * field loses focus or Enter is pressed, so the views do not switch to the curve and back.
 */
export function FunctionEditor() {
  const storeText = useExplorerStore((s) => s.text);
  const storeError = useExplorerStore((s) => s.surfaceError);
  const setText = useExplorerStore((s) => s.setText);
  const draft = useFunctionDraft(storeText);
  const text = draft?.text ?? storeText;
  // A waiting text is valid: an earlier keystroke's error no longer describes the box.
  const error = draft ? null : storeError;
  const mirror = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const cancelWait = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  /** Applies the waiting text, unless the function was replaced meanwhile (a preset, a link). */
  const applyDraft = useCallback(() => {
    cancelWait();
    const waiting = getFunctionDraft();
    if (!waiting) return;
    setFunctionDraft(null);
    const state = useExplorerStore.getState();
    if (waiting.base === state.text) state.setText(waiting.text);
  }, [cancelWait]);

  useEffect(
    () => () => {
      cancelWait();
      setFunctionDraft(null);
    },
    [cancelWait],
  );

  const fitting = useExplorerStore((s) => s.data !== null);

  const change = (next: string) => {
    cancelWait();
    const state = useExplorerStore.getState();
    if (waitsForPause(next, state.surface.dimension)) {
      setFunctionDraft({ text: next, base: state.text });
      timer.current = setTimeout(applyDraft, DIMENSION_PAUSE_MS);
      return;
    }
    setFunctionDraft(null);
    setText(next);
  };

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
            change(event.target.value);
            syncScroll(event);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") applyDraft();
          }}
          onBlur={applyDraft}
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
        {fitting && " The landscape is a loss over data: typing a function here goes back to it."}
      </p>
      {fitting && (
        <p className="function-data-note">
          The landscape is a loss over data (see Fit data); type a function to go back.
        </p>
      )}
    </div>
  );
}

/**
 * The page's one alert: the function's error (with where it is and the last valid function
 * still shown) and any messages about a link that was only partly usable.
 */
export function ErrorAlert() {
  const text = useExplorerStore((s) => s.text);
  const storeError = useExplorerStore((s) => s.surfaceError);
  // While a valid text waits to be applied, the last keystroke's error is already out of date.
  const error = useFunctionDraft(text) ? null : storeError;
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
                  <bdi>
                    <MarkedText text={text} error={error} context={40} showHidden />
                  </bdi>
                </code>
              </p>
              <p className="alert-note">
                Still showing f ={" "}
                <code>
                  <bdi>{lastValid}</bdi>
                </code>
                ; every run is kept.
              </p>
            </div>
          )}
          {notices.length > 0 && (
            <div className="alert-notices">
              <ul>
                {notices.map((notice) => (
                  <li key={notice}>
                    <bdi>{showInvisibles(notice)}</bdi>
                  </li>
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
