import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { formReply } from "~/components/plans/form-reply";
import { AddGoalForm, AddMeasureForm } from "~/components/plans/plan-forms";
import { localized } from "~/i18n";
import { roundsOfPlans } from "~/models/checklists.server";
import { addGoal, addMeasure, canEditPlan, getPlan, listBodiesForSelect, MEASURE_RESPONSIBLE, planForEditing, planPageSchema } from "~/models/plans.server";
import { useRootData } from "~/root";
import { getSessionUser, requireUser } from "~/http/session.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.plan.title.nn ?? "Handlingsplan"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const found = await getPlan(params.slug ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const canEdit = canEditPlan(user, found.plan);
  const [bodies, rounds] = await Promise.all([canEdit ? listBodiesForSelect() : Promise.resolve([]), roundsOfPlans([found.plan.id])]);
  const visibleRounds = rounds
    .filter((r) => r.status === "closed" || user)
    .sort((a, b) => a.referenceDate.localeCompare(b.referenceDate))
    .map((r) => ({ id: r.id, title: r.title, status: r.status, deadline: r.deadline, description: r.description }));
  return { ...found, canEdit, isSecretariat: user?.role === "secretariat", bodies, rounds: visibleRounds, responsibleOptions: MEASURE_RESPONSIBLE };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const planSlug = params.slug ?? "";
  // 404 / 403 before the form is read (the operations check again when they write).
  try {
    await planForEditing(user, planSlug);
  } catch (error) {
    rethrowAsResponse(error);
  }
  const submission = parseWithZod(await readForm(request), { schema: planPageSchema, disableAutoCoercion: true });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  try {
    if (input.intent === "addGoal") {
      await addGoal(user, { planSlug, ...input });
      return redirect(`/handlingsplanar/${planSlug}`);
    }
    const measure = await addMeasure(user, { planSlug, ...input });
    return redirect(`/handlingsplanar/${planSlug}#${measure.anchor}`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

/** "1.1" → "tiltak-1-1" (same as measureAnchor in the model; the model is server-only). */
const anchorOf = (number: string) => `tiltak-${number.replace(/\./g, "-")}`;

export default function PlanPage() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = useRootData()?.lang ?? "nn";
  const { plan } = data;
  return (
    <>
      <PageTitle>{localized(plan.title, lang)}</PageTitle>
      <dl className="plan-facts">
        <dt>{t("plans.period")}</dt>
        <dd>
          {plan.periodStart} – {plan.periodEnd}
        </dd>
        <dt>{t("plans.owner")}</dt>
        <dd>{plan.ownerName ? localized(plan.ownerName, lang) : "–"}</dd>
        <dt>{t("plans.status")}</dt>
        <dd>{t(`planStatus.${plan.status}`)}</dd>
      </dl>
      {plan.reconstructed ? (
        <div className="ds-alert" data-color="warning" id="rekonstruert">
          <h2 className="ds-heading" data-size="xs">
            {t("plans.reconstructedTitle")}
          </h2>
          <p className="ds-paragraph">{plan.sourceNote ? localized(plan.sourceNote, lang) : t("plans.reconstructedText")}</p>
        </div>
      ) : null}
      {data.goals.map((g) => (
        <Section key={g.id} title={t("plans.goal", { number: g.number, title: localized(g.title, lang) })}>
          {g.measures.length === 0 ? <p className="ds-paragraph muted">{t("plans.noMeasures")}</p> : null}
          <ol className="measure-list">
            {g.measures.map((m) => (
              <li key={m.id} id={anchorOf(m.number)} className="ds-card" data-variant="tinted">
                <h3 className="ds-heading" data-size="xs">
                  <Link to={`/handlingsplanar/${plan.slug}/tiltak/${m.number}`} className="ds-link">
                    {t("plans.measure", { number: m.number, title: localized(m.title, lang) })}
                  </Link>
                </h3>
                <p className="ds-paragraph" data-size="sm">
                  {t("measure.responsible")}: {t(`responsible.${m.responsible}`)} · {t("measure.status")}:{" "}
                  <span className="ds-tag" data-color={m.status === "done" ? "success" : m.status === "stopped" ? "danger" : m.status === "in_progress" ? "info" : "neutral"}>
                    {t(`measureStatus.${m.status}`)}
                  </span>{" "}
                  · {t("measure.progressValue", { progress: m.progress })}
                </p>
              </li>
            ))}
          </ol>
        </Section>
      ))}
      <Section title={t("rounds.title")}>
        {data.rounds.length === 0 ? <p className="ds-paragraph">{t("rounds.none")}</p> : null}
        <ul className="ds-list">
          {data.rounds.map((r) => (
            <li key={r.id}>
              {data.isSecretariat ? (
                <Link to={`/sjekkliste/runde/${r.id}`} className="ds-link">
                  {r.title}
                </Link>
              ) : (
                <Link to={`/dashbord?plan=${plan.slug}&runde=${r.id}`} className="ds-link">
                  {r.title}
                </Link>
              )}{" "}
              ({t(`roundStatus.${r.status}`)}, {t("rounds.deadline")} {r.deadline}){r.description ? <span className="muted"> – {r.description}</span> : null}
            </li>
          ))}
        </ul>
        <p className="ds-paragraph">
          <Link to={`/dashbord?plan=${plan.slug}`} className="ds-link">
            {t("plans.toDashboard")}
          </Link>
        </p>
        {data.isSecretariat ? (
          <p className="ds-paragraph">
            <Link to={`/sjekkliste/runde/ny?plan=${plan.id}`} className="ds-button" data-variant="secondary">
              {t("rounds.create")}
            </Link>
          </p>
        ) : null}
      </Section>
      {data.canEdit ? (
        <>
          <AddGoalForm reply={formReply(actionData, "addGoal")} />
          {data.goals.length ? (
            <AddMeasureForm reply={formReply(actionData, "addMeasure")} lang={lang} goals={data.goals} bodies={data.bodies} responsibleOptions={data.responsibleOptions} />
          ) : null}
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
