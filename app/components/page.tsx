import type { ReactNode } from "react";

/** The page's one h1; the document title follows it through `meta`. */
export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <h1 className="ds-heading page-title" data-size="lg">
      {children}
    </h1>
  );
}

export function Section({ title, children, level = 2 }: { title: ReactNode; children: ReactNode; level?: 2 | 3 }) {
  const H = level === 2 ? "h2" : "h3";
  return (
    <section className="page-section">
      <H className="ds-heading" data-size={level === 2 ? "md" : "sm"}>
        {title}
      </H>
      {children}
    </section>
  );
}
