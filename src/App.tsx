import { parseSurface } from "./core/surface.ts";

const DEFAULT_FUNCTION = "x^2 + 3*y^2";

/** Placeholder until the explorer views land: proves the core loads in the page. */
export function App() {
  const surface = parseSurface(DEFAULT_FUNCTION);
  return (
    <main>
      <h1>Descent Lab</h1>
      <p>
        f(x, y) = <code>{surface.normalized}</code>
      </p>
    </main>
  );
}
