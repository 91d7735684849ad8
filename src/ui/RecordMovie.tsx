import { useRef, useState } from "react";
import { planMovie, type MoviePlan } from "../core/moviePlan.ts";
import { formatNumber } from "../core/format.ts";
import { totalSteps, useExplorerStore } from "../store/index.ts";
import { getPlayhead } from "../store/playhead.ts";
import type { MovieFormat } from "../views/picture/encodeMovie.ts";
import { datedFileName, downloadBlob } from "./download.ts";
import {
  ChoiceField,
  LOADING_NOTE,
  PicturePanel,
  PictureViewField,
  usePictureView,
} from "./pictureFields.tsx";
import { pictureFileStem, pictureRequest, type PictureView } from "./pictureParts.ts";

const FORMAT_NAMES: Record<MovieFormat, string> = {
  webm: "WebM video",
  gif: "GIF animation",
};

/** What the movie will be, in a sentence: its length, its pace and what it shows. */
function describePlan(plan: MoviePlan, total: number, speed: number): string {
  const frames = plan.steps.length;
  const seconds = formatNumber(frames / plan.fps);
  const pace =
    plan.speedUp > 1.0001
      ? `${formatNumber(Math.round(plan.speedUp * 10) / 10)}× faster than the page's ${speed} steps/s, to stay within ${frames} frames`
      : `at the page's ${speed} steps/s`;
  return `${frames} frames at ${plan.fps} frames/s (${seconds} s): steps 0 to ${total} ${pace}, then the end held for a second.`;
}

interface Progress {
  done: number;
  total: number;
}

/**
 * Records the chosen view(s) playing from step 0 to the end into `format`, one picture per frame
 * of the plan, then puts the playhead back where it was. Resolves to the file, or rejects with an
 * "AbortError" when `signal` is aborted.
 */
async function recordMovie(
  view: PictureView,
  format: MovieFormat,
  signal: AbortSignal,
  onProgress: (progress: Progress) => void,
): Promise<{ blob: Blob; name: string; frames: number; width: number; height: number }> {
  const store = useExplorerStore.getState();
  const request = pictureRequest(store, view, 1);
  if (!request) throw new Error(LOADING_NOTE);
  // The encoders and the picture code load when first used.
  const [{ takePicture }, { encodeMovie }] = await Promise.all([
    import("../views/picture/picture.ts"),
    import("../views/picture/encodeMovie.ts"),
  ]);
  const plan = planMovie(totalSteps(store), store.speed);
  const { seek } = store;
  const back = getPlayhead().step;
  store.pause();
  try {
    seek(plan.steps[0]!);
    const first = await takePicture(request);
    const { width, height } = first;
    const blob = await encodeMovie(
      format,
      {
        count: plan.steps.length,
        fps: plan.fps,
        width,
        height,
        async frame(index) {
          if (index === 0) return first;
          seek(plan.steps[index]!);
          return sized(await takePicture(request), width, height);
        },
      },
      { signal, onProgress: (done, total) => onProgress({ done, total }) },
    );
    const stem = pictureFileStem(useExplorerStore.getState(), view);
    const name = datedFileName(stem, format);
    return { blob, name, frames: plan.steps.length, width, height };
  } finally {
    seek(back);
  }
}

/**
 * A frame the size of the first: the views do not change size while they play, but a window
 * resized during a recording would otherwise end it.
 */
function sized(canvas: HTMLCanvasElement, width: number, height: number): HTMLCanvasElement {
  if (canvas.width === width && canvas.height === height) return canvas;
  const fitted = document.createElement("canvas");
  fitted.width = width;
  fitted.height = height;
  fitted.getContext("2d")?.drawImage(canvas, 0, 0, width, height);
  return fitted;
}

/**
 * "Record": the runs playing from the first step to the last, as a WebM video or an animated GIF
 * of one view or all of them (with the formula and the run legend, as in a picture), with a
 * progress bar and a cancel.
 */
export function RecordMovie() {
  const [view, views, setView] = usePictureView();
  const [format, setFormat] = useState<MovieFormat>("webm");
  const [progress, setProgress] = useState<Progress | null>(null);
  const [status, setStatus] = useState("");
  const controller = useRef<AbortController | null>(null);
  const total = useExplorerStore((s) => totalSteps(s));
  const speed = useExplorerStore((s) => s.speed);
  const plan = planMovie(total, speed);
  const recording = progress !== null;

  const start = async () => {
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ done: 0, total: plan.steps.length });
    setStatus("");
    try {
      const movie = await recordMovie(view, format, abort.signal, setProgress);
      downloadBlob(movie.blob, movie.name);
      setStatus(
        `Saved ${movie.name} (${movie.frames} frames, ${movie.width} × ${movie.height} pixels).`,
      );
    } catch (error) {
      if ((error as Error).name === "AbortError") setStatus("Recording cancelled.");
      else setStatus(`Could not record: ${(error as Error).message}.`);
    } finally {
      controller.current = null;
      setProgress(null);
    }
  };

  return (
    <PicturePanel
      label="Record"
      title="A movie of the runs playing, for a slide or a page"
      className="movie-record"
      status={status}
    >
      <PictureViewField view={view} views={views} onChange={setView} disabled={recording} />
      <ChoiceField
        legend="Format"
        name="movie-format"
        choices={(["webm", "gif"] as const).map((name) => [name, FORMAT_NAMES[name]] as const)}
        value={format}
        onChange={setFormat}
        disabled={recording}
      />
      <p className="picture-note">{describePlan(plan, total, speed)}</p>
      {recording ? (
        <div className="movie-progress">
          <progress
            aria-label="Recording"
            max={progress.total}
            value={progress.done}
            aria-valuetext={`Frame ${progress.done} of ${progress.total}`}
          />
          <span>
            Frame {progress.done} of {progress.total}
          </span>
          <button type="button" onClick={() => controller.current?.abort()}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => void start()}>
          Start recording
        </button>
      )}
    </PicturePanel>
  );
}
