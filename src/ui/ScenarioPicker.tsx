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
  // Counts clicks, so the effect runs after the click's render, with the new text laid out.
  const [clicks, setClicks] = useState(0);
  useEffect(() => {
    if (clicks > 0) explanation.current?.scrollIntoView?.({ block: "nearest" });
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
              onClick={() => {
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
