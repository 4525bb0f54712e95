/** The case page's read-only parts: the summary line, the case's texts, the submitter, attachments and agenda items. */
import { Link } from "@remix-run/react";
import { Section } from "~/components/page";
import { StatusTag, useFormatters } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import { formatCaseNumber } from "~/models/secretariat-format";
import { useRootData } from "~/root";
import type { CasePageData } from "./case-page";
import "~/i18n/cases-secretariat";

/** The text fields of the form, in the order of the official form (withholding is per field). */
export const TEXT_FIELDS = [
  "title",
  "background",
  "problem",
  "patientGroups",
  "serviceProviders",
  "changeNeeds",
  "triedBefore",
  "proposal",
  "economy",
  "referencesText",
  "agreementPoints",
] as const;

function Field({ label, value, withheld }: { label: string; value: string; withheld?: string }) {
  if (!value) return null;
  return (
    <div className="case-field">
      <dt>
        {label}
        {withheld ? (
          <span className="ds-tag" data-color="warning">
            {" "}
            ({withheld})
          </span>
        ) : null}
      </dt>
      <dd className="preserve-lines" style={{ marginInlineStart: 0, marginBlockEnd: "1rem" }}>
        {value}
      </dd>
    </div>
  );
}

const formatSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`);

export function CaseSummary({ data }: { data: CasePageData }) {
  const { t } = useTranslation("cases-secretariat");
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const c = data.case;
  return (
    <dl className="case-summary row">
      <div>
        <dt>{t("casePage.status")}</dt>
        <dd>
          <StatusTag status={c.status} />
        </dd>
      </div>
      <div>
        <dt>{t("casePage.urgency")}</dt>
        <dd>{t(`urgency.${c.urgency}`)}</dd>
      </div>
      <div>
        <dt>{t("casePage.body")}</dt>
        <dd>
          {data.body ? (
            <Link className="ds-link" to={`/utval/${data.body.slug}`}>
              {localized(data.body.name, lang)}
            </Link>
          ) : (
            "–"
          )}
        </dd>
      </div>
      <div>
        <dt>{t("casePage.assigned")}</dt>
        <dd>{data.assignees.find((a) => a.id === c.assignedUserId)?.name ?? "–"}</dd>
      </div>
      <div>
        <dt className="visually-hidden">{t("casePage.version", { version: c.version })}</dt>
        <dd className="muted">{t("casePage.version", { version: c.version })}</dd>
      </div>
    </dl>
  );
}

export function CaseDetails({ data }: { data: CasePageData }) {
  const { t } = useTranslation("cases-secretariat");
  const f = useFormatters();
  const c = data.case;
  return (
    <>
      <Section title={t("casePage.content")}>
        <dl>
          {TEXT_FIELDS.map((field) => (
            <Field key={field} label={t(`casePage.fields.${field}`)} value={String(c[field] ?? "")} withheld={c.withheld?.[field]} />
          ))}
          {c.rejectionReason ? <Field label={t("casePage.rejectionReason")} value={c.rejectionReason} /> : null}
        </dl>
      </Section>

      <Section title={t("casePage.submitter")}>
        {data.permissions.seesContact ? null : <p className="ds-paragraph muted">{t("casePage.contactHidden")}</p>}
        <dl>
          <Field label={t("casePage.submitterName")} value={c.submitterName} />
          <Field label={t("casePage.submitterOrg")} value={c.submitterOrg} />
          <Field label={t("casePage.submitterEmail")} value={c.submitterEmail} />
          <Field label={t("casePage.submitterPhone")} value={c.submitterPhone} />
          <Field label={t("casePage.submitterDate")} value={f.day(c.submitterDate)} />
          <Field label={t("casePage.submitterRef")} value={c.submitterRef} />
          <Field label={t("casePage.party")} value={c.partyNumber ?? ""} />
        </dl>
      </Section>

      <Section title={t("casePage.attachments")}>
        {data.attachments.length === 0 ? (
          <p className="ds-paragraph">{t("casePage.noAttachments")}</p>
        ) : (
          <ul>
            {data.attachments.map((a) => (
              <li key={a.id}>
                {data.permissions.secretariat ? (
                  <a className="ds-link" href={`/sekretariat/saker/${c.id}/vedlegg/${a.id}`} download>
                    {t("casePage.download", { name: a.filename, size: formatSize(a.size) })}
                  </a>
                ) : (
                  `${a.filename} (${formatSize(a.size)})`
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {data.agendaItems.length ? (
        <Section title={t("casePage.agenda")}>
          <ul>
            {data.agendaItems.map((i) => (
              <li key={i.id}>
                <Link className="ds-link" to={`/utval/${i.bodySlug}/moter/${i.meetingId}`}>
                  {t("casePage.onAgenda", { body: i.bodyShortName, number: formatCaseNumber(i.bodyCaseSeq, i.bodyCaseYear) || "–", date: f.date(i.startsAt) })}
                </Link>{" "}
                ({t(`outcome.${i.outcome}`)})
                {i.decision ? (
                  <p className="ds-paragraph preserve-lines">
                    <strong>{t("meeting.decision")}:</strong> {i.decision}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}
