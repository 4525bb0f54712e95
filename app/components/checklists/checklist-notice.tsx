/** The checklist page's state line: submitted, round closed, read-only, or the instructions. */
import type { ChecklistStatus, RoundStatus } from "~/models/checklists.server";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";

export function ChecklistNotice(props: { status: ChecklistStatus; roundStatus: RoundStatus; editable: boolean; submittedAt: string | null }) {
  const { t } = useTranslation("plans");
  if (props.status === "submitted") {
    return (
      <div className="ds-alert" data-color="success">
        <p className="ds-paragraph">{t("checklist.submittedNotice", { date: props.submittedAt?.slice(0, 10) ?? "" })}</p>
      </div>
    );
  }
  if (props.roundStatus === "closed" || !props.editable) {
    return (
      <div className="ds-alert" data-color="info">
        <p className="ds-paragraph">{t(props.roundStatus === "closed" ? "checklist.roundClosed" : "checklist.readOnly")}</p>
      </div>
    );
  }
  return <p className="ds-paragraph">{t("checklist.intro")}</p>;
}
