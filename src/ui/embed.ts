/**
 * `?embed=<view>`: one view alone, to put in slides or a course page with an `<iframe>`. The
 * rest of the link describes the picture as it always does; `embed` only chooses the page.
 */

/** The views a page can embed, as the `embed` parameter names them. */
export const EMBED_VIEWS = ["surface", "contour", "loss", "curve", "compare"] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];

/** What a view is called in the Embed menu and the iframe's title. */
export const EMBED_VIEW_NAMES: Record<EmbedView, string> = {
  surface: "3D surface",
  contour: "Contour map",
  loss: "Loss curve",
  curve: "Curve of f",
  compare: "Compare: one map a variant",
};

/** The embedded view a query asks for, or why it asks for none it can have. */
export function embedFromSearch(search: string): {
  view: EmbedView | null;
  message: string | null;
} {
  const raw = new URLSearchParams(search).get("embed");
  if (raw === null) return { view: null, message: null };
  const view = EMBED_VIEWS.find((name) => name === raw.trim().toLowerCase());
  if (view) return { view, message: null };
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return {
    view: null,
    message: `Link parameter "embed": "${shown}" is not one of ${EMBED_VIEWS.join(", ")}; showing the whole page.`,
  };
}

/** `link` (a full address) with `embed=<view>` set, or removed when `view` is null. */
export function withEmbed(link: string, view: EmbedView | null): string {
  const url = new URL(link);
  if (view === null) url.searchParams.delete("embed");
  else url.searchParams.set("embed", view);
  return url.toString();
}

/** Escapes text for an HTML attribute value in double quotes. */
function attribute(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** The `<iframe>` to paste into a slide or a page. */
export function embedSnippet(link: string, view: EmbedView, width = 720, height = 480): string {
  const src = attribute(withEmbed(link, view));
  const title = attribute(`Descent Lab: ${EMBED_VIEW_NAMES[view]}`);
  return `<iframe src="${src}" width="${width}" height="${height}" title="${title}" style="border:0" allow="fullscreen"></iframe>`;
}
