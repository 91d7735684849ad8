/**
 * Paints parts of the page into a 2D canvas, as they are on screen: the views' canvases (the
 * WebGL ones drawn afresh first, so their pixels can be read), their DOM text (tick labels, axis
 * names, notes, the typeset formula) in the page's own fonts, the boxes and borders behind it,
 * and small inline SVGs (line samples, marker swatches, KaTeX's radicals).
 *
 * It draws what the views are made of, not a general web page: no CSS transforms beyond the
 * translations the labels use (their boxes are read as laid out), no shadows, gradients or
 * images from other origins. Text is drawn word by word at the place the browser laid each word
 * out, so wrapped lines and the formula's positioned pieces land where they are on screen.
 */
import { advance } from "@react-three/fiber";

/** A part of the page to paint, and where its top-left corner goes in the picture (CSS px). */
export interface PaintPart {
  element: Element;
  x: number;
  y: number;
}

type Op =
  | { kind: "fill"; x: number; y: number; w: number; h: number; r: number; color: string }
  | { kind: "image"; x: number; y: number; w: number; h: number; source: Promise<ImageSource> }
  | { kind: "text"; x: number; y: number; text: string; font: string; color: string }
  | { kind: "clip"; x: number; y: number; w: number; h: number }
  | { kind: "restore" };

type ImageSource = HTMLCanvasElement | HTMLImageElement | null;

/**
 * Draws every three.js canvas on the page now, and copies each canvas under the parts into a 2D
 * canvas in the same task: a WebGL canvas's pixels can be read only before the browser shows
 * them, and the copies keep them for the painting, which waits for SVG images.
 */
function snapshotCanvases(parts: readonly PaintPart[]): Map<HTMLCanvasElement, HTMLCanvasElement> {
  advance(performance.now(), true);
  const copies = new Map<HTMLCanvasElement, HTMLCanvasElement>();
  for (const { element } of parts) {
    const canvases =
      element instanceof HTMLCanvasElement ? [element] : [...element.querySelectorAll("canvas")];
    for (const canvas of canvases) {
      if (canvas.width === 0 || canvas.height === 0) continue;
      const copy = document.createElement("canvas");
      copy.width = canvas.width;
      copy.height = canvas.height;
      copy.getContext("2d")?.drawImage(canvas, 0, 0);
      copies.set(canvas, copy);
    }
  }
  return copies;
}

/** Whether a computed colour paints anything. */
function visibleColor(color: string): boolean {
  if (!color || color === "transparent") return false;
  const alpha = /rgba?\([^)]*,\s*([\d.]+)\s*\)/.exec(color);
  return !alpha || Number(alpha[1]) > 0;
}

function fontOf(style: CSSStyleDeclaration): string {
  return `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
}

function transformText(text: string, transform: string): string {
  if (transform === "uppercase") return text.toUpperCase();
  if (transform === "lowercase") return text.toLowerCase();
  return text;
}

/** An inline SVG as an image, its `currentColor` the element's colour. */
async function svgImage(svg: SVGSVGElement, width: number, height: number): Promise<ImageSource> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  copy.style.color = getComputedStyle(svg).color;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(
    new XMLSerializer().serializeToString(copy),
  )}`;
  try {
    await image.decode();
    return image;
  } catch {
    // An SVG the browser will not draw as an image is left out rather than failing the picture.
    return null;
  }
}

/**
 * Where a canvas goes in the picture: a canvas with one pixel per picture pixel (its size on
 * screen rounded to whole pixels, as the screen shows it) is put on whole picture pixels at its
 * own size, so its pixels are copied, not resampled; any other is scaled into its box.
 */
function canvasPlace(
  canvas: HTMLCanvasElement,
  x: number,
  y: number,
  w: number,
  h: number,
  scale: number,
) {
  const exact = Math.abs(canvas.width - w * scale) <= 1 && Math.abs(canvas.height - h * scale) <= 1;
  if (!exact) return { x, y, w, h };
  return {
    x: Math.round(x * scale) / scale,
    y: Math.round(y * scale) / scale,
    w: canvas.width / scale,
    h: canvas.height / scale,
  };
}

/** The drawing operations for one element and its descendants, in painting order. */
function collect(
  element: Element,
  dx: number,
  dy: number,
  scale: number,
  copies: ReadonlyMap<HTMLCanvasElement, HTMLCanvasElement>,
  ops: Op[],
): void {
  if (element instanceof HTMLElement && element.hidden) return;
  const style = getComputedStyle(element);
  if (style.display === "none" || style.visibility === "hidden" || Number(style.opacity) === 0) {
    return;
  }
  const rect = element.getBoundingClientRect();
  const [x, y, w, h] = [rect.left + dx, rect.top + dy, rect.width, rect.height];
  if (visibleColor(style.backgroundColor) && w > 0 && h > 0) {
    const r = Math.min(parseFloat(style.borderTopLeftRadius) || 0, w / 2, h / 2);
    ops.push({ kind: "fill", x, y, w, h, r, color: style.backgroundColor });
  }
  const sides = [
    ["Top", x, y, w, 0],
    ["Bottom", x, y + h, w, 0],
    ["Left", x, y, 0, h],
    ["Right", x + w, y, 0, h],
  ] as const;
  for (const [side, sx, sy, sw, sh] of sides) {
    const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) || 0;
    const color = style.getPropertyValue(`border-${side.toLowerCase()}-color`);
    const kind = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
    if (width <= 0 || kind === "none" || kind === "hidden" || !visibleColor(color)) continue;
    // Each border lies inside the box, along its side.
    const bx = side === "Right" ? sx - width : sx;
    const by = side === "Bottom" ? sy - width : sy;
    ops.push({
      kind: "fill",
      x: bx,
      y: by,
      w: sw || width,
      h: sh || width,
      r: 0,
      color,
    });
  }
  if (element instanceof HTMLCanvasElement) {
    const copy = copies.get(element) ?? element;
    ops.push({
      kind: "image",
      ...canvasPlace(element, x, y, w, h, scale),
      source: Promise.resolve(copy),
    });
    return;
  }
  if (element instanceof SVGSVGElement) {
    if (w > 0 && h > 0) ops.push({ kind: "image", x, y, w, h, source: svgImage(element, w, h) });
    return;
  }
  if (element instanceof HTMLImageElement) {
    if (element.complete) ops.push({ kind: "image", x, y, w, h, source: Promise.resolve(element) });
    return;
  }
  const clips = style.overflowX !== "visible" || style.overflowY !== "visible";
  if (clips) ops.push({ kind: "clip", x, y, w, h });
  for (const child of element.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) collectText(child as Text, style, dx, dy, ops);
    else if (child instanceof Element) collect(child, dx, dy, scale, copies, ops);
  }
  if (clips) ops.push({ kind: "restore" });
}

/** A text node's words, each where the browser laid it out. */
function collectText(node: Text, style: CSSStyleDeclaration, dx: number, dy: number, ops: Op[]) {
  const text = node.data;
  if (!/\S/.test(text)) return;
  const font = fontOf(style);
  const range = document.createRange();
  for (const match of text.matchAll(/\S+/g)) {
    range.setStart(node, match.index);
    range.setEnd(node, match.index + match[0].length);
    const boxes = range.getClientRects();
    const box = boxes[0];
    if (!box || box.width === 0) continue;
    // A word broken across lines (an unbreakable run wrapped anywhere) is drawn on its first.
    ops.push({
      kind: "text",
      x: box.left + dx,
      y: box.top + dy + box.height / 2,
      text: transformText(match[0], style.textTransform),
      font,
      color: style.color,
    });
  }
}

/**
 * Paints `parts` into `context` (whose units are CSS pixels, `scale` picture pixels each), each
 * element's top-left corner at its part's place. The WebGL views are drawn afresh first;
 * resolves once every piece is drawn.
 */
export async function paintParts(
  context: CanvasRenderingContext2D,
  parts: readonly PaintPart[],
  scale: number,
): Promise<void> {
  const copies = snapshotCanvases(parts);
  const ops: Op[] = [];
  for (const part of parts) {
    const rect = part.element.getBoundingClientRect();
    collect(part.element, part.x - rect.left, part.y - rect.top, scale, copies, ops);
  }
  // Images decode asynchronously; drawing waits for all of them so the order holds.
  const images = await Promise.all(ops.map((op) => (op.kind === "image" ? op.source : null)));
  context.textBaseline = "middle";
  ops.forEach((op, index) => {
    switch (op.kind) {
      case "fill":
        context.fillStyle = op.color;
        context.beginPath();
        context.roundRect(op.x, op.y, op.w, op.h, op.r);
        context.fill();
        break;
      case "image": {
        const image = images[index];
        if (image) context.drawImage(image, op.x, op.y, op.w, op.h);
        break;
      }
      case "text":
        context.font = op.font;
        context.fillStyle = op.color;
        context.fillText(op.text, op.x, op.y);
        break;
      case "clip":
        context.save();
        context.beginPath();
        context.rect(op.x, op.y, op.w, op.h);
        context.clip();
        break;
      case "restore":
        context.restore();
        break;
    }
  });
}
