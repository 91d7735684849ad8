import { useEffect } from "react";
import { useExplorerStore } from "../store/index.ts";

/** True when a key press belongs to the focused control: typing, choosing, sliding. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  }
  return false;
}

/** Buttons and checkboxes react to Space themselves; the shortcut takes it over on them. */
function activatesOnSpace(target: EventTarget | null): boolean {
  return target instanceof HTMLButtonElement || target instanceof HTMLInputElement;
}

/**
 * Space play/pause, ArrowRight step forward, ArrowLeft step back, R reset; ignored while focus
 * is in a text field, a select or a slider, where those keys already mean something.
 */
export function useKeyboardShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (ownsKeys(event.target)) return;
      const store = useExplorerStore.getState();
      switch (event.key) {
        case " ":
        case "Spacebar":
          if (event.repeat) break;
          store.togglePlay();
          break;
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
        default:
          return;
      }
      event.preventDefault();
    };
    // Without this, Space released on a focused button would also click it.
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === " " && activatesOnSpace(event.target) && !ownsKeys(event.target)) {
        event.preventDefault();
      }
    };
    window.addEventListener("keydown", onKeyDown);
    window.addEventListener("keyup", onKeyUp);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      window.removeEventListener("keyup", onKeyUp);
    };
  }, []);
}
