import { useEffect, useRef, useState } from "react";
import { getPreset, presets } from "../core/scenario/presets.ts";
import { useExplorerStore } from "../store/index.ts";

/**
 * One click opens a preset; the current one says what to notice. After a click the explanation
 * is scrolled into view (the least scrolling that shows it), since it is what the click was for.
 */
export function ScenarioPicker() {
  const scenarioId = useExplorerStore((s) => s.scenarioId);
  const loadScenario = useExplorerStore((s) => s.loadScenario);
  const current = scenarioId ? getPreset(scenarioId) : undefined;
  const inLesson = useExplorerStore((s) => s.lesson !== null);
  const explanation = useRef<HTMLParagraphElement>(null);
  const pressed = useRef<HTMLElement | null>(null);
  // Counts clicks, so the effect runs after the click's render, with the new text laid out.
  const [clicks, setClicks] = useState(0);
  useEffect(() => {
    const text = explanation.current;
    if (clicks === 0 || !text) return;
    text.scrollIntoView?.({ block: "nearest" });
    if (pressed.current) keepButtonInView(pressed.current, text);
  }, [clicks]);
  return (
    <section className="panel" aria-labelledby="scenario-heading">
      <h2 id="scenario-heading">Scenarios</h2>
      <ul className="scenario-list">
        {presets.map((scenario) => (
          <li key={scenario.id}>
            <button
              type="button"
              className="scenario-button"
              aria-pressed={scenario.id === scenarioId}
              title={scenario.explanation}
              onClick={(event) => {
                pressed.current = event.currentTarget;
                loadScenario(scenario.id);
                setClicks((n) => n + 1);
              }}
            >
              {scenario.title}
            </button>
          </li>
        ))}
      </ul>
      <p ref={explanation} className="scenario-explanation" aria-live="polite">
        {current
          ? current.explanation
          : inLesson
            ? "A lesson's picture: the lesson above says what to notice."
            : "Your own setup (changed from the preset)."}
      </p>
    </section>
  );
}

/** The nearest ancestor that scrolls vertically, or null for the page itself. */
function scrollingAncestor(element: HTMLElement): HTMLElement | null {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && node.scrollHeight > node.clientHeight) {
      return node;
    }
  }
  return null;
}

/**
 * After the explanation has been scrolled into view: where the pressed button and the
 * explanation fit in the view together, scrolls back just enough that the button shows too
 * (the explanation, what the click was for, stays in view either way).
 */
function keepButtonInView(button: HTMLElement, text: HTMLElement): void {
  const box = scrollingAncestor(text);
  const view = box ? box.getBoundingClientRect() : { top: 0, bottom: window.innerHeight };
  const b = button.getBoundingClientRect();
  const t = text.getBoundingClientRect();
  const top = Math.min(b.top, t.top);
  const bottom = Math.max(b.bottom, t.bottom);
  if (top >= view.top || bottom - top > view.bottom - view.top) return;
  const up = view.top - top;
  if (box) box.scrollTop -= up;
  else window.scrollBy(0, -up);
}
