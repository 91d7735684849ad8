import { useId, useRef, useState } from "react";
import { linkTooLong } from "../core/scenario/link.ts";
import { useExplorerStore } from "../store/index.ts";
import { currentLink } from "./CopyLink.tsx";
import { EMBED_VIEW_NAMES, embedSnippet, type EmbedView } from "./embed.ts";

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
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<EmbedView | null>(null);
  // What the copy button last said, and of which code: a new code clears it.
  const [status, setStatus] = useState({ code: "", text: "" });
  const panelId = useId();
  const code = useRef<HTMLTextAreaElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
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
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((was) => !was)}
      >
        Embed
      </button>
      {open && (
        <div
          id={panelId}
          className="embed-panel"
          role="group"
          aria-label="Embed a view"
          onKeyDown={(event) => {
            // Escape closes the panel and puts focus back on its button.
            if (event.key !== "Escape") return;
            event.preventDefault();
            setOpen(false);
            toggle.current?.focus();
          }}
        >
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
