/**
 * What a picture or a recording shows: which views the page offers for it, where they are on the
 * page, the formula above them and the legend below, from the store as it is now.
 */
import { variantTitle } from "../core/compare/settings.ts";
import { briefRunStatus, describeRun } from "../core/runStatus.ts";
import { runSummary } from "../core/runSummary.ts";
import { compareGroup, type ExplorerState } from "../store/index.ts";
import type { LegendEntry, PictureRequest } from "../views/picture/picture.ts";
import { presentedRuns } from "../views/presentation.ts";
import { VIEW_LABELS } from "./viewTitles.ts";

/** "all" is every view on the page, as laid out; the others are one view's region. */
export type PictureView = "all" | keyof typeof VIEW_LABELS;

/** Each choice's name, which for a single view is its region's name on the page. */
export const PICTURE_VIEW_NAMES: Record<PictureView, string> = {
  all: "All views",
  ...VIEW_LABELS,
};

/** The choices the page offers now: all views, then each view it shows. */
export function pictureViews(dimension: 1 | 2, comparing: boolean): PictureView[] {
  if (dimension === 1) return ["all", "curve", "loss"];
  return comparing
    ? ["all", "surface", "variants", "loss", "sweep"]
    : ["all", "contour", "surface", "loss"];
}

/** The regions of the page a choice shows (empty while the views are still loading). */
export function viewElements(view: PictureView): Element[] {
  const regions = [...document.querySelectorAll("main.views > section[role='region']")];
  const labels: readonly string[] = Object.values(VIEW_LABELS);
  const named = regions.filter((region) =>
    labels.includes(region.getAttribute("aria-label") ?? ""),
  );
  if (view === "all") return named;
  return named.filter((region) => region.getAttribute("aria-label") === PICTURE_VIEW_NAMES[view]);
}

/** The typeset f shown at the top of the page. */
export function formulaElement(): Element | null {
  return document.querySelector(".formula .tex");
}

/**
 * The runs the views draw, as the legend names them: in compare mode the variants by what
 * differs, else every run; in presenter mode in its colours, as the views draw them.
 */
export function legendEntries(state: ExplorerState): LegendEntry[] {
  const comparing = state.compare;
  const runs = presentedRuns(comparing ? compareGroup(state) : state.runs, state.view.presenter);
  return runs.map((run, index) => {
    const described =
      run.error !== null
        ? null
        : describeRun(run.result, { optimizer: run.optimizer, surfaceText: state.surface.text });
    return {
      label: comparing ? variantTitle(run, comparing.by) : run.label,
      detail: runSummary(run),
      status: briefRunStatus(described, run.result.steps),
      color: run.color,
      index,
    };
  });
}

/** A file name for the view: `<scenario>-<view>`. */
export function pictureFileStem(state: ExplorerState, view: PictureView): string {
  const name = PICTURE_VIEW_NAMES[view].toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return `${state.scenarioId ?? "descent"}-${name}`;
}

/**
 * What to paint for `view` as the page is now: its regions, the formula and the legend; null
 * while the views are still loading.
 */
export function pictureRequest(
  state: ExplorerState,
  view: PictureView,
  scale: number,
): PictureRequest | null {
  const views = viewElements(view);
  if (views.length === 0) return null;
  return { views, formula: formulaElement(), legend: legendEntries(state), scale };
}
