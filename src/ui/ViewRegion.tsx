import type { ReactNode } from "react";

/** A view's panel: a region named `label` with its title above the view, as every view shows. */
export function ViewRegion({
  label,
  title,
  className,
  children,
}: {
  label: string;
  title: ReactNode;
  className: string;
  children: ReactNode;
}) {
  return (
    <section role="region" aria-label={label} className={`view ${className}`}>
      <h2 className="view-title">{title}</h2>
      <div className="view-body">{children}</div>
    </section>
  );
}
