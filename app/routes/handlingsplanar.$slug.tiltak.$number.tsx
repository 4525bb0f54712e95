import { actorOf } from "~/models/actor";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import "~/i18n/cases-public";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { localized } from "~/i18n";
import {
  addMilestone,
  canEditPlan,
  fieldErrors,
  getMeasure,
  linkCase,
  listBodiesForSelect,
  MEASURE_RESPONSIBLE,
  MEASURE_STATUSES,
  measureUpdateSchema,
  milestoneSchema,
  removeMilestone,
  setMilestoneDone,
  unlinkCase,
  updateMeasure,
} from "~/models/plans.server";
import { osloDate } from "~/models/checklists.server";
import { useRootData } from "~/root";
import { forbidden, getSessionUser, requireUser } from "~/http/session.server";
import { readForm } from "~/http/http.server";
import { parseId } from "~/services/ids";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Tiltak ${data.measure.number}: ${data.measure.title.nn}` : "Tiltak"} – Helsefellesskap Møre og Romsdal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const found = await getMeasure(params.slug ?? "", params.number ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const canEdit = canEditPlan(user, found.plan, found.goal.bodyId);
  const { measure, plan, goal } = found;
  // What the page shows, and no more: no user ids (updatedBy), no case ids for viewers who cannot
  // edit (cases by reference, through the public projection), no raw audit snapshots.
  return {
    measure: { number: measure.number, title: measure.title, description: measure.description, responsible: measure.responsible, status: measure.status, progress: measure.progress },
    plan: { slug: plan.slug, title: plan.title, reconstructed: plan.reconstructed },
    goal: { number: goal.number, title: goal.title },
    responsibleBodyName: found.responsibleBodyName,
    milestones: found.milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, doneDate: m.doneDate })),
    links: found.links.map(({ caseId, ...c }) => ({ ...c, caseId: canEdit ? caseId : null })),
    canEdit,
    edit: canEdit ? { version: measure.version, responsibleBodyId: measure.responsibleBodyId, bodies: await listBodiesForSelect() } : null,
    // History shows who changed what; names of editors are for signed-in members.
    history: user ? found.history : [],
    signedIn: Boolean(user),
    responsibleOptions: MEASURE_RESPONSIBLE,
    statusOptions: MEASURE_STATUSES,
  };
}

type ActionData = { intent: string; errors: Record<string, string>; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const found = await getMeasure(params.slug ?? "", params.number ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  if (!canEditPlan(user, found.plan, found.goal.bodyId)) forbidden();
  const actor = actorOf(user);
  const measureId = found.measure.id;
  const form = Object.fromEntries(await readForm(request));
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 4000) : ""]));
  const here = `/handlingsplanar/${found.plan.slug}/tiltak/${found.measure.number}`;
  switch (form.intent) {
    case "update": {
      const parsed = measureUpdateSchema.safeParse(form);
      if (!parsed.success) return Response.json({ intent: "update", errors: fieldErrors(parsed.error), values } satisfies ActionData, { status: 400 });
      const { version, ...rest } = parsed.data;
      const result = await updateMeasure({ actor, measureId, version, values: rest });
      if (!result.ok) return Response.json({ intent: "update", errors: { form: "errors.conflict" }, values } satisfies ActionData, { status: 409 });
      return redirect(`${here}?lagra=1`);
    }
    case "addMilestone": {
      const parsed = milestoneSchema.safeParse(form);
      if (!parsed.success) return Response.json({ intent: "addMilestone", errors: fieldErrors(parsed.error), values } satisfies ActionData, { status: 400 });
      await addMilestone({ actor, measureId, title: parsed.data.milestoneTitle, dueDate: parsed.data.dueDate });
      return redirect(`${here}#milepelar`);
    }
    case "milestoneDone":
    case "milestoneUndone":
    case "removeMilestone": {
      const milestoneId = parseId(form.milestoneId);
      if (milestoneId == null) return Response.json({ intent: String(form.intent), errors: { form: "errors.invalid" } }, { status: 400 });
      if (form.intent === "removeMilestone") await removeMilestone({ actor, measureId, milestoneId });
      else await setMilestoneDone({ actor, measureId, milestoneId, doneDate: form.intent === "milestoneDone" ? osloDate(new Date()) : null });
      return redirect(`${here}#milepelar`);
    }
    case "linkCase": {
      const reference = String(form.caseReference ?? "").trim().toUpperCase().slice(0, 40);
      if (!reference) return Response.json({ intent: "linkCase", errors: { caseReference: "errors.required" }, values } satisfies ActionData, { status: 400 });
      const ok = await linkCase({ actor, measureId, reference });
      if (!ok) return Response.json({ intent: "linkCase", errors: { caseReference: "errors.caseNotFound" }, values } satisfies ActionData, { status: 400 });
      return redirect(`${here}#saker`);
    }
    case "unlinkCase": {
      await unlinkCase({ actor, measureId, caseId: String(form.caseId ?? "").slice(0, 40) });
      return redirect(`${here}#saker`);
    }
  }
  return Response.json({ intent: "", errors: { form: "errors.invalid" } } satisfies ActionData, { status: 400 });
}

/** "1.1" → "tiltak-1-1" (same as measureAnchor in the model; the model is server-only). */
const anchorOf = (number: string) => `tiltak-${number.replace(/\./g, "-")}`;

/** "2026-11-23 14:05" in Norwegian time; the same on server and client (no hydration mismatch). */
const osloDateTime = (iso: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Oslo", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

export default function MeasurePage() {
  const { t } = useTranslation("plans");
  const { t: tc } = useTranslation("cases-public");
  const data = useLoaderData<typeof loader>();
  const action = useActionData<ActionData>();
  const lang = useRootData()?.lang ?? "nn";
  const { measure, plan, goal } = data;
  const errs = (intent: string) => (action?.intent === intent ? action.errors : {});
  const vals = (intent: string) => (action?.intent === intent ? (action.values ?? {}) : {});
  const ue = errs("update");
  const uv = vals("update");
  const fields = ["form", "title", "description", "responsible", "responsibleBodyId", "status", "progress"];
  useEffect(() => {
    if (action?.errors) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [action]);
  const statusColor = measure.status === "done" ? "success" : measure.status === "stopped" ? "danger" : measure.status === "in_progress" ? "info" : "neutral";
  return (
    <>
      <p className="ds-paragraph" data-size="sm">
        <Link to={`/handlingsplanar/${plan.slug}#${anchorOf(measure.number)}`} className="ds-link">
          {localized(plan.title, lang)}
        </Link>
      </p>
      <PageTitle>{t("plans.measure", { number: measure.number, title: localized(measure.title, lang) })}</PageTitle>
      {plan.reconstructed ? <p className="ds-paragraph muted">{t("plans.reconstructedShortNote")}</p> : null}
      <dl className="plan-facts">
        <dt>{t("plans.goalLabel")}</dt>
        <dd>
          {goal.number}. {localized(goal.title, lang)}
        </dd>
        <dt>{t("measure.responsible")}</dt>
        <dd>
          {t(`responsible.${measure.responsible}`)}
          {data.responsibleBodyName ? ` (${localized(data.responsibleBodyName, lang)})` : ""}
        </dd>
        <dt>{t("measure.status")}</dt>
        <dd>
          <span className="ds-tag" data-color={statusColor}>
            {t(`measureStatus.${measure.status}`)}
          </span>
        </dd>
        <dt>{t("measure.progress")}</dt>
        <dd>
          <progress max={100} value={measure.progress} aria-label={t("measure.progress")} /> {t("measure.progressValue", { progress: measure.progress })}
        </dd>
      </dl>
      <p className="ds-paragraph">{localized(measure.description, lang)}</p>

      <Section title={t("measure.milestones")}>
        <div id="milepelar" />
        {data.milestones.length === 0 ? <p className="ds-paragraph">{t("measure.noMilestones")}</p> : null}
        {data.milestones.length ? (
          <div className="table-wrap">
            <table className="ds-table">
              <caption>{t("measure.milestonesCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("measure.milestone")}</th>
                  <th scope="col">{t("measure.dueDate")}</th>
                  <th scope="col">{t("measure.milestoneStatus")}</th>
                  {data.canEdit ? <th scope="col">{t("measure.actions")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {data.milestones.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">{m.title}</th>
                    <td>{m.dueDate}</td>
                    <td>{m.doneDate ? t("measure.doneOn", { date: m.doneDate }) : t("measure.notDone")}</td>
                    {data.canEdit ? (
                      <td>
                        <Form method="post" className="row">
                          <input type="hidden" name="milestoneId" value={m.id} />
                          <button type="submit" name="intent" value={m.doneDate ? "milestoneUndone" : "milestoneDone"} className="ds-button" data-variant="secondary" data-size="sm">
                            {m.doneDate ? t("measure.markNotDone", { title: m.title }) : t("measure.markDone", { title: m.title })}
                          </button>
                          <button type="submit" name="intent" value="removeMilestone" className="ds-button" data-variant="tertiary" data-size="sm">
                            {t("measure.removeMilestone", { title: m.title })}
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {data.canEdit ? (
          <Form method="post" className="row" noValidate>
            <input type="hidden" name="intent" value="addMilestone" />
            <TextField id="milestoneTitle" name="milestoneTitle" label={t("measure.milestone")} defaultValue={vals("addMilestone").milestoneTitle} error={errs("addMilestone").milestoneTitle ? t(errs("addMilestone").milestoneTitle) : undefined} />
            <TextField id="dueDate" name="dueDate" type="date" label={t("measure.dueDate")} defaultValue={vals("addMilestone").dueDate} error={errs("addMilestone").dueDate ? t(errs("addMilestone").dueDate) : undefined} />
            <button type="submit" className="ds-button" data-variant="secondary">
              {t("measure.addMilestone")}
            </button>
          </Form>
        ) : null}
      </Section>

      <Section title={t("measure.cases")}>
        <div id="saker" />
        {data.links.length === 0 ? <p className="ds-paragraph">{t("measure.noCases")}</p> : null}
        <ul className="ds-list">
          {data.links.map((c) => (
            <li key={c.reference}>
              <Link to={`/saker/${c.reference}`} className="ds-link">
                {c.reference}: {c.title ?? <em>{tc("case.withheld", { basis: c.titleWithheld })}</em>}
              </Link>{" "}
              <span className="ds-tag">{t(`caseStatus.${c.status}`, { defaultValue: c.status })}</span>
              {data.canEdit && c.caseId ? (
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
        {data.canEdit ? (
          <Form method="post" className="row" noValidate>
            <input type="hidden" name="intent" value="linkCase" />
            <TextField
              id="caseReference"
              name="caseReference"
              label={t("measure.caseReference")}
              description={t("measure.caseReferenceHelp")}
              defaultValue={vals("linkCase").caseReference}
              error={errs("linkCase").caseReference ? t(errs("linkCase").caseReference) : undefined}
            />
            <button type="submit" className="ds-button" data-variant="secondary">
              {t("measure.linkCase")}
            </button>
          </Form>
        ) : null}
      </Section>

      {data.edit ? (
        <Section title={t("measure.edit")}>
          <ErrorSummary heading={t("errors.summary")} errors={fields.filter((f) => ue[f]).map((f) => ({ id: f === "form" ? "title" : f, message: t(ue[f]) }))} />
          <Form method="post" className="stack form-wide" noValidate>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="version" value={data.edit.version} />
            <TextField id="title" name="title" label={t("measure.title")} defaultValue={uv.title ?? measure.title.nn} error={ue.title ? t(ue.title) : undefined} required />
            <TextArea id="description" name="description" label={t("measure.description")} defaultValue={uv.description ?? measure.description.nn} error={ue.description ? t(ue.description) : undefined} />
            <SelectField
              id="responsible"
              name="responsible"
              label={t("measure.responsible")}
              defaultValue={uv.responsible ?? measure.responsible}
              options={data.responsibleOptions.map((r) => ({ value: r, label: t(`responsible.${r}`) }))}
            />
            <SelectField
              id="responsibleBodyId"
              name="responsibleBodyId"
              label={t("measure.responsibleBody")}
              description={t("measure.responsibleBodyHelp")}
              defaultValue={uv.responsibleBodyId ?? String(data.edit.responsibleBodyId ?? "")}
              options={[{ value: "", label: "–" }, ...data.edit.bodies.map((b) => ({ value: String(b.id), label: b.shortName }))]}
            />
            <SelectField
              id="status"
              name="status"
              label={t("measure.status")}
              defaultValue={uv.status ?? measure.status}
              error={ue.status ? t(ue.status) : undefined}
              options={data.statusOptions.map((s) => ({ value: s, label: t(`measureStatus.${s}`) }))}
            />
            <TextField id="progress" name="progress" inputMode="numeric" label={t("measure.progressInput")} defaultValue={uv.progress ?? String(measure.progress)} error={ue.progress ? t(ue.progress) : undefined} />
            <div>
              <button type="submit" className="ds-button" data-variant="primary">
                {t("measure.save")}
              </button>
            </div>
          </Form>
        </Section>
      ) : null}

      {data.signedIn ? (
        <Section title={t("measure.history")}>
          {data.history.length === 0 ? <p className="ds-paragraph">{t("measure.noHistory")}</p> : null}
          <ol className="ds-list history-list">
            {data.history.map((h) => (
              <li key={h.id}>
                <strong>{osloDateTime(h.at)}</strong> – {h.actorLabel}:{" "}
                {t(`history.${h.action}`, { defaultValue: h.action })}
                {h.changes.length ? (
                  <ul>
                    {h.changes.map((c) => (
                      <li key={c.field}>
                        {t(`history.field.${c.field}`, { defaultValue: c.field })}: {c.from ? `«${c.from}» → ` : ""}«{c.to}»
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
