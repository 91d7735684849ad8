/**
 * A picture of views for a handout or a slide: the formula above, the views as laid out on
 * screen, and a legend naming each run by its line (colour, pattern and marker shape, as the
 * loss curve draws it), its settings and its outcome, so the picture explains itself away from
 * the page. At 1× one picture pixel per CSS pixel; at 2× the views draw themselves again at
 * twice the pixels while the picture is taken (text is drawn as text, so it stays sharp).
 */
import { lineDash } from "../linePatterns.ts";
import { markerShape, traceShape } from "../markerShapes.ts";
import { paintParts, type PaintPart } from "./paintPage.ts";
import { pictureScale, setPictureScale } from "./pixelRatio.ts";

/** One run in the picture's legend. */
export interface LegendEntry {
  /** "Run 1", or a variant's name. */
  label: string;
  /** Its settings: "Gradient descent · lr 0.1". */
  detail: string;
  /** Its outcome: "converged, 57 steps". */
  status: string;
  color: string;
  /** Its place in the loss curve's order, which picks its line pattern and marker shape. */
  index: number;
}

export interface PictureRequest {
  /** The views to show, laid out in the picture as they are on screen. */
  views: readonly Element[];
  /** The typeset formula, drawn above the views. */
  formula: Element | null;
  legend: readonly LegendEntry[];
  /** Picture pixels per CSS pixel: 1 or 2. */
  scale: number;
}

const PAD = 12;
const GAP = 10;
const LEGEND_FONT = "14px system-ui, sans-serif";
const LEGEND_BOLD = "600 14px system-ui, sans-serif";
const LEGEND_ROW = 24;
const SAMPLE_WIDTH = 40;
const ITEM_GAP = 22;

interface PlacedEntry {
  entry: LegendEntry;
  x: number;
  y: number;
}

/** The legend's entries placed in rows no wider than `width`, and its height. */
function layoutLegend(
  context: CanvasRenderingContext2D,
  legend: readonly LegendEntry[],
  width: number,
): { placed: PlacedEntry[]; height: number } {
  const placed: PlacedEntry[] = [];
  let [x, y] = [0, 0];
  for (const entry of legend) {
    const itemWidth = SAMPLE_WIDTH + 8 + entryTextWidth(context, entry);
    if (x > 0 && x + itemWidth > width) [x, y] = [0, y + LEGEND_ROW];
    placed.push({ entry, x, y });
    x += itemWidth + ITEM_GAP;
  }
  return { placed, height: legend.length === 0 ? 0 : y + LEGEND_ROW };
}

function entryText(entry: LegendEntry): [string, string] {
  return [entry.label, ` ${entry.detail} · ${entry.status}`];
}

function entryTextWidth(context: CanvasRenderingContext2D, entry: LegendEntry): number {
  const [label, rest] = entryText(entry);
  context.font = LEGEND_BOLD;
  const first = context.measureText(label).width;
  context.font = LEGEND_FONT;
  return first + context.measureText(rest).width;
}

function drawEntry(context: CanvasRenderingContext2D, { entry, x, y }: PlacedEntry): void {
  const mid = y + LEGEND_ROW / 2;
  context.save();
  context.strokeStyle = entry.color;
  context.lineWidth = 3;
  context.setLineDash(lineDash(entry.index, 3));
  context.beginPath();
  context.moveTo(x, mid);
  context.lineTo(x + SAMPLE_WIDTH, mid);
  context.stroke();
  context.setLineDash([]);
  context.beginPath();
  traceShape(context, markerShape(entry.index), x + SAMPLE_WIDTH / 2, mid, 5.5);
  context.fillStyle = entry.color;
  context.fill();
  context.strokeStyle = "#222222";
  context.lineWidth = 1;
  context.stroke();
  context.restore();
  const [label, rest] = entryText(entry);
  context.textBaseline = "middle";
  context.fillStyle = entry.color;
  context.font = LEGEND_BOLD;
  const textX = x + SAMPLE_WIDTH + 8;
  context.fillText(label, textX, mid);
  const labelWidth = context.measureText(label).width;
  context.fillStyle = "#222222";
  context.font = LEGEND_FONT;
  context.fillText(rest, textX + labelWidth, mid);
}

/** The union of the elements' boxes on screen. */
function bounds(elements: readonly Element[]): DOMRect {
  const rects = elements.map((element) => element.getBoundingClientRect());
  const left = Math.min(...rects.map((r) => r.left));
  const top = Math.min(...rects.map((r) => r.top));
  const right = Math.max(...rects.map((r) => r.right));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  return new DOMRect(left, top, right - left, bottom - top);
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * Waits until every canvas under `elements` has been resized to `scale` pixels per CSS pixel
 * (at most about half a second: a canvas that keeps its size is drawn scaled, not waited for).
 */
async function canvasesAtScale(elements: readonly Element[], scale: number): Promise<void> {
  for (let frame = 0; frame < 30; frame++) {
    await nextFrame();
    const canvases = elements.flatMap((element) => [...element.querySelectorAll("canvas")]);
    const ready = canvases.every(
      (canvas) => canvas.clientWidth === 0 || canvas.width >= canvas.clientWidth * scale - 1,
    );
    if (ready && frame >= 1) return;
  }
}

/**
 * Paints the picture the request describes into a new canvas. At a scale above the views' own
 * it has them draw at that scale first, and gives them theirs back afterwards.
 */
export async function takePicture(request: PictureRequest): Promise<HTMLCanvasElement> {
  const { views, formula, legend, scale } = request;
  const before = pictureScale();
  try {
    if (scale !== before) {
      setPictureScale(scale);
      await canvasesAtScale(views, scale);
    }
    return await paintPicture(views, formula, legend, scale);
  } finally {
    setPictureScale(before);
  }
}

async function paintPicture(
  views: readonly Element[],
  formula: Element | null,
  legend: readonly LegendEntry[],
  scale: number,
): Promise<HTMLCanvasElement> {
  const area = bounds(views);
  const formulaBox = formula?.getBoundingClientRect() ?? null;
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw a picture (no 2D canvas).");
  const innerWidth = Math.ceil(Math.max(area.width, formulaBox?.width ?? 0));
  const width = innerWidth + 2 * PAD;
  // The legend is measured first: its rows decide the picture's height.
  const { placed, height: legendHeight } = layoutLegend(context, legend, innerWidth);
  const formulaHeight = formulaBox ? Math.ceil(formulaBox.height) + GAP : 0;
  const viewsTop = PAD + formulaHeight;
  const legendTop = viewsTop + Math.ceil(area.height) + (legendHeight > 0 ? GAP : 0);
  const height = legendTop + legendHeight + PAD;

  // Sizing the canvas resets its context's state, so the scale is set after.
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  context.scale(scale, scale);
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  const parts: PaintPart[] = views.map((element) => {
    const rect = element.getBoundingClientRect();
    return { element, x: PAD + rect.left - area.left, y: viewsTop + rect.top - area.top };
  });
  if (formula) parts.push({ element: formula, x: PAD, y: PAD });
  await paintParts(context, parts, scale);
  context.save();
  context.translate(PAD, legendTop);
  for (const entry of placed) drawEntry(context, entry);
  context.restore();
  return canvas;
}
