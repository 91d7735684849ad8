import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDocument } from "../../../src/core/scenario/document.ts";

describe("the README's scenario document", () => {
  it("is a valid document, so a reader can copy it as a starting file", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Scenario documents"));
    const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    expect(json).toBeDefined();
    const checked = checkDocument(JSON.parse(json!));
    expect(checked).toMatchObject({ ok: true });
  });
});
