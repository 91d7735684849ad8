import { useEffect, useRef, useState } from "react";
import { checkDocument } from "../core/scenario/document.ts";
import { currentDocument, useExplorerStore } from "../store/index.ts";
import { datedFileName, downloadText } from "./download.ts";
import { isCsvFile, openCsvFile } from "./DataPanel.tsx";

/** Largest scenario file opened, in bytes. */
export const MAX_SCENARIO_FILE_BYTES = 1_000_000;

/** Downloads the picture on screen as a scenario document (.json). */
export function saveScenario(): void {
  const state = useExplorerStore.getState();
  const text = `${JSON.stringify(currentDocument(state), null, 2)}\n`;
  // The preset's id or "scenario", and the date.
  downloadText(text, "application/json", datedFileName(state.scenarioId ?? "scenario", "json"));
}

/**
 * Opens a scenario file: it replaces the picture only when the whole file is a valid document;
 * otherwise the alert says what is wrong and where, and nothing changes.
 */
export async function openScenarioFile(file: File): Promise<void> {
  const store = useExplorerStore.getState();
  const name = file.name || "the file";
  if (file.size > MAX_SCENARIO_FILE_BYTES) {
    store.notify(
      `Scenario file "${name}" is too large (${Math.ceil(file.size / 1000)} kB; at most ${MAX_SCENARIO_FILE_BYTES / 1000} kB); nothing was changed.`,
    );
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(await file.text());
  } catch {
    store.notify(`Scenario file "${name}" is not JSON; nothing was changed.`);
    return;
  }
  const checked = checkDocument(value);
  if (!checked.ok) {
    store.notify(`Scenario file "${name}": ${checked.message}; nothing was changed.`);
    return;
  }
  store.loadDocument(checked.document);
}

/** A CSV dropped on the page becomes the data; what was skipped or refused goes to the alert. */
async function openDroppedCsv(file: File): Promise<void> {
  const opened = await openCsvFile(file);
  if (!opened.ok || opened.skipped.length > 0) {
    const lines = opened.skipped.slice(0, 5).join("; ");
    const more = opened.skipped.length > 5 ? ` and ${opened.skipped.length - 5} more` : "";
    useExplorerStore
      .getState()
      .notify(lines ? `${opened.message} ${lines}${more}.` : opened.message);
  }
}

/** True when a drag carries files (not text or a link being dragged within the page). */
function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

/**
 * "Save scenario", "Open scenario" (a file picker; dropping a .json file anywhere on the page
 * does the same) and "Start fresh".
 */
export function ScenarioFile() {
  const input = useRef<HTMLInputElement>(null);
  const startFresh = useExplorerStore((s) => s.startFresh);
  const [dropping, setDropping] = useState(false);

  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDropping(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDropping(false);
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setDropping(false);
      const file = event.dataTransfer?.files[0];
      if (file && isCsvFile(file)) void openDroppedCsv(file);
      else if (file) void openScenarioFile(file);
    };
    window.addEventListener("dragover", over);
    window.addEventListener("dragleave", leave);
    window.addEventListener("drop", drop);
    return () => {
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    };
  }, []);

  return (
    <div className="scenario-file">
      <button type="button" onClick={saveScenario}>
        Save scenario
      </button>
      <button type="button" onClick={() => input.current?.click()}>
        Open scenario
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Scenario file to open"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = "";
          if (file) void openScenarioFile(file);
        }}
      />
      <button type="button" onClick={startFresh}>
        Start fresh
      </button>
      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          Drop a scenario file (.json) to open it
        </div>
      )}
    </div>
  );
}
