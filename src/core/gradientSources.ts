/**
 * Where a run's gradient comes from: the one table of sources, with the labels every layer
 * (run list, step panel, command line) shows for them.
 */

/** The sources in the order they are offered: exact first, then the recommended difference. */
export const gradientSourceKeys = ["analytic", "central", "forward", "backward"] as const;

/** How the gradient of a run is obtained. */
export type GradientSource = (typeof gradientSourceKeys)[number];

/** Each source's label and formula (h is the finite-difference step). */
export const gradientSources: Readonly<Record<GradientSource, { label: string; formula: string }>> =
  {
    analytic: { label: "exact (symbolic)", formula: "∂f/∂x by the chain rule" },
    central: { label: "central difference", formula: "(f(x+h) − f(x−h)) / 2h" },
    forward: { label: "forward difference", formula: "(f(x+h) − f(x)) / h" },
    backward: { label: "backward difference", formula: "(f(x) − f(x−h)) / h" },
  };

/** True for one of the source names above. */
export function isGradientSource(name: string): name is GradientSource {
  return (gradientSourceKeys as readonly string[]).includes(name);
}
