import { actorOf } from "~/models/actor";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { localized } from "~/i18n";
import { roundsOfPlans } from "~/models/checklists.server";
import {
  addGoal,
  addMeasure,
  canEditPlan,
  fieldErrors,
  getPlan,
  goalFormSchema,
  listBodiesForSelect,
  measureAnchor,
  measureCreateSchema,
  MEASURE_RESPONSIBLE,
} from "~/models/plans.server";
import { useRootData } from "~/root";
import { getSessionUser, requireUser, forbidden } from "~/http/session.server";
import { readForm } from "~/http/http.server";

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
  const found = await getPlan(params.slug ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  if (!canEditPlan(user, found.plan)) forbidden();
  const form = Object.fromEntries(await readForm(request));
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 4000) : ""]));
  if (form.intent === "addGoal") {
    const parsed = goalFormSchema.safeParse(form);
    if (!parsed.success) return Response.json({ intent: "addGoal", errors: fieldErrors(parsed.error), values }, { status: 400 });
    await addGoal({ actor: actorOf(user), planId: found.plan.id, title: { nn: parsed.data.goalTitle } });
    return redirect(`/handlingsplanar/${found.plan.slug}`);
  }
  if (form.intent === "addMeasure") {
    const parsed = measureCreateSchema.safeParse(form);
    if (!parsed.success) return Response.json({ intent: "addMeasure", errors: fieldErrors(parsed.error), values }, { status: 400 });
    const v = parsed.data;
    const m = await addMeasure({
      actor: actorOf(user),
      planId: found.plan.id,
      goalId: v.goalId,
      title: { nn: v.measureTitle },
      description: v.measureDescription,
      responsible: v.responsible,
      responsibleBodyId: v.responsible === "body" ? (v.responsibleBodyId ?? null) : null,
    });
    if (!m) return Response.json({ intent: "addMeasure", errors: { goalId: "errors.required" }, values }, { status: 400 });
    return redirect(`/handlingsplanar/${found.plan.slug}#${measureAnchor(m.number)}`);
  }
  return Response.json({ errors: { form: "errors.invalid" }, values }, { status: 400 });
}

/** "1.1" → "tiltak-1-1" (same as measureAnchor in the model; the model is server-only). */
const anchorOf = (number: string) => `tiltak-${number.replace(/\./g, "-")}`;

export default function PlanPage() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const action = useActionData<{ intent: string; errors: Record<string, string>; values: Record<string, string> }>();
  const lang = useRootData()?.lang ?? "nn";
  const { plan } = data;
  const errs = (intent: string) => (action?.intent === intent ? action.errors : {});
  const vals = (intent: string) => (action?.intent === intent ? action.values : {});
  const goalErrors = errs("addGoal");
  const measureErrors = errs("addMeasure");
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
          <Section title={t("plans.addGoal")}>
            <ErrorSummary heading={t("errors.summary")} errors={Object.keys(goalErrors).map((k) => ({ id: k, message: t(goalErrors[k]) }))} />
            <Form method="post" className="stack form-wide" noValidate>
              <input type="hidden" name="intent" value="addGoal" />
              <TextField id="goalTitle" name="goalTitle" label={t("plans.goalTitle")} defaultValue={vals("addGoal").goalTitle} error={goalErrors.goalTitle ? t(goalErrors.goalTitle) : undefined} required />
              <div>
                <button type="submit" className="ds-button" data-variant="secondary">
                  {t("plans.addGoal")}
                </button>
              </div>
            </Form>
          </Section>
          {data.goals.length ? (
            <Section title={t("plans.addMeasure")}>
              <ErrorSummary heading={t("errors.summary")} errors={Object.keys(measureErrors).map((k) => ({ id: k, message: t(measureErrors[k]) }))} />
              <Form method="post" className="stack form-wide" noValidate>
                <input type="hidden" name="intent" value="addMeasure" />
                <SelectField
                  id="goalId"
                  name="goalId"
                  label={t("plans.goalSelect")}
                  defaultValue={vals("addMeasure").goalId}
                  error={measureErrors.goalId ? t(measureErrors.goalId) : undefined}
                  options={data.goals.map((g) => ({ value: String(g.id), label: `${g.number}. ${localized(g.title, lang)}` }))}
                />
                <TextField id="measureTitle" name="measureTitle" label={t("measure.title")} defaultValue={vals("addMeasure").measureTitle} error={measureErrors.measureTitle ? t(measureErrors.measureTitle) : undefined} required />
                <TextArea id="measureDescription" name="measureDescription" label={t("measure.description")} defaultValue={vals("addMeasure").measureDescription} error={measureErrors.measureDescription ? t(measureErrors.measureDescription) : undefined} />
                <SelectField
                  id="responsible"
                  name="responsible"
                  label={t("measure.responsible")}
                  defaultValue={vals("addMeasure").responsible ?? "both"}
                  options={data.responsibleOptions.map((r) => ({ value: r, label: t(`responsible.${r}`) }))}
                />
                <SelectField
                  id="responsibleBodyId"
                  name="responsibleBodyId"
                  label={t("measure.responsibleBody")}
                  description={t("measure.responsibleBodyHelp")}
                  defaultValue={vals("addMeasure").responsibleBodyId ?? ""}
                  options={[{ value: "", label: "–" }, ...data.bodies.map((b) => ({ value: String(b.id), label: b.shortName }))]}
                />
                <div>
                  <button type="submit" className="ds-button" data-variant="secondary">
                    {t("plans.addMeasure")}
                  </button>
                </div>
              </Form>
            </Section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
