import type { KeyIn } from "~/i18n";
import type { Role } from "~/models/actor";

export interface NavItem {
  to: string;
  key: KeyIn<"common">;
}

/** Every signed-in user's own page (issue 14), first in their navigation. */
const MY_PAGE: NavItem = { to: "/mi-side", key: "nav.myPage" };

/**
 * The main navigation for a role (anonymous when role is null). `assessment`: the user is SSU
 * leader or deputy (app/models/access.ts) and reaches the inbox's cases under assessment.
 */
export function navigationFor(role: Role | null, opts: { assessment?: boolean } = {}): NavItem[] {
  const publicItems: NavItem[] = [
    { to: "/saker/ny", key: "nav.submitCase" },
    { to: "/saker", key: "nav.cases" },
    { to: "/dashbord", key: "nav.dashboard" },
    { to: "/kunnskap", key: "nav.knowledge" },
    { to: "/sok", key: "nav.search" },
  ];
  switch (role) {
    case "secretariat":
      return [
        MY_PAGE,
        { to: "/sekretariat", key: "nav.inbox" },
        { to: "/saker", key: "nav.cases" },
        { to: "/utval", key: "nav.bodies" },
        { to: "/handlingsplanar", key: "nav.plans" },
        { to: "/sjekkliste", key: "nav.rounds" },
        { to: "/admin/utval", key: "nav.adminBodies" },
        { to: "/dashbord", key: "nav.dashboard" },
        { to: "/kunnskap", key: "nav.knowledge" },
      ];
    case "committee_member":
      return [
        MY_PAGE,
        ...(opts.assessment ? [{ to: "/sekretariat", key: "nav.inbox" } satisfies NavItem] : []),
        { to: "/utval", key: "nav.bodies" },
        { to: "/saker", key: "nav.cases" },
        { to: "/handlingsplanar", key: "nav.plans" },
        { to: "/dashbord", key: "nav.dashboard" },
        { to: "/kunnskap", key: "nav.knowledge" },
      ];
    case "reporter":
      return [
        MY_PAGE,
        { to: "/sjekkliste", key: "nav.checklist" },
        { to: "/dashbord", key: "nav.dashboard" },
        { to: "/handlingsplanar", key: "nav.plans" },
        { to: "/saker", key: "nav.cases" },
        { to: "/kunnskap", key: "nav.knowledge" },
      ];
    case "admin":
      return [
        MY_PAGE,
        { to: "/admin", key: "nav.admin" },
        { to: "/admin/utval", key: "nav.adminBodies" },
        { to: "/admin/e-post", key: "nav.mail" },
        { to: "/saker", key: "nav.cases" },
        { to: "/dashbord", key: "nav.dashboard" },
      ];
    default:
      return publicItems;
  }
}
