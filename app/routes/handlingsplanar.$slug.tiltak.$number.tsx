import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { formReply } from "~/components/plans/form-reply";
import { MeasureCases } from "~/components/plans/measure-cases";
import { MeasureEditForm } from "~/components/plans/measure-edit-form";
import { MeasureHistory } from "~/components/plans/measure-history";
import { MeasureMilestones } from "~/components/plans/measure-milestones";
import { localized } from "~/i18n";
import {
  addMilestone,
  canEditPlan,
  getMeasure,
  linkCase,
  listBodiesForSelect,
  MEASURE_RESPONSIBLE,
  MEASURE_STATUSES,
  measureForEditing,
  measurePageSchema,
  removeMilestone,
  setMilestoneDone,
  unlinkCase,
  updateMeasure,
} from "~/models/plans.server";
import { useRootData } from "~/root";
import { getSessionUser, requireUser } from "~/http/session.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";
import { osloDateTime } from "~/services/oslo-time";

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
    measure: {
      number: measure.number,
      title: measure.title,
      description: measure.description,
      responsible: measure.responsible,
      status: measure.status,
      progress: measure.progress,
    },
    plan: { slug: plan.slug, title: plan.title, reconstructed: plan.reconstructed },
    goal: { number: goal.number, title: goal.title },
    responsibleBodyName: found.responsibleBodyName,
    milestones: found.milestones.map((m) => ({ id: m.id, title: m.title, dueDate: m.dueDate, doneDate: m.doneDate })),
    links: found.links.map(({ caseId, ...c }) => ({ ...c, caseId: canEdit ? caseId : null })),
    canEdit,
    edit: canEdit ? { version: measure.version, responsibleBodyId: measure.responsibleBodyId, bodies: await listBodiesForSelect() } : null,
    // History shows who changed what (when: "2026-11-23 14:05" in Norwegian time, the same on
    // server and client); names of editors are for signed-in members.
    history: user ? found.history.map((h) => ({ ...h, when: osloDateTime(h.at) })) : [],
    signedIn: Boolean(user),
    responsibleOptions: MEASURE_RESPONSIBLE,
    statusOptions: MEASURE_STATUSES,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // 404 / 403 before the form is read (each operation checks again when it writes).
  let measure: Awaited<ReturnType<typeof measureForEditing>>;
  try {
    measure = await measureForEditing(user, { slug: params.slug ?? "", number: params.number ?? "" });
  } catch (error) {
    rethrowAsResponse(error);
  }
  const submission = parseWithZod(await readForm(request), { schema: measurePageSchema, disableAutoCoercion: true });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  const measureId = measure.id;
  const here = `/handlingsplanar/${measure.planSlug}/tiltak/${measure.number}`;
  try {
    switch (input.intent) {
      case "update":
        await updateMeasure(user, { measureId, ...input });
        return redirect(`${here}?lagra=1`);
      case "addMilestone":
        await addMilestone(user, { measureId, ...input });
        return redirect(`${here}#milepelar`);
      case "milestoneDone":
      case "milestoneUndone":
        await setMilestoneDone(user, { measureId, milestoneId: input.milestoneId, done: input.intent === "milestoneDone" });
        return redirect(`${here}#milepelar`);
      case "removeMilestone":
        await removeMilestone(user, { measureId, milestoneId: input.milestoneId });
        return redirect(`${here}#milepelar`);
      case "linkCase":
        await linkCase(user, { measureId, caseReference: input.caseReference });
        return redirect(`${here}#saker`);
      case "unlinkCase":
        await unlinkCase(user, { measureId, caseId: input.caseId });
        return redirect(`${here}#saker`);
    }
  } catch (error) {
    return replyWithError(submission, error);
  }
}

/** "1.1" → "tiltak-1-1" (same as measureAnchor in the model; the model is server-only). */
const anchorOf = (number: string) => `tiltak-${number.replace(/\./g, "-")}`;

export default function MeasurePage() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = useRootData()?.lang ?? "nn";
  const { measure, plan, goal } = data;
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
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
      <MeasureMilestones milestones={data.milestones} canEdit={data.canEdit} reply={formReply(actionData, "addMilestone")} />
      <MeasureCases links={data.links} canEdit={data.canEdit} reply={formReply(actionData, "linkCase")} />
      {data.edit ? (
        <MeasureEditForm
          reply={formReply(actionData, "update")}
          measure={measure}
          edit={data.edit}
          responsibleOptions={data.responsibleOptions}
          statusOptions={data.statusOptions}
        />
      ) : null}
      {data.signedIn ? <MeasureHistory history={data.history} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
