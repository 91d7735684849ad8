import { useEffect, useRef } from "react";
import katex from "katex";
import "katex/dist/katex.min.css";
import { useExplorerStore } from "../store/index.ts";
import { isDataSurface } from "../core/data/miniBatch.ts";

/** One TeX formula, typeset by KaTeX into its own element (never from typed text directly). */
function Tex({ tex, label }: { tex: string; label: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    katex.render(tex, ref.current, { throwOnError: false, displayMode: false, output: "html" });
  }, [tex]);
  return <span ref={ref} className="tex" aria-label={label} role="math" />;
}

/**
 * f and its gradient as typeset formulas, from the Surface's TeX (the last valid one). The
 * gradient's brackets are fixed-size (\bigl, \bigr) rather than \left, \right, which would make
 * it one unbreakable box: this way a long gradient can break after an operator or its comma.
 */
export function Formula() {
  const surface = useExplorerStore((s) => s.surface);
  const { tex } = surface;
  if (surface.dimension === 1) {
    return (
      <div className="formula">
        <Tex tex={`f(x) = ${tex.f}`} label={`f(x) = ${surface.normalized}`} />
        <Tex tex={`f'(x) = ${tex.dfdx}`} label={`f prime of x = ${surface.derivativeText.dfdx}`} />
      </div>
    );
  }
  if (isDataSurface(surface)) {
    // A loss over data: L of the model's parameters, as the landscape's axes are named.
    const [p1, p2] = surface.model.params;
    return (
      <div className="formula">
        <Tex
          tex={`L(${p1.tex}, ${p2.tex}) = ${tex.f}`}
          label={`L(${p1.label}, ${p2.label}) = ${surface.formula}`}
        />
        <Tex
          tex={`F(x) = ${surface.model.formulaTex}`}
          label={`F(x) = ${surface.model.formula}; type a function in f to leave the data`}
        />
      </div>
    );
  }
  return (
    <div className="formula">
      <Tex tex={`f(x, y) = ${tex.f}`} label={`f(x, y) = ${surface.normalized}`} />
      <Tex
        tex={`\\nabla f = \\bigl(${tex.dfdx},\\allowbreak\\; ${tex.dfdy}\\bigr)`}
        label={`gradient of f = (${surface.derivativeText.dfdx}, ${surface.derivativeText.dfdy})`}
      />
    </div>
  );
}
