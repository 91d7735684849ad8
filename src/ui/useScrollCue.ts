import { useEffect, type RefObject } from "react";

/**
 * Shows `cue` while the scrolling `box` has content below what it shows, and hides it once the
 * end is in view. Where scrollbars are hidden until used (overlay scrollbars), a box cut off
 * with nothing on screen saying so looks complete; the cue says so. Kept current on scrolling,
 * on resizing the box and on content that grows or shrinks (every child box is watched), and
 * written straight to the element's `hidden`, so content rewritten per playback frame costs no
 * render.
 */
export function useScrollCue(
  box: RefObject<HTMLElement | null>,
  cue: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const element = box.current;
    const marker = cue.current;
    if (!element || !marker) return;
    const update = () => {
      // One pixel of slack: fractional layout sizes leave a sub-pixel "rest" at the end.
      const hidden = element.scrollTop + element.clientHeight >= element.scrollHeight - 1;
      if (marker.hidden !== hidden) marker.toggleAttribute("hidden", hidden);
    };
    update();
    element.addEventListener("scroll", update, { passive: true });
    if (typeof ResizeObserver === "undefined") {
      return () => element.removeEventListener("scroll", update);
    }
    const observer = new ResizeObserver(update);
    observer.observe(element);
    for (const child of Array.from(element.children)) {
      if (child !== marker) observer.observe(child);
    }
    return () => {
      element.removeEventListener("scroll", update);
      observer.disconnect();
    };
  }, [box, cue]);
}
