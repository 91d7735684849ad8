import { useState } from "react";
import { useExplorerStore } from "../store/index.ts";
import { datedFileName, downloadBlob } from "./download.ts";
import {
  ChoiceField,
  LOADING_NOTE,
  PicturePanel,
  PictureViewField,
  usePictureView,
} from "./pictureFields.tsx";
import { pictureFileStem, pictureRequest } from "./pictureParts.ts";

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
    <PicturePanel
      label="Export PNG"
      title="A picture of the views for a handout or a slide"
      className="picture-export"
      status={status}
    >
      <PictureViewField view={view} views={views} onChange={setView} disabled={busy} />
      <ChoiceField
        legend="Resolution"
        name="picture-scale"
        choices={[
          [1, "1× (as on screen)"],
          [2, "2× (for print)"],
        ]}
        value={scale}
        onChange={setScale}
        disabled={busy}
      />
      <p className="picture-note">The formula goes above the views and the run legend below.</p>
      <button type="button" disabled={busy} onClick={() => void save()}>
        Save PNG
      </button>
    </PicturePanel>
  );
}
