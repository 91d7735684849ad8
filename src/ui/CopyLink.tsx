import { useState } from "react";
import { linkTooLong } from "../core/scenario/link.ts";
import { currentLinkQuery } from "../store/index.ts";

/** The address that reopens the whole picture on screen. */
export function currentLink(): string {
  const query = currentLinkQuery();
  return `${window.location.origin}${window.location.pathname}${query}`;
}

/**
 * Copies the current link; where the clipboard is not available, shows it to copy by hand. A
 * link too long for common servers and chat tools is not produced: Save scenario keeps it.
 */
export function CopyLink() {
  const [status, setStatus] = useState<string>("");
  const [shown, setShown] = useState<string | null>(null);
  const copy = async () => {
    const link = currentLink();
    if (linkTooLong(link)) {
      setShown(null);
      setStatus(
        `This picture is too large for a link (${link.length} characters); use Save scenario instead.`,
      );
      return;
    }
    try {
      await navigator.clipboard.writeText(link);
      setShown(null);
      setStatus("Link copied");
    } catch {
      setShown(link);
      setStatus("Copy the link below");
    }
  };
  return (
    <div className="copy-link">
      <button type="button" onClick={() => void copy()}>
        Copy link
      </button>
      <span role="status" className="copy-status">
        {status}
      </span>
      {shown !== null && (
        <input
          className="copy-field"
          readOnly
          aria-label="Link to this view"
          value={shown}
          onFocus={(event) => event.currentTarget.select()}
        />
      )}
    </div>
  );
}
