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

/** A heading and the text under it with its line breaks kept (handling, decision, a justification). */
export function LabelledText({ heading, text, level = 4, size = "xs" }: { heading: ReactNode; text: ReactNode; level?: 3 | 4; size?: "xs" | "2xs" }) {
  const H = level === 3 ? "h3" : "h4";
  return (
    <>
      <H className="ds-heading" data-size={size}>
        {heading}
      </H>
      <p className="ds-paragraph preserve-lines">{text}</p>
    </>
  );
}
