import { useState } from "react";
import { useExplorerStore } from "../store/index.ts";
import { datedFileName, downloadBlob } from "./download.ts";
import {
  PICTURE_VIEW_NAMES,
  pictureFileStem,
  pictureRequest,
  pictureViews,
  type PictureView,
} from "./pictureParts.ts";
import { usePopover } from "./usePopover.ts";

/** What a picture or movie panel says when asked for one before the views have loaded. */
export const LOADING_NOTE = "The views are still loading: try again in a moment.";

/** The view chosen in a picture panel, kept to what the page offers now. */
export function usePictureView(): [PictureView, PictureView[], (view: PictureView) => void] {
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const [chosen, setChosen] = useState<PictureView>("all");
  const views = pictureViews(dimension, comparing);
  return [views.includes(chosen) ? chosen : "all", views, setChosen];
}

/** The "View" select of the picture and recording panels. */
export function PictureViewField({
  view,
  views,
  onChange,
  disabled = false,
}: {
  view: PictureView;
  views: readonly PictureView[];
  onChange: (view: PictureView) => void;
  disabled?: boolean;
}) {
  return (
    <label className="picture-field">
      View
      <select
        value={view}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as PictureView)}
      >
        {views.map((name) => (
          <option key={name} value={name}>
            {PICTURE_VIEW_NAMES[name]}
          </option>
        ))}
      </select>
    </label>
  );
}

function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the browser made no PNG"))),
      "image/png",
    ),
  );
}

/**
 * "Export PNG": a picture of one view or all of them, with the formula above and the run legend
 * below, at the screen's resolution or twice it, downloaded as a PNG.
 */
export function ExportPicture() {
  const { open, toggleProps, panelProps } = usePopover();
  const [view, views, setView] = usePictureView();
  const [scale, setScale] = useState<1 | 2>(1);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const save = async () => {
    const state = useExplorerStore.getState();
    const request = pictureRequest(state, view, scale);
    if (!request) {
      setStatus(LOADING_NOTE);
      return;
    }
    setBusy(true);
    setStatus("Drawing the picture…");
    try {
      // The picture code loads when first used: the first picture on screen does not wait for it.
      const { takePicture } = await import("../views/picture/picture.ts");
      const canvas = await takePicture(request);
      const name = datedFileName(
        `${pictureFileStem(state, view)}${scale === 2 ? "@2x" : ""}`,
        "png",
      );
      downloadBlob(await canvasBlob(canvas), name);
      setStatus(`Saved ${name} (${canvas.width} × ${canvas.height} pixels).`);
    } catch (error) {
      setStatus(`Could not draw the picture: ${(error as Error).message}.`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="picture-export">
      <button {...toggleProps} title="A picture of the views for a handout or a slide">
        Export PNG
      </button>
      {open && (
        <div {...panelProps} className="picture-panel" aria-label="Export PNG">
          <PictureViewField view={view} views={views} onChange={setView} disabled={busy} />
          <fieldset className="picture-scale">
            <legend>Resolution</legend>
            <label>
              <input
                type="radio"
                name="picture-scale"
                checked={scale === 1}
                disabled={busy}
                onChange={() => setScale(1)}
              />
              1× (as on screen)
            </label>
            <label>
              <input
                type="radio"
                name="picture-scale"
                checked={scale === 2}
                disabled={busy}
                onChange={() => setScale(2)}
              />
              2× (for print)
            </label>
          </fieldset>
          <p className="picture-note">The formula goes above the views and the run legend below.</p>
          <button type="button" disabled={busy} onClick={() => void save()}>
            Save PNG
          </button>
          <p role="status" className="picture-status">
            {status}
          </p>
        </div>
      )}
    </div>
  );
}
