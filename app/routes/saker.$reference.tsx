/**
 * /saker/<reference>: the public page of a case. Withheld fields show "Skjerma etter <basis>"
 * and their text never leaves the server; a rejected case shows its title and status only.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { CaseDecisions } from "~/components/case-decisions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { formatDate } from "~/i18n/dates";
import { publicCase } from "~/models/public-cases.server";
import { getLang } from "~/http/lang.server";
import { rethrowAsResponse } from "~/http/http.server";
import { useRootData } from "~/root";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.case.reference ?? "Sak"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = await publicCase(params.reference ?? "", await getLang(request)).catch(rethrowAsResponse);
  return { case: found };
}

/** Form labels for the fields on the public page (the questions of the form). */
const FIELD_LABEL: Record<string, string> = {
  background: "form.backgroundGroup",
  problem: "form.problem",
  patientGroups: "form.patientGroups",
  serviceProviders: "form.serviceProviders",
  changeNeeds: "form.changeNeeds",
  triedBefore: "form.triedBefore",
  proposal: "form.proposal",
  economy: "form.economy",
  referencesText: "form.referencesGroup",
  agreementPoints: "form.agreementPoints",
};

export default function PublicCase() {
  const { t } = useTranslation("cases-public");
  const lang = useRootData()?.lang ?? "nn";
  const { case: c } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="ds-paragraph" data-size="sm">
        <Link className="ds-link" to="/saker">
          {t("case.back")}
        </Link>
      </p>
      <PageTitle>
        {c.reference}: {c.title ?? t("case.withheld", { basis: c.titleWithheld })}
      </PageTitle>
      <dl className="facts" style={{ display: "grid", gridTemplateColumns: "max-content 1fr", gap: "0.25rem 1rem" }}>
        <dt>{t("case.status")}</dt>
        <dd>
          <span className="ds-tag" data-color={c.status === "rejected" ? "danger" : "info"} data-testid="case-status">
            {t(`status.${c.status}`)}
          </span>
        </dd>
        <dt>{t("case.submitted")}</dt>
        <dd>{formatDate(c.createdAt, lang)}</dd>
        {c.body ? (
          <>
            <dt>{t("case.body")}</dt>
            <dd>{c.body.name}</dd>
          </>
        ) : null}
        {c.party ? (
          <>
            <dt>{t("case.fromParty")}</dt>
            <dd>{c.party}</dd>
          </>
        ) : null}
        {c.urgency ? (
          <>
            <dt>{t("case.urgency")}</dt>
            <dd>{t(`form.urgencyOptions.${c.urgency}`)}</dd>
          </>
        ) : null}
      </dl>
      {c.rejected ? (
        <p className="ds-paragraph">{t("case.rejectedNote")}</p>
      ) : (
        <>
          {c.fields.map((f) => (
            <Section key={f.name} title={translateCode(t, "cases-public", FIELD_LABEL[f.name] ?? f.name)}>
              {f.withheld ? (
                <p className="ds-paragraph withheld" data-testid={`withheld-${f.name}`}>
                  <em>{t("case.withheld", { basis: f.withheld })}</em>
                </p>
              ) : f.text ? (
                <p className="ds-paragraph preserve-lines">{f.text}</p>
              ) : (
                <p className="ds-paragraph muted">{t("case.empty")}</p>
              )}
            </Section>
          ))}
          <Section title={t("case.decisions")}>
            <CaseDecisions decisions={c.decisions} empty={t("case.noDecision")} lang={lang} />
          </Section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
