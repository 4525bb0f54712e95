/** The measure page's linked cases (public projection) with unlink buttons and the link form for editors. */
import { Form, Link } from "@remix-run/react";
import type { CaseStatus } from "~/models/public-cases.server";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { TextField } from "~/components/form";
import { Section } from "~/components/page";
import { errorText, type FormReply } from "./form-reply";
import "~/i18n/plans";

type LinkedCase = { reference: string; title: string | null; titleWithheld: string | null; status: CaseStatus; caseId: string | null };

export function MeasureCases({ links, canEdit, reply }: { links: LinkedCase[]; canEdit: boolean; reply: FormReply }) {
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("cases-public");
  return (
    <Section title={t("measure.cases")}>
      <div id="saker" />
      {links.length === 0 ? <p className="ds-paragraph">{t("measure.noCases")}</p> : null}
      <ul className="ds-list">
        {links.map((c) => (
          <li key={c.reference}>
            <Link to={`/saker/${c.reference}`} className="ds-link">
              {c.reference}: {c.title ?? <em>{tc("case.withheld", { basis: c.titleWithheld })}</em>}
            </Link>{" "}
            <span className="ds-tag">{t(`caseStatus.${c.status}`, { defaultValue: c.status })}</span>
            {canEdit && c.caseId ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="caseId" value={c.caseId} />
                <button type="submit" name="intent" value="unlinkCase" className="ds-button" data-variant="tertiary" data-size="sm">
                  {t("measure.unlinkCase", { reference: c.reference })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? (
        // Keyed by the linked cases: after a link the form starts empty (a refusal keeps what was typed).
        <Form key={links.map((c) => c.reference).join(",")} method="post" className="row" noValidate>
          <input type="hidden" name="intent" value="linkCase" />
          <TextField
            id="caseReference"
            name="caseReference"
            label={t("measure.caseReference")}
            description={t("measure.caseReferenceHelp")}
            defaultValue={reply.value("caseReference")}
            error={errorText(t, reply.error("caseReference"))}
          />
          <button type="submit" className="ds-button" data-variant="secondary">
            {t("measure.linkCase")}
          </button>
        </Form>
      ) : null}
    </Section>
  );
}
