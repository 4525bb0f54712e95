import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { localized } from "~/i18n";
import {
  ANSWER_STATUSES,
  NUMBER_FIELDS,
  parseChecklistForm,
  requireChecklist,
  saveChecklistDraft,
} from "~/models/checklists.server";
import { actorOf } from "~/models/actor";
import { useRootData } from "~/root";
import { readForm } from "~/http/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `${data.round.title} – ${data.partyName}` : "Sjekkliste"} – Helsefellesskap Møre og Romsdal` }];

const notFound = () => new Response("Not found", { status: 404 });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, scope, checklist } = await requireChecklist(request, params.checklistId);
  return {
    id: checklist.checklist.id,
    status: checklist.checklist.status,
    version: checklist.checklist.version,
    updatedAt: checklist.checklist.updatedAt?.toISOString() ?? null,
    submittedAt: checklist.checklist.submittedAt?.toISOString() ?? null,
    partyNumber: checklist.checklist.partyNumber,
    partyName: checklist.partyName,
    round: { id: checklist.round.id, title: checklist.round.title, deadline: checklist.round.deadline, status: checklist.round.status },
    planTitle: checklist.planTitle,
    measures: checklist.measures,
    keyFigures: checklist.keyFigures,
    editable: checklist.editable && scope.canWrite,
    isSecretariat: user.role === "secretariat",
    answerStatuses: ANSWER_STATUSES,
    numberFields: NUMBER_FIELDS,
  };
}

type ActionData = { ok: boolean; errors?: Record<string, string>; values?: Record<string, string>; version?: number; savedAt?: string; error?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  // Scoped read: another party's checklist is not found (404) and nothing is written.
  const { user, scope, checklist } = await requireChecklist(request, params.checklistId, { write: true });
  const id = checklist.checklist.id;
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "save");
  const parsed = parseChecklistForm(form, checklist.measures.map((m) => m.id));
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v).slice(0, 2000)]));
  if (Object.keys(parsed.errors).length) {
    return Response.json({ ok: false, errors: parsed.errors, values } satisfies ActionData, { status: 400 });
  }
  const rawVersion = Number(form.get("version"));
  // Autosave is last-write-wins within the party; an explicit save must carry the version it was
  // rendered with (a missing or impossible one is stale: 409, nothing written).
  if (intent !== "autosave" && !(Number.isInteger(rawVersion) && rawVersion >= 1 && rawVersion <= 2_147_483_647)) {
    return Response.json({ ok: false, error: "errors.conflict", values } satisfies ActionData, { status: 409 });
  }
  const result = await saveChecklistDraft({
    actor: actorOf(user),
    checklistId: id,
    partyNumber: scope.partyNumber!, // set: requireChecklist with write refuses a scope without a party
    version: intent === "autosave" ? null : rawVersion,
    answers: parsed.answers,
    keyFigures: parsed.keyFigures,
  });
  if (!result.ok) {
    if (result.error === "notFound") throw notFound();
    return Response.json({ ok: false, error: result.error === "locked" ? "errors.locked" : "errors.conflict", values } satisfies ActionData, { status: 409 });
  }
  if (intent === "autosave") return Response.json({ ok: true, version: result.version, savedAt: new Date().toISOString() } satisfies ActionData);
  if (intent === "review") return redirect(`/sjekkliste/${id}/send-inn`);
  return redirect(`/sjekkliste/${id}?lagra=1`);
}

export default function ChecklistPage() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const [params] = useSearchParams();
  const lang = useRootData()?.lang ?? "nn";
  const fetcher = useFetcher<ActionData>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [version, setVersion] = useState(data.version);
  useEffect(() => setVersion(data.version), [data.version]);
  useEffect(() => {
    if (fetcher.data?.ok && fetcher.data.version) setVersion(fetcher.data.version);
  }, [fetcher.data]);
  useEffect(() => {
    if (action?.errors || action?.error) document.querySelector<HTMLElement>(".ds-error-summary, #checklist-error")?.focus();
  }, [action]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const errors = action?.errors ?? (fetcher.data && !fetcher.data.ok ? fetcher.data.errors : undefined) ?? {};
  const values = action?.values;
  const fieldLabel = (key: string) => {
    const m = key.match(/^(status|comment)-(\d+)$/);
    if (m) {
      const measure = data.measures.find((x) => x.id === Number(m[2]));
      return `${t(m[1] === "status" ? "checklist.statusFor" : "checklist.commentFor", { number: measure?.number ?? "" })}`;
    }
    return t(`keyFigures.${key}`);
  };
  const summary = Object.entries(errors).map(([k, v]) => ({ id: k, message: `${fieldLabel(k)}: ${t(`errors.${v}`)}` }));
  const err = (k: string) => (errors[k] ? t(`errors.${errors[k]}`) : undefined);
  const val = (k: string, fallback: string) => (values ? (values[k] ?? "") : fallback);

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
  const savedAt = fetcher.data?.ok ? fetcher.data.savedAt : params.get("lagra") ? data.updatedAt : null;
  const kf = data.keyFigures;
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
      {data.status === "submitted" ? (
        <div className="ds-alert" data-color="success">
          <p className="ds-paragraph">{t("checklist.submittedNotice", { date: data.submittedAt?.slice(0, 10) ?? "" })}</p>
        </div>
      ) : data.round.status === "closed" ? (
        <div className="ds-alert" data-color="info">
          <p className="ds-paragraph">{t("checklist.roundClosed")}</p>
        </div>
      ) : !data.editable ? (
        <div className="ds-alert" data-color="info">
          <p className="ds-paragraph">{t("checklist.readOnly")}</p>
        </div>
      ) : (
        <p className="ds-paragraph">{t("checklist.intro")}</p>
      )}
      {action?.error ? (
        <div className="ds-alert" data-color="danger" role="alert" id="checklist-error" tabIndex={-1}>
          <p className="ds-paragraph">{t(action.error)}</p>
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
        <fieldset className="ds-fieldset checklist-fieldset" disabled={!data.editable}>
          <legend className="ds-heading" data-size="sm">
            {t("checklist.measuresLegend")}
          </legend>
          {data.measures.map((m) => (
            <div key={m.id} className="ds-card checklist-measure" data-variant="tinted" id={`tiltak-${m.number.replace(/\./g, "-")}`}>
              <h3 className="ds-heading" data-size="xs">
                {m.number} {localized(m.title, lang)}
              </h3>
              <SelectField
                id={`status-${m.id}`}
                name={`status-${m.id}`}
                label={t("checklist.statusFor", { number: m.number })}
                defaultValue={val(`status-${m.id}`, m.status ?? "")}
                error={err(`status-${m.id}`)}
                options={[{ value: "", label: t("checklist.chooseStatus") }, ...data.answerStatuses.map((s) => ({ value: s, label: t(`answerStatus.${s}`) }))]}
              />
              <TextArea
                id={`comment-${m.id}`}
                name={`comment-${m.id}`}
                rows={2}
                label={t("checklist.commentFor", { number: m.number })}
                defaultValue={val(`comment-${m.id}`, m.comment)}
                error={err(`comment-${m.id}`)}
                maxLength={2000}
              />
            </div>
          ))}
        </fieldset>
        <fieldset className="ds-fieldset checklist-fieldset" disabled={!data.editable}>
          <legend className="ds-heading" data-size="sm">
            {t("checklist.keyFiguresLegend")}
          </legend>
          <p className="ds-paragraph" data-size="sm">
            {t("checklist.keyFiguresHelp")}
          </p>
          <div className="key-figure-grid">
            {data.numberFields.map((f) => (
              <TextField key={f} id={f} name={f} inputMode="numeric" label={t(`keyFigures.${f}`)} defaultValue={val(f, kf[f] == null ? "" : String(kf[f]))} error={err(f)} />
            ))}
          </div>
          <TextField id="kePlacement" name="kePlacement" label={t("keyFigures.kePlacement")} description={t("keyFigures.kePlacementHelp")} defaultValue={val("kePlacement", kf.kePlacement)} error={err("kePlacement")} />
          <fieldset className="ds-fieldset">
            <legend className="ds-label">{t("keyFigures.keOnWebsite")}</legend>
            {[
              { v: "yes", label: t("excel.yes") },
              { v: "no", label: t("excel.no") },
            ].map((o) => (
              <div key={o.v} className="ds-field radio-row">
                <input
                  type="radio"
                  className="ds-input"
                  id={`keOnWebsite-${o.v}`}
                  name="keOnWebsite"
                  value={o.v}
                  defaultChecked={val("keOnWebsite", kf.keOnWebsite == null ? "" : kf.keOnWebsite ? "yes" : "no") === o.v}
                />
                <label className="ds-label" htmlFor={`keOnWebsite-${o.v}`}>
                  {o.label}
                </label>
              </div>
            ))}
          </fieldset>
          <TextField id="keWebsiteUrl" name="keWebsiteUrl" type="url" label={t("keyFigures.keWebsiteUrl")} defaultValue={val("keWebsiteUrl", kf.keWebsiteUrl)} error={err("keWebsiteUrl")} />
        </fieldset>
        {data.editable ? (
          <div className="row checklist-actions">
            <button type="submit" name="intent" value="save" className="ds-button" data-variant="secondary">
              {t("checklist.saveDraft")}
            </button>
            <button type="submit" name="intent" value="review" className="ds-button" data-variant="primary">
              {t("checklist.submit")}
            </button>
            <p className="ds-paragraph" data-size="sm" aria-live="polite" role="status">
              {fetcher.state !== "idle" ? t("checklist.saving") : savedAt ? t("checklist.savedAt", { time: new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "Europe/Oslo" }).format(new Date(savedAt)) }) : ""}
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
