import { getPreset, presets } from "../core/scenario/presets.ts";
import { useExplorerStore } from "../store/index.ts";

/** One click opens a preset; the current one says what to notice. */
export function ScenarioPicker() {
  const scenarioId = useExplorerStore((s) => s.scenarioId);
  const loadScenario = useExplorerStore((s) => s.loadScenario);
  const current = scenarioId ? getPreset(scenarioId) : undefined;
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
              onClick={() => loadScenario(scenario.id)}
            >
              {scenario.title}
            </button>
          </li>
        ))}
      </ul>
      <p className="scenario-explanation" aria-live="polite">
        {current ? current.explanation : "Your own setup (changed from the preset)."}
      </p>
    </section>
  );
}
