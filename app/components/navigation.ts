import type { KeyIn } from "~/i18n";
import type { Role } from "~/models/actor";

export interface NavItem {
  to: string;
  key: KeyIn<"common">;
}

/** The main navigation for a role (anonymous when role is null). */
export function navigationFor(role: Role | null): NavItem[] {
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
        { to: "/sekretariat", key: "nav.inbox" },
        { to: "/saker", key: "nav.cases" },
        { to: "/utval", key: "nav.bodies" },
        { to: "/handlingsplanar", key: "nav.plans" },
        { to: "/sjekkliste", key: "nav.rounds" },
        { to: "/dashbord", key: "nav.dashboard" },
        { to: "/kunnskap", key: "nav.knowledge" },
      ];
    case "committee_member":
      return [
        { to: "/utval", key: "nav.bodies" },
        { to: "/saker", key: "nav.cases" },
        { to: "/handlingsplanar", key: "nav.plans" },
        { to: "/dashbord", key: "nav.dashboard" },
        { to: "/kunnskap", key: "nav.knowledge" },
      ];
    case "reporter":
      return [
        { to: "/sjekkliste", key: "nav.checklist" },
        { to: "/dashbord", key: "nav.dashboard" },
        { to: "/handlingsplanar", key: "nav.plans" },
        { to: "/saker", key: "nav.cases" },
        { to: "/kunnskap", key: "nav.knowledge" },
      ];
    case "admin":
      return [
        { to: "/admin", key: "nav.admin" },
        { to: "/admin/e-post", key: "nav.mail" },
        { to: "/saker", key: "nav.cases" },
        { to: "/dashbord", key: "nav.dashboard" },
      ];
    default:
      return publicItems;
  }
}
