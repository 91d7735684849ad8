// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { focusUsesKey, type ShortcutKey } from "../../src/ui/useKeyboardShortcuts.ts";

/** The first element of `html`, or the element with id "target" in it. */
function element(html: string): Element {
  const host = document.createElement("div");
  host.innerHTML = html;
  return host.querySelector("#target") ?? host.firstElementChild!;
}

const keys: ShortcutKey[] = ["space", "arrow", "letter"];

/** Which of Space, arrows and letters the element keeps for itself, as "s", "a", "l". */
function kept(html: string): string {
  const target = element(html);
  return keys
    .filter((key) => focusUsesKey(target, key))
    .map((key) => key[0])
    .join("");
}

describe("focusUsesKey: a focused control keeps its own keys", () => {
  it.each([
    ["<button>Go</button>", "s"],
    ['<input type="checkbox">', "s"],
    ['<input type="submit">', "s"],
    ['<input type="radio">', "sa"],
    ['<input type="range">', "a"],
    ['<input type="text">', "sal"],
    ["<input>", "sal"],
    ['<input type="number">', "sal"],
    ["<textarea></textarea>", "sal"],
    ["<select><option>a</option></select>", "sal"],
    ['<div contenteditable="true">text</div>', "sal"],
    ['<div contenteditable="true"><b id="target">bold</b></div>', "sal"],
    ['<div role="button" tabindex="0">Go</div>', "s"],
    ['<div role="switch" tabindex="0"></div>', "s"],
    ['<div role="slider" tabindex="0"></div>', "a"],
    ['<ul role="listbox"><li role="option" id="target">a</li></ul>', "sal"],
    ['<ul role="listbox"><li id="target" tabindex="0">a</li></ul>', "sal"],
    ['<div role="tablist"><button role="tab" id="target">a</button></div>', "sa"],
    ["<summary>More</summary>", "s"],
    ["<div>plain</div>", ""],
    ['<a href="#x">link</a>', ""],
    ['<div tabindex="0">focusable region</div>', ""],
  ])("%s keeps %j", (html, expected) => {
    expect(kept(html)).toBe(expected);
  });

  it("nothing focused (the window or the document) keeps nothing", () => {
    expect(focusUsesKey(window, "space")).toBe(false);
    expect(focusUsesKey(null, "arrow")).toBe(false);
    expect(focusUsesKey(document.body, "letter")).toBe(false);
  });
});
