/** A link that loads the current page again (after a conflict: "someone changed this meanwhile"). */
import { useLocation } from "@remix-run/react";
import type { ReactNode } from "react";

export function ReloadLink({ children }: { children: ReactNode }) {
  const { pathname, search } = useLocation();
  return (
    <a className="ds-link" href={pathname + search}>
      {children}
    </a>
  );
}
