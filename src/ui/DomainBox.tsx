import { useExplorerStore } from "../store/index.ts";
import type { Box } from "../core/types.ts";
import { minBoxWidth } from "../core/box.ts";
import { NumberField } from "./RunList.tsx";

const LIMIT = 1e6;

/**
 * The narrowest gap a field leaves to the other edge `edge`: core's minBoxWidth, with a margin
 * so rounding in the subtraction cannot slip a refused box through.
 */
function gapTo(edge: number): number {
  return 1.01 * minBoxWidth(edge, edge);
}

/** The domain shown and sampled; a side is applied only while min < max, as wide as drawable. */
export function DomainBox() {
  const box = useExplorerStore((s) => s.box);
  const setBox = useExplorerStore((s) => s.setBox);
  const dimension = useExplorerStore((s) => s.surface.dimension);
  const field = (key: keyof Box, label: string, min: number, max: number) => (
    <NumberField
      key={key}
      label={label}
      value={box[key]}
      min={min}
      max={max}
      hint={key.endsWith("min") ? `below ${formatBound(max)}` : `above ${formatBound(min)}`}
      onCommit={(value) => setBox({ ...box, [key]: value })}
    />
  );
  return (
    <section className="panel" aria-labelledby="box-heading">
      <h2 id="box-heading">Domain</h2>
      <div className="field-row">
        {field("xmin", "x min", -LIMIT, box.xmax - gapTo(box.xmax))}
        {field("xmax", "x max", box.xmin + gapTo(box.xmin), LIMIT)}
      </div>
      {dimension === 2 && (
        <div className="field-row">
          {field("ymin", "y min", -LIMIT, box.ymax - gapTo(box.ymax))}
          {field("ymax", "y max", box.ymin + gapTo(box.ymin), LIMIT)}
        </div>
      )}
    </section>
  );
}

function formatBound(value: number): string {
  return String(Number(value.toPrecision(6)));
}
