import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { ChecklistNotice } from "~/components/checklists/checklist-notice";
import { KeyFigureFields } from "~/components/checklists/key-figure-fields";
import { MeasureFields } from "~/components/checklists/measure-fields";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { PageTitle } from "~/components/page";
import { localized, translateCode } from "~/i18n";
import { ANSWER_STATUSES, checklistFormSchema, NUMBER_FIELDS, openChecklist, saveChecklistDraft } from "~/models/checklists.server";
import { decodeMessage } from "~/services/domain-error";
import { osloClock } from "~/services/oslo-time";
import { useRootData } from "~/root";
import { readForm, replyWithError, requireIdParam, rethrowAsResponse } from "~/http/http.server";
import { requireUser } from "~/http/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.round.title} – ${data.partyName}` : "Sjekkliste"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { checklist, editable } = await openChecklist(user, { checklistId: requireIdParam(params.checklistId) }).catch(rethrowAsResponse);
  return {
    id: checklist.checklist.id,
    status: checklist.checklist.status,
    version: checklist.checklist.version,
    updatedAt: checklist.checklist.updatedAt?.toISOString() ?? null,
    updatedClock: checklist.checklist.updatedAt ? osloClock(checklist.checklist.updatedAt) : null,
    submittedAt: checklist.checklist.submittedAt?.toISOString() ?? null,
    partyNumber: checklist.checklist.partyNumber,
    partyName: checklist.partyName,
    round: { id: checklist.round.id, title: checklist.round.title, deadline: checklist.round.deadline, status: checklist.round.status },
    planTitle: checklist.planTitle,
    measures: checklist.measures,
    keyFigures: checklist.keyFigures,
    editable,
    isSecretariat: user.role === "secretariat",
    answerStatuses: ANSWER_STATUSES,
    numberFields: NUMBER_FIELDS,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const checklistId = requireIdParam(params.checklistId);
  // Scoped read: another party's checklist is not found (404) and nothing is written.
  const { checklist } = await openChecklist(user, { checklistId, write: true }).catch(rethrowAsResponse);
  const schema = checklistFormSchema(checklist.measures.map((m) => m.id));
  // No coercion: a present, empty field ("") clears its answer, an absent one keeps it.
  const submission = parseWithZod(await readForm(request), { schema, disableAutoCoercion: true });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const { intent, version, answers, keyFigures } = submission.value;
  let saved: { version: number };
  try {
    // Autosave is last-write-wins within the party; an explicit save must carry the version it was
    // rendered with (a missing or impossible one is stale: 409, nothing written).
    saved = await saveChecklistDraft(user, { checklistId, version, lastWriteWins: intent === "autosave", answers, keyFigures });
  } catch (error) {
    return replyWithError(submission, error);
  }
  if (intent === "autosave") return json({ ok: true as const, version: saved.version, savedAt: new Date().toISOString(), savedClock: osloClock(new Date()) });
  if (intent === "review") return redirect(`/sjekkliste/${checklistId}/send-inn`);
  return redirect(`/sjekkliste/${checklistId}?lagra=1`);
}

type ActionData = ReturnType<typeof useActionData<typeof action>>;
/** The field errors (name → message) and the domain error of an action's answer. */
type DomainErrorData = { code: string; params: Record<string, string | number> };
function answerOf(data: ActionData): { fieldErrors: Record<string, string>; error?: DomainErrorData; values?: Record<string, unknown> } {
  if (!data || "ok" in data) return { fieldErrors: {} };
  const fieldErrors = Object.fromEntries(Object.entries(data.result.error ?? {}).flatMap(([k, v]) => (k && v?.[0] ? [[k, v[0]]] : [])));
  return { fieldErrors, error: "error" in data ? (data.error as DomainErrorData) : undefined, values: data.result.initialValue as Record<string, unknown> | undefined };
}

export default function ChecklistPage() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = useRootData()?.lang ?? "nn";
  const fetcher = useFetcher<typeof action>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const autosaved = fetcher.data && "ok" in fetcher.data ? fetcher.data : undefined;
  // Versions only grow: the newer of the page's (after a save or reload) and the last autosave's.
  const version = Math.max(data.version, autosaved?.version ?? 0);
  const posted = answerOf(actionData);
  useEffect(() => {
    if (actionData && !("ok" in actionData)) document.querySelector<HTMLElement>(".ds-error-summary, #checklist-error")?.focus();
  }, [actionData]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const fieldErrors = Object.keys(posted.fieldErrors).length ? posted.fieldErrors : answerOf(fetcher.data).fieldErrors;
  const fieldLabel = (key: string) => {
    const m = key.match(/^(status|comment)-(\d+)$/);
    if (m) {
      const measure = data.measures.find((x) => x.id === Number(m[2]));
      return `${t(m[1] === "status" ? "checklist.statusFor" : "checklist.commentFor", { number: measure?.number ?? "" })}`;
    }
    return translateCode(t, "plans", `keyFigures.${key}`);
  };
  const err = (k: string) => {
    const message = fieldErrors[k];
    if (!message) return undefined;
    const { code, params: values } = decodeMessage(message);
    return translateCode(t, "plans", code, values);
  };
  const summary = Object.keys(fieldErrors).map((k) => ({ id: k, message: `${fieldLabel(k)}: ${err(k)}` }));
  const val = (k: string, fallback: string) => (posted.values ? String(posted.values[k] ?? "") : fallback);

  const onChange = () => {
    if (!data.editable) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const fd = new FormData(formRef.current);
      fd.set("intent", "autosave");
      fetcher.submit(fd, { method: "post" });
    }, 1200);
  };
  const savedClock = autosaved ? autosaved.savedClock : params.get("lagra") ? data.updatedClock : null;
  return (
    <>
      <p className="ds-paragraph" data-size="sm">
        <Link to="/sjekkliste" className="ds-link">
          {t("checklist.back")}
        </Link>
      </p>
      <PageTitle>{t("checklist.title", { round: data.round.title, party: data.partyName })}</PageTitle>
      <p className="ds-paragraph">
        {localized(data.planTitle, lang)} · {t("rounds.deadline")}: {data.round.deadline}
      </p>
      <ChecklistNotice status={data.status} roundStatus={data.round.status} editable={data.editable} submittedAt={data.submittedAt} />
      {posted.error ? (
        <div className="ds-alert" data-color="danger" role="alert" id="checklist-error" tabIndex={-1}>
          <p className="ds-paragraph">{translateCode(t, "plans", posted.error.code, posted.error.params)}</p>
        </div>
      ) : null}
      <ErrorSummary heading={t("errors.summary")} errors={summary} />
      {data.editable ? (
        <p className="ds-paragraph">
          <a href={`/sjekkliste/${data.id}/mal.xlsx`} className="ds-link" download>
            {t("checklist.downloadTemplate")}
          </a>{" "}
          ·{" "}
          <Link to={`/sjekkliste/${data.id}/last-opp`} className="ds-link">
            {t("checklist.upload")}
          </Link>
        </p>
      ) : null}
      <Form method="post" ref={formRef} onChange={onChange} onSubmit={() => clearTimeout(timer.current)} noValidate className="checklist-form">
        <input type="hidden" name="version" value={version} />
        <MeasureFields measures={data.measures} answerStatuses={data.answerStatuses} editable={data.editable} lang={lang} value={val} error={err} />
        <KeyFigureFields keyFigures={data.keyFigures} numberFields={data.numberFields} editable={data.editable} value={val} error={err} />
        {data.editable ? (
          <div className="row checklist-actions">
            <button type="submit" name="intent" value="save" className="ds-button" data-variant="secondary">
              {t("checklist.saveDraft")}
            </button>
            <button type="submit" name="intent" value="review" className="ds-button" data-variant="primary">
              {t("checklist.submit")}
            </button>
            <p className="ds-paragraph" data-size="sm" aria-live="polite" role="status">
              {fetcher.state !== "idle" ? t("checklist.saving") : savedClock ? t("checklist.savedAt", { time: savedClock }) : ""}
            </p>
          </div>
        ) : null}
      </Form>
      {data.isSecretariat ? (
        <p className="ds-paragraph">
          <Link to={`/sjekkliste/runde/${data.round.id}`} className="ds-link">
            {t("checklist.toRound")}
          </Link>
        </p>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
