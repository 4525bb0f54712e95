import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { formatDate } from "~/i18n/dates";
import { LabelledText } from "./page";
import type { PublishedDecision } from "~/models/public-cases.server";

/** Published decisions of a case (handling and decision, the body's number NN/YY, minutes link). */
export function CaseDecisions({ decisions, empty, lang }: { decisions: PublishedDecision[]; empty: string; lang: string }) {
  const { t } = useTranslation("cases-public");
  if (decisions.length === 0) return <p className="ds-paragraph">{empty}</p>;
  return (
    <>
      {decisions.map((d) => (
        <article key={`${d.meetingId}-${d.caseNumber}`} className="ds-card decision-card" data-testid="decision">
          <h3 className="ds-heading" data-size="xs">
            {d.caseNumber ? t("decision.caseNumber", { number: d.caseNumber, body: d.bodyName }) : d.bodyName} · {t("decision.meeting", { date: formatDate(d.meetingDate, lang) })}
          </h3>
          {d.handling ? <LabelledText heading={t("decision.handling")} text={d.handling} size="2xs" /> : null}
          <LabelledText heading={t("decision.decision")} text={d.decision} size="2xs" />
          <p className="ds-paragraph">
            <Link className="ds-link" to={d.minutesUrl}>
              {t("decision.minutes")}
            </Link>
          </p>
        </article>
      ))}
    </>
  );
}
