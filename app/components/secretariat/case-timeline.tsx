/** The case's history from the audit trail: who did what, when. */
import { Section } from "~/components/page";
import { useFormatters } from "~/components/secretariat";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import type { CasePageData } from "./case-page";
import "~/i18n/cases-secretariat";

export function CaseTimeline({ timeline }: { timeline: CasePageData["timeline"] }) {
  const { t } = useTranslation("cases-secretariat");
  const f = useFormatters();
  return (
    <Section title={t("casePage.timeline")}>
      <div className="table-wrap">
        <table className="ds-table">
          <caption>{t("casePage.timelineCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("casePage.when")}</th>
              <th scope="col">{t("casePage.who")}</th>
              <th scope="col">{t("casePage.what")}</th>
            </tr>
          </thead>
          <tbody>
            {timeline.map((e) => {
              const key = e.action.replace(/^case\./, "");
              const after = (e.after ?? {}) as Record<string, unknown>;
              const before = (e.before ?? {}) as Record<string, unknown>;
              const details = [
                before.status && after.status && before.status !== after.status
                  ? `${translateCode(t, "cases-secretariat", `status.${String(before.status)}`)} → ${translateCode(t, "cases-secretariat", `status.${String(after.status)}`)}`
                  : "",
                typeof after.bodyName === "string" ? after.bodyName : "",
                typeof after.caseNumber === "string" ? after.caseNumber : "",
                typeof after.assigneeName === "string" ? after.assigneeName : "",
              ]
                .filter(Boolean)
                .join(" · ");
              return (
                <tr key={e.id}>
                  <td>{f.dateTime(e.at)}</td>
                  <td>{e.actorLabel}</td>
                  <td>
                    {translateCode(t, "cases-secretariat", `casePage.actionsLabel.${key}`, { defaultValue: e.action })}
                    {details ? ` (${details})` : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
