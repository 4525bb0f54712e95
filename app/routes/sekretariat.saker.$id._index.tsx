import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField, TextArea, TextField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { ActionAlert, errorText, StatusTag, useFormatters, type ActionError } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import {
  addCaseNote,
  assignCase,
  CaseWorkflowError,
  getCaseForUser,
  clockTime,
  isManualAction,
  isSecretariat,
  transitionCase,
} from "~/models/case-workflow.server";
import { formatCaseNumber } from "~/models/secretariat-format";
import { setWithheldFields, WITHHOLDABLE_FIELDS } from "~/models/public-cases.server";
import { useRootData } from "~/root";
import { requireUser } from "~/http/session.server";
import { readForm } from "~/http/http.server";

/** The text fields of the form, in the order of the official form (withholding is per field). */
const TEXT_FIELDS = [
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Sak ${data.case.reference}` : "Sak"} – Helsefellesskap Møre og Romsdal` },
];

function toResponse(error: unknown): never {
  if (error instanceof CaseWorkflowError) throw new Response(error.message, { status: error.status });
  throw error;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getCaseForUser(user, params.id ?? "").catch(toResponse);
}

type ActionResult = { intent: string; error: ActionError; values?: Record<string, string>; fieldErrors?: Record<string, string> };

function fail(intent: string, status: number, error: ActionError, values?: Record<string, string>) {
  return Response.json({ intent, error, values } satisfies ActionResult, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const caseId = params.id ?? "";
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const expectedVersion = Number(form.get("version"));
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  try {
    if (isManualAction(intent)) {
      if (intent === "reject" && str("confirm") !== "yes") {
        return fail(intent, 400, { code: "confirmRequired", message: "Kryss av for å stadfeste." }, { reason: str("reason").slice(0, 10_000) });
      }
      await transitionCase(user, { caseId, expectedVersion, action: intent, bodyId: str("bodyId"), reason: str("reason") });
    } else if (intent === "assign") {
      await assignCase(user, { caseId, expectedVersion, assigneeId: str("assigneeId") || null });
    } else if (intent === "note") {
      await addCaseNote(user, { caseId, body: str("note") });
    } else if (intent === "withheld") {
      if (!isSecretariat(user)) throw new Response("Forbidden", { status: 403 });
      const withheld: Record<string, string> = {};
      const values: Record<string, string> = {};
      for (const field of WITHHOLDABLE_FIELDS) {
        values[`basis_${field}`] = str(`basis_${field}`).slice(0, 500);
        if (str(`withhold_${field}`) === "yes") {
          withheld[field] = str(`basis_${field}`);
          values[`withhold_${field}`] = "yes";
        }
      }
      const result = await setWithheldFields({ caseId, withheld, actor: { id: user.id, label: user.name }, expectedVersion });
      if (!result.ok) {
        if (result.error === "not_found") throw new Response("Not found", { status: 404 });
        if (result.error === "conflict") {
          const name = result.current.updatedBy ?? "innsendar";
          const time = clockTime(new Date(result.current.updatedAt));
          return fail(intent, 409, { code: "stale", message: `Endra av ${name} kl. ${time} – last sida på nytt`, params: { name, time } }, values);
        }
        return Response.json(
          { intent, error: { code: "withheldBasis", message: "Skriv heimel for kvart skjerma felt." }, values, fieldErrors: result.fieldErrors } satisfies ActionResult,
          { status: 400 },
        );
      }
    } else {
      return fail(intent, 400, { code: "unknownAction", message: "Ukjend handling." });
    }
  } catch (error) {
    if (error instanceof CaseWorkflowError) {
      if (error.status === 403 || error.status === 404) throw new Response(error.message, { status: error.status });
      return fail(intent, error.status, { code: error.code, message: error.message, params: error.params }, {
        reason: str("reason").slice(0, 10_000),
        note: str("note").slice(0, 10_000),
      });
    }
    throw error;
  }
  return redirect(`/sekretariat/saker/${caseId}?lagra=${encodeURIComponent(intent)}`);
}

/** A one-button form that posts an intent with the version the page was rendered with. */
function IntentButton({ intent, variant, label, version, busy }: { intent: string; variant: string; label: string; version: ReactNode; busy: boolean }) {
  return (
    <Form method="post">
      {version}
      <button className="ds-button" data-variant={variant} name="intent" value={intent} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

function Field({ label, value, withheld }: { label: string; value: string; withheld?: string }) {
  if (!value) return null;
  return (
    <div className="case-field">
      <dt>
        {label}
        {withheld ? <span className="ds-tag" data-color="warning"> ({withheld})</span> : null}
      </dt>
      <dd className="preserve-lines" style={{ marginInlineStart: 0, marginBlockEnd: "1rem" }}>
        {value}
      </dd>
    </div>
  );
}

const formatSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`);

export default function CasePage() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const f = useFormatters();
  const c = data.case;
  const busy = navigation.state === "submitting";
  const errFor = (intent: string) => (actionData?.intent === intent ? errorText(t, actionData.error) : undefined);
  const saved = params.get("lagra");
  const version = <input type="hidden" name="version" value={c.version} />;
  const can = (a: string) => (data.permissions.actions as string[]).includes(a);
  const bodyOptions = data.bodyOptions.map((b) => ({ value: String(b.id), label: localized(b.name, lang) }));

  return (
    <>
      <p>
        <Link to="/sekretariat" className="ds-link">
          {t("common.back")}
        </Link>
      </p>
      <PageTitle>
        {c.reference}: {c.title}
      </PageTitle>
      {saved && !actionData ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t("casePage.saved")}</p>
        </div>
      ) : null}
      <ActionAlert error={actionData?.error} />

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
          <dd>{data.body ? <Link className="ds-link" to={`/utval/${data.body.slug}`}>{localized(data.body.name, lang)}</Link> : "–"}</dd>
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

      {data.permissions.secretariat ? (
        <Section title={t("casePage.actions")}>
          {data.permissions.actions.length === 0 ? <p className="ds-paragraph">{t("casePage.noActions")}</p> : null}
          <div className="stack">
            {can("receive") ? <IntentButton intent="receive" variant="primary" label={t("casePage.receive")} version={version} busy={busy} /> : null}
            {can("assess") ? <IntentButton intent="assess" variant="secondary" label={t("casePage.assess")} version={version} busy={busy} /> : null}
            {can("route") ? (
              <Form method="post" className="row">
                {version}
                <input type="hidden" name="intent" value="route" />
                <SelectField id="route-body" name="bodyId" label={t("casePage.routeBody")} options={bodyOptions} defaultValue={c.bodyId ? String(c.bodyId) : undefined} error={errFor("route")} />
                <button className="ds-button" data-variant="primary" disabled={busy}>
                  {t("casePage.routeSubmit")}
                </button>
              </Form>
            ) : null}
            {can("forward") ? (
              <Form method="post" className="row">
                {version}
                <input type="hidden" name="intent" value="forward" />
                <SelectField
                  id="forward-body"
                  name="bodyId"
                  label={t("casePage.forward")}
                  options={bodyOptions.filter((b) => b.value !== String(c.bodyId))}
                  error={errFor("forward")}
                />
                <button className="ds-button" data-variant="secondary" disabled={busy}>
                  {t("casePage.forwardSubmit")}
                </button>
              </Form>
            ) : null}
            {can("close") ? <IntentButton intent="close" variant="secondary" label={t("casePage.close")} version={version} busy={busy} /> : null}
            {can("reject") ? (
              <details open={actionData?.intent === "reject"}>
                <summary className="ds-link">{t("casePage.reject")}</summary>
                <Form method="post" className="stack form-wide">
                  {version}
                  <input type="hidden" name="intent" value="reject" />
                  <TextArea
                    id="reject-reason"
                    name="reason"
                    label={t("casePage.rejectReason")}
                    description={t("casePage.rejectHelp")}
                    required
                    rows={6}
                    defaultValue={actionData?.intent === "reject" ? actionData.values?.reason : undefined}
                    error={actionData?.intent === "reject" && actionData.error.code !== "confirmRequired" ? errFor("reject") : undefined}
                  />
                  <div className="ds-field">
                    <input className="ds-input" type="checkbox" id="reject-confirm" name="confirm" value="yes" required aria-describedby={actionData?.error.code === "confirmRequired" ? "reject-confirm-error" : undefined} />
                    <label className="ds-label" htmlFor="reject-confirm">
                      {t("casePage.rejectConfirm")}
                    </label>
                    {actionData?.intent === "reject" && actionData.error.code === "confirmRequired" ? (
                      <p className="ds-validation-message" id="reject-confirm-error" data-color="danger">
                        {t("errors.confirmRequired")}
                      </p>
                    ) : null}
                  </div>
                  <div>
                    <button className="ds-button" data-variant="primary" data-color="danger" disabled={busy}>
                      {t("casePage.rejectSubmit")}
                    </button>
                  </div>
                </Form>
              </details>
            ) : null}
            {data.permissions.canAssign ? (
              <Form method="post" className="row">
                {version}
                <input type="hidden" name="intent" value="assign" />
                <SelectField
                  id="assignee"
                  name="assigneeId"
                  label={t("casePage.assign")}
                  defaultValue={c.assignedUserId ?? ""}
                  options={[{ value: "", label: t("casePage.nobody") }, ...data.assignees.map((a) => ({ value: a.id, label: a.name }))]}
                  error={errFor("assign")}
                />
                <button className="ds-button" data-variant="secondary" disabled={busy}>
                  {t("casePage.assignSubmit")}
                </button>
              </Form>
            ) : null}
          </div>
        </Section>
      ) : null}

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

      <Section title={t("casePage.notes")}>
        <p className="ds-paragraph muted">{t("casePage.notesHelp")}</p>
        {data.notes.length === 0 ? (
          <p className="ds-paragraph">{t("casePage.noNotes")}</p>
        ) : (
          <ul className="notes">
            {data.notes.map((n) => (
              <li key={n.id}>
                <p className="ds-paragraph preserve-lines">
                  {n.body}
                </p>
                <p className="ds-paragraph muted" data-size="sm">
                  {n.authorLabel}, {f.dateTime(n.createdAt)}
                </p>
              </li>
            ))}
          </ul>
        )}
        {data.permissions.canComment ? (
          <Form method="post" className="stack form-wide">
            <input type="hidden" name="intent" value="note" />
            <TextArea
              id="note"
              name="note"
              label={t("casePage.addNote")}
              required
              defaultValue={actionData?.intent === "note" ? actionData.values?.note : undefined}
              error={errFor("note")}
            />
            <div>
              <button className="ds-button" data-variant="secondary" disabled={busy}>
                {t("casePage.addNoteSubmit")}
              </button>
            </div>
          </Form>
        ) : null}
      </Section>

      {data.permissions.secretariat ? <WithheldSection withheld={c.withheld ?? {}} version={c.version} actionData={actionData?.intent === "withheld" ? actionData : undefined} /> : null}

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
              {data.timeline.map((e) => {
                const key = e.action.replace(/^case\./, "");
                const after = (e.after ?? {}) as Record<string, unknown>;
                const before = (e.before ?? {}) as Record<string, unknown>;
                const details = [
                  before.status && after.status && before.status !== after.status ? `${t(`status.${before.status}`)} → ${t(`status.${after.status}`)}` : "",
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
                      {t(`casePage.actionsLabel.${key}`, { defaultValue: e.action })}
                      {details ? ` (${details})` : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>
    </>
  );
}

/** Withholding (skjerming) per text field with its legal basis. */
function WithheldSection({ withheld, version, actionData }: { withheld: Record<string, string>; version: number; actionData?: ActionResult }) {
  const { t } = useTranslation("cases-secretariat");
  const navigation = useNavigation();
  const values = actionData?.values;
  return (
    <Section title={t("casePage.withheld")}>
      <Form method="post" className="stack form-wide">
        <input type="hidden" name="intent" value="withheld" />
        <input type="hidden" name="version" value={version} />
        <fieldset className="ds-fieldset">
          <legend className="ds-paragraph">{t("casePage.withheldHelp")}</legend>
          {TEXT_FIELDS.map((field) => {
            const checked = values ? values[`withhold_${field}`] === "yes" : field in withheld;
            const basis = values ? values[`basis_${field}`] : (withheld[field] ?? "");
            const error = actionData?.fieldErrors?.[field];
            return (
              <div key={field} className="row withheld-row">
                <div className="ds-field">
                  <input className="ds-input" type="checkbox" id={`withhold-${field}`} name={`withhold_${field}`} value="yes" defaultChecked={checked} />
                  <label className="ds-label" htmlFor={`withhold-${field}`}>
                    {t("casePage.withheldField", { field: t(`casePage.fields.${field}`) })}
                  </label>
                </div>
                <TextField
                  id={`basis-${field}`}
                  name={`basis_${field}`}
                  label={t("casePage.legalBasis")}
                  defaultValue={basis || ""}
                  placeholder={t("casePage.legalBasisDefault")}
                  error={error ? t(error === "nationalId" || error === "controlCharacters" ? `errors.${error}` : "errors.withheldBasis") : undefined}
                />
              </div>
            );
          })}
        </fieldset>
        <div>
          <button className="ds-button" data-variant="secondary" disabled={navigation.state === "submitting"}>
            {t("casePage.withheldSubmit")}
          </button>
        </div>
      </Form>
    </Section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
