/**
 * What the picture and movie panels share: a header button opening a panel named as the button,
 * with a status line at its foot; the view to show; and a choice among a few options
 * (resolution, format) as a named group of radio buttons.
 */
import { useState, type ReactNode } from "react";
import { useExplorerStore } from "../store/index.ts";
import { PICTURE_VIEW_NAMES, pictureViews, type PictureView } from "./pictureParts.ts";
import { usePopover } from "./usePopover.ts";

/** What a picture or movie panel says when asked for one before the views have loaded. */
export const LOADING_NOTE = "The views are still loading: try again in a moment.";

/** The view chosen in a picture panel, kept to what the page offers now. */
export function usePictureView(): [PictureView, PictureView[], (view: PictureView) => void] {
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const comparing = useExplorerStore((s) => s.compare !== null);
  const [chosen, setChosen] = useState<PictureView>("all");
  const views = pictureViews(dimension, comparing);
  return [views.includes(chosen) ? chosen : "all", views, setChosen];
}

/** The "View" select of the picture and recording panels. */
export function PictureViewField({
  view,
  views,
  onChange,
  disabled = false,
}: {
  view: PictureView;
  views: readonly PictureView[];
  onChange: (view: PictureView) => void;
  disabled?: boolean;
}) {
  return (
    <label className="picture-field">
      View
      <select
        value={view}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as PictureView)}
      >
        {views.map((name) => (
          <option key={name} value={name}>
            {PICTURE_VIEW_NAMES[name]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A named group of radio buttons choosing one of `choices` ([value, label] pairs). */
export function ChoiceField<T extends string | number>({
  legend,
  name,
  choices,
  value,
  onChange,
  disabled = false,
}: {
  legend: string;
  name: string;
  choices: readonly (readonly [T, string])[];
  value: T;
  onChange: (value: T) => void;
  disabled?: boolean;
}) {
  return (
    <fieldset className="picture-choice">
      <legend>{legend}</legend>
      {choices.map(([choice, label]) => (
        <label key={String(choice)}>
          <input
            type="radio"
            name={name}
            checked={value === choice}
            disabled={disabled}
            onChange={() => onChange(choice)}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * A header button named `label` and the panel (a group of that name) it opens, with
 * `children` and then the `status` line. Escape in the panel closes it.
 */
export function PicturePanel({
  label,
  title,
  className,
  status,
  children,
}: {
  label: string;
  title: string;
  className: string;
  status: string;
  children: ReactNode;
}) {
  const { open, toggleProps, panelProps } = usePopover();
  return (
    <div className={className}>
      <button {...toggleProps} title={title}>
        {label}
      </button>
      {open && (
        <div {...panelProps} className="picture-panel" aria-label={label}>
          {children}
          <p role="status" className="picture-status">
            {status}
          </p>
        </div>
      )}
    </div>
  );
}
