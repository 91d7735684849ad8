import { useId, useRef, useState, type KeyboardEvent } from "react";

/**
 * A header button that opens a panel over the page ("Embed", "Lessons"): the button says whether
 * the panel is open and which it is, and Escape in the panel closes it and puts focus back on the
 * button. Spread `toggleProps` on the button and `panelProps` on the panel.
 */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  return {
    open,
    close,
    toggleProps: {
      ref: toggle,
      type: "button" as const,
      "aria-expanded": open,
      "aria-controls": panelId,
      onClick: () => setOpen((was) => !was),
    },
    panelProps: {
      id: panelId,
      role: "group",
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        event.stopPropagation();
        close();
      },
    },
  };
}
