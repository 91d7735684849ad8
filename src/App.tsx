import { Fragment, lazy, Suspense, useEffect } from "react";
import { useExplorerStore } from "./store/index.ts";
import { startPlaybackDriver } from "./store/playbackDriver.ts";
import { startCloudDriver } from "./store/cloudJob.ts";
import { startLongRunDriver } from "./store/longRunJobs.ts";
import { CloudPanel } from "./ui/CloudPanel.tsx";
import { ErrorAlert, FunctionEditor } from "./ui/FunctionEditor.tsx";
import { Formula } from "./ui/Formula.tsx";
import { CopyLink } from "./ui/CopyLink.tsx";
import { EmbedCode } from "./ui/EmbedCode.tsx";
import { ExportPicture } from "./ui/ExportPicture.tsx";
import { RecordMovie } from "./ui/RecordMovie.tsx";
import { ScenarioFile } from "./ui/ScenarioFile.tsx";
import { ScenarioPicker } from "./ui/ScenarioPicker.tsx";
import { RunList } from "./ui/RunList.tsx";
import { ComparePanel } from "./ui/ComparePanel.tsx";
import { DomainBox } from "./ui/DomainBox.tsx";
import { DataPanel } from "./ui/DataPanel.tsx";
import { isDataSurface } from "./core/data/miniBatch.ts";
import { ViewOptionsPanel } from "./ui/ViewOptions.tsx";
import { BasinsPanel } from "./ui/BasinsPanel.tsx";
import { startLandscapeDriver } from "./store/landscapeJobs.ts";
import { StepExplainer } from "./ui/StepExplainer.tsx";
import { GradientCheckPanel } from "./ui/GradientCheckPanel.tsx";
import { CurvaturePanel } from "./ui/CurvaturePanel.tsx";
import { PlaybackBar } from "./ui/PlaybackBar.tsx";
import { RunAnnouncer } from "./ui/RunAnnouncer.tsx";
import { UpdateNote } from "./ui/UpdateNote.tsx";
import { useKeyboardShortcuts } from "./ui/useKeyboardShortcuts.ts";
import { ViewsBoundary } from "./ui/ViewsBoundary.tsx";
import { PresenterControls, RunLegend, usePresenterClass } from "./ui/PresenterMode.tsx";
import { LessonPanel, LessonsButton } from "./ui/Lessons.tsx";
import "./ui/styles.css";

// The canvases (three.js) load as their own chunk, so the panels appear first; component tests
// in jsdom, which has no WebGL, leave them out with views={false}.
const ViewsArea = lazy(() => import("./ui/ViewsArea.tsx"));

/** Keys and what they do, separated by dots; a line breaks only between two of them. */
function KeyList({ keys }: { keys: readonly string[] }) {
  return keys.map((key, index) => (
    <Fragment key={key}>
      {index > 0 && " · "}
      <span className="keys-hint-key">{key}</span>
    </Fragment>
  ));
}

export interface AppProps {
  /** Render the WebGL views (false in component tests). */
  views?: boolean;
}

/** The explorer page: editor on top, presets and runs on the left, views, playback below. */
export function App({ views = true }: AppProps) {
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const fitting = useExplorerStore((s) => isDataSurface(s.surface));
  const presenter = usePresenterClass();
  const lesson = useExplorerStore((s) => s.lesson !== null);
  useKeyboardShortcuts();
  useEffect(() => startPlaybackDriver(), []);
  useEffect(() => startCloudDriver(), []);
  // The workers exist only with the views (component tests in jsdom leave both out).
  useEffect(() => (views ? startLandscapeDriver() : undefined), [views]);
  useEffect(() => (views ? startLongRunDriver() : undefined), [views]);
  return (
    <div
      className={["app", presenter && "app-presenter", lesson && "app-lesson"]
        .filter(Boolean)
        .join(" ")}
    >
      <header className="app-header">
        <h1 className="app-title">Descent Lab</h1>
        <div className="header-main">
          <FunctionEditor />
          <Formula />
        </div>
        <div className="header-side">
          <div className="header-actions">
            <LessonsButton />
            <PresenterControls />
            <CopyLink />
            <EmbedCode />
            <ExportPicture />
            <RecordMovie />
            <ScenarioFile />
          </div>
          <p className="keys-hint">
            <KeyList
              keys={[
                presenter ? "Keys: Space play" : "Keys: Space play/pause",
                "← → step",
                "R reset",
                "C compare",
                ...(presenter ? ["P leave", "F full screen"] : ["P presenter"]),
                ...(lesson ? [presenter ? "PgDn PgUp steps" : "PgDn PgUp lesson steps"] : []),
              ]}
            />
            <span className="keys-hint-more">
              <span className="keys-hint-sep"> · </span>Shift+arrows on the map move the start · a
              focused control keeps its own keys
            </span>
          </p>
        </div>
      </header>
      <ErrorAlert />
      <LessonPanel />
      <aside className="sidebar" aria-label="Settings" hidden={presenter}>
        <ScenarioPicker />
        <DataPanel />
        <ComparePanel />
        <RunList />
        <CloudPanel />
        <ViewOptionsPanel />
        <BasinsPanel />
        <DomainBox />
      </aside>
      <main
        className={
          dimension === 1
            ? "views views-1d"
            : comparing
              ? "views views-compare"
              : fitting
                ? "views views-data"
                : "views"
        }
      >
        {views && (
          <ViewsBoundary>
            <Suspense fallback={<p className="views-loading">Loading the views…</p>}>
              <ViewsArea />
            </Suspense>
          </ViewsBoundary>
        )}
        {!presenter ? <StepExplainer /> : !comparing && !lesson && <RunLegend />}
        <CurvaturePanel />
        {!presenter && <GradientCheckPanel />}
      </main>
      <footer className="app-footer">
        <PlaybackBar />
      </footer>
      <RunAnnouncer />
      <UpdateNote />
    </div>
  );
}
