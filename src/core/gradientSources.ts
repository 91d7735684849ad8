/**
 * Where a run's gradient comes from: the one table of sources, with the labels every layer
 * (run list, step panel, command line) shows for them.
 */

/** The sources in the order they are offered: exact first, then the recommended difference. */
export const gradientSourceKeys = ["analytic", "central", "forward", "backward"] as const;

/** How the gradient of a run is obtained. */
export type GradientSource = (typeof gradientSourceKeys)[number];

/**
 * Each source's label, its short name (for tight places such as the step panel's terms) and
 * formula (h is the finite-difference step).
 */
export const gradientSources: Readonly<
  Record<GradientSource, { label: string; short: string; formula: string }>
> = {
  analytic: { label: "exact (symbolic)", short: "exact", formula: "∂f/∂x by the chain rule" },
  central: { label: "central difference", short: "central", formula: "(f(x+h) − f(x−h)) / 2h" },
  forward: { label: "forward difference", short: "forward", formula: "(f(x+h) − f(x)) / h" },
  backward: { label: "backward difference", short: "backward", formula: "(f(x) − f(x−h)) / h" },
};

/** True for one of the source names above. */
export function isGradientSource(name: string): name is GradientSource {
  return (gradientSourceKeys as readonly string[]).includes(name);
}
