import { describe, expect, it } from "vitest";
import { embedFromSearch, embedSnippet, withEmbed } from "../../src/ui/embed.ts";

describe("the embed parameter", () => {
  it("names one of the views, in any case", () => {
    expect(embedFromSearch("?f=x%5E2&embed=contour")).toEqual({ view: "contour", message: null });
    expect(embedFromSearch("?embed=Loss")).toEqual({ view: "loss", message: null });
    expect(embedFromSearch("?f=x")).toEqual({ view: null, message: null });
  });

  it("anything else shows the whole page and says why", () => {
    const { view, message } = embedFromSearch("?embed=%3Cscript%3E");
    expect(view).toBeNull();
    expect(message).toBe(
      'Link parameter "embed": "<script>" is not one of surface, contour, loss, curve, compare; showing the whole page.',
    );
    expect(embedFromSearch(`?embed=${"a".repeat(500)}`).message).toContain(`"${"a".repeat(40)}…"`);
  });

  it("sets and removes itself in a link, keeping the rest", () => {
    const link = "http://host/app/?f=x%5E2&start=1";
    expect(withEmbed(link, "surface")).toBe("http://host/app/?f=x%5E2&start=1&embed=surface");
    expect(withEmbed(`${link}&embed=loss`, null)).toBe(link);
  });

  it("the iframe snippet escapes the address for its attribute", () => {
    const snippet = embedSnippet('http://host/?f=x"><b>&s=1', "contour");
    expect(snippet).toBe(
      '<iframe src="http://host/?f=x%22%3E%3Cb%3E&amp;s=1&amp;embed=contour" width="720" height="480" title="Descent Lab: Contour map" style="border:0" allow="fullscreen"></iframe>',
    );
  });
});
