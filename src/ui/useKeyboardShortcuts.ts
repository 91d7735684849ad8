import { useEffect } from "react";
import { useExplorerStore } from "../store/index.ts";
import { toggleFullscreen, togglePresenter } from "./PresenterMode.tsx";

/** The kinds of key a page shortcut uses: Space, the arrows, a letter (R), Page Up and Down. */
export type ShortcutKey = "space" | "arrow" | "letter" | "page";

const ALL: ReadonlySet<ShortcutKey> = new Set(["space", "arrow", "letter"]);
const SPACE: ReadonlySet<ShortcutKey> = new Set(["space"]);
const ARROWS: ReadonlySet<ShortcutKey> = new Set(["arrow"]);
const SPACE_AND_ARROWS: ReadonlySet<ShortcutKey> = new Set(["space", "arrow"]);
const NONE: ReadonlySet<ShortcutKey> = new Set();

/** Input types whose keys are activation only (Space clicks them); the rest take typing. */
const INPUT_KEYS: Readonly<Record<string, ReadonlySet<ShortcutKey>>> = {
  checkbox: SPACE,
  button: SPACE,
  submit: SPACE,
  reset: SPACE,
  image: SPACE,
  color: SPACE,
  file: SPACE,
  // Arrows move a slider; Space does nothing to one, so it may still play.
  range: ARROWS,
  // Arrows move the choice within a radio group, Space checks the focused one.
  radio: SPACE_AND_ARROWS,
  hidden: NONE,
};

/**
 * ARIA roles by the keys their widget handles (WAI-ARIA Authoring Practices): buttons and
 * check-like controls take Space; sliders and spin buttons the arrows; items of composite
 * widgets (option, tab, menu item, radio, tree item) Space and arrows; text boxes and the
 * containers with type-ahead take everything.
 */
const ROLE_KEYS: Readonly<Record<string, ReadonlySet<ShortcutKey>>> = {
  button: SPACE,
  checkbox: SPACE,
  switch: SPACE,
  link: NONE,
  slider: ARROWS,
  spinbutton: ARROWS,
  scrollbar: ARROWS,
  radio: SPACE_AND_ARROWS,
  tab: SPACE_AND_ARROWS,
  menuitem: SPACE_AND_ARROWS,
  menuitemcheckbox: SPACE_AND_ARROWS,
  menuitemradio: SPACE_AND_ARROWS,
  treeitem: SPACE_AND_ARROWS,
  gridcell: SPACE_AND_ARROWS,
  option: ALL,
  textbox: ALL,
  searchbox: ALL,
  combobox: ALL,
  listbox: ALL,
  menu: ALL,
  menubar: ALL,
  tree: ALL,
  grid: ALL,
  tablist: SPACE_AND_ARROWS,
  radiogroup: SPACE_AND_ARROWS,
  // A widget that declares it handles its own keys.
  application: ALL,
};

/** Containers whose items take arrows (and type-ahead) wherever focus is inside them. */
const COMPOSITE_SELECTOR = ["listbox", "menu", "menubar", "tree", "grid", "tablist", "radiogroup"]
  .map((role) => `[role="${role}"]`)
  .join(", ");

const EDITABLE =
  '[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';

/** The keys the element itself handles, from its tag and type, or else its role. */
function ownKeys(element: Element): ReadonlySet<ShortcutKey> {
  // isContentEditable where the browser has it; the attribute where it does not.
  if ((element as HTMLElement).isContentEditable === true || element.closest(EDITABLE)) {
    return ALL;
  }
  const role = element.getAttribute("role");
  if (role !== null && Object.prototype.hasOwnProperty.call(ROLE_KEYS, role)) {
    return ROLE_KEYS[role]!;
  }
  const tag = element.tagName.toLowerCase();
  if (tag === "textarea" || tag === "select") return ALL;
  if (tag === "button" || tag === "summary") return SPACE;
  if (tag === "input") {
    const type = (element.getAttribute("type") ?? "text").toLowerCase();
    return Object.prototype.hasOwnProperty.call(INPUT_KEYS, type) ? INPUT_KEYS[type]! : ALL;
  }
  return NONE;
}

/**
 * True when the focused element `target` handles `key` itself, so a page shortcut must leave it
 * alone: Space on a button, checkbox, radio or option; arrows on a slider, a radio group or a
 * list; every key in a text field, a select or editable text. A focused control always gets its
 * own keys; the shortcut acts only where nothing else would.
 */
export function focusUsesKey(target: EventTarget | null, key: ShortcutKey): boolean {
  if (target === null || typeof (target as Element).getAttribute !== "function") return false;
  const element = target as Element;
  // Page Up and Page Down move what the arrows move (a slider by a larger step, a list by a page).
  if (key === "page") return focusUsesKey(target, "arrow");
  if (ownKeys(element).has(key)) return true;
  const composite = element.parentElement?.closest(COMPOSITE_SELECTOR);
  return composite ? ownKeys(composite).has(key) : false;
}

/** Keys that change the whole page, which an embedded view leaves to the page around it. */
const PAGE_KEYS: ReadonlySet<string> = new Set([
  "c",
  "C",
  "p",
  "P",
  "f",
  "F",
  "PageDown",
  "PageUp",
]);

const LETTERS: ReadonlySet<string> = new Set(["r", "R", "c", "C", "p", "P", "f", "F"]);

/** The kind of a shortcut key, or null for keys that are not shortcuts. */
function shortcutKind(key: string): ShortcutKey | null {
  if (key === " " || key === "Spacebar") return "space";
  if (key === "ArrowLeft" || key === "ArrowRight") return "arrow";
  if (LETTERS.has(key)) return "letter";
  if (key === "PageDown" || key === "PageUp") return "page";
  return null;
}

/**
 * Space play/pause, ArrowRight step forward, ArrowLeft step back, R reset, C compare mode on and
 * off, P presenter mode on and off, F the full screen in presenter mode, Page Down and Page Up
 * the next and previous step of the open lesson (C, P, F and the page keys not when `pageKeys`
 * is false, as in an embedded view). Each acts only when
 * the focused element does not use that key itself (see `focusUsesKey`): Space on a focused
 * checkbox toggles it, on a button presses it, arrows on a slider move the slider.
 */
export function useKeyboardShortcuts({ pageKeys = true }: { pageKeys?: boolean } = {}): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.isComposing) return;
      const kind = shortcutKind(event.key);
      if (kind === null || focusUsesKey(event.target, kind)) return;
      if (!pageKeys && PAGE_KEYS.has(event.key)) return;
      const store = useExplorerStore.getState();
      switch (event.key) {
        case "ArrowRight":
          store.stepForward();
          break;
        case "ArrowLeft":
          store.stepBack();
          break;
        case "r":
        case "R":
          store.resetPlayback();
          break;
        case "c":
        case "C":
          if (event.repeat) break;
          if (store.compare === null) store.startCompare();
          else store.stopCompare();
          break;
        case "p":
        case "P":
          if (!event.repeat) togglePresenter();
          break;
        case "PageDown":
        case "PageUp":
          // Outside a lesson the keys scroll as always.
          if (store.lesson === null) return;
          if (event.repeat) break;
          if (event.key === "PageDown") store.nextLessonStep();
          else store.previousLessonStep();
          break;
        case "f":
        case "F":
          // Outside presenter mode F is not a shortcut: the key is left to the browser.
          if (!store.view.presenter) return;
          if (!event.repeat) toggleFullscreen();
          break;
        default:
          if (!event.repeat) store.togglePlay();
      }
      // Space would otherwise scroll the page, arrows scroll it sideways.
      event.preventDefault();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [pageKeys]);
}
