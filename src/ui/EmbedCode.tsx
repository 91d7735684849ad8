import { useRef, useState } from "react";
import { linkTooLong } from "../core/scenario/link.ts";
import { useExplorerStore } from "../store/index.ts";
import { currentLink } from "./CopyLink.tsx";
import { EMBED_VIEW_NAMES, embedSnippet, type EmbedView } from "./embed.ts";
import { usePopover } from "./usePopover.ts";

/** The views this picture can embed: those the full page shows for it. */
function embeddable(dimension: 1 | 2, comparing: boolean): EmbedView[] {
  if (dimension === 1) return ["curve", "loss"];
  return comparing ? ["compare", "surface", "loss"] : ["contour", "surface", "loss"];
}

/**
 * "Embed": the `<iframe>` that shows one view of the picture on screen in a slide or a course
 * page, with the view to embed and a button that copies the code.
 */
export function EmbedCode() {
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const { open, toggleProps, panelProps } = usePopover();
  const [chosen, setChosen] = useState<EmbedView | null>(null);
  // What the copy button last said, and of which code: a new code clears it.
  const [status, setStatus] = useState({ code: "", text: "" });
  const code = useRef<HTMLTextAreaElement>(null);
  const views = embeddable(dimension, comparing);
  const view = chosen !== null && views.includes(chosen) ? chosen : views[0]!;
  // The picture changes while the panel is open (a run dragged, a step played): read the link
  // when the panel renders, which any of those changes makes it do.
  const link = useExplorerStore(() => (open ? currentLink() : ""));
  const tooLong = open && linkTooLong(link);
  const snippet = open && !tooLong ? embedSnippet(link, view) : "";
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setStatus({ code: snippet, text: "Code copied" });
    } catch {
      code.current?.focus();
      code.current?.select();
      setStatus({ code: snippet, text: "Copy the selected code" });
    }
  };
  return (
    <div className="embed-code">
      <button {...toggleProps}>Embed</button>
      {open && (
        <div {...panelProps} className="embed-panel" aria-label="Embed a view">
          <label className="embed-field">
            View
            <select value={view} onChange={(event) => setChosen(event.target.value as EmbedView)}>
              {views.map((name) => (
                <option key={name} value={name}>
                  {EMBED_VIEW_NAMES[name]}
                </option>
              ))}
            </select>
          </label>
          {tooLong ? (
            <p className="embed-note">
              This picture is too large for a link ({link.length} characters), so it cannot be
              embedded; use Save scenario instead.
            </p>
          ) : (
            <>
              <label className="embed-field">
                Embed code
                <textarea
                  ref={code}
                  readOnly
                  rows={4}
                  value={snippet}
                  onFocus={(event) => event.currentTarget.select()}
                />
              </label>
              <p className="embed-note">
                Paste it into a slide or a page: the view plays there with its own playback bar and
                a link back here.
              </p>
              <div className="embed-actions">
                <button type="button" onClick={() => void copy()}>
                  Copy code
                </button>
                <span role="status" className="copy-status">
                  {status.code === snippet ? status.text : ""}
                </span>
              </div>
            </>
          )}
        </div>
      )}
    </div>
  );
}
