import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { localized } from "~/i18n";
import { getRoundOverview, parseId, reopenChecklist, sendChecklistReminders, setRoundStatus, type ChecklistState } from "~/models/checklists.server";
import { actorOf } from "~/models/actor";
import { useRootData } from "~/root";
import { requireRole } from "~/http/session.server";
import { readForm } from "~/http/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? "Evalueringsrunde"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "secretariat");
  const id = parseId(params.id);
  const overview = id == null ? null : await getRoundOverview(id);
  if (!overview) throw new Response("Not found", { status: 404 });
  return overview;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "secretariat");
  const id = parseId(params.id);
  if (id == null) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const intent = form.get("intent");
  const actor = actorOf(user);
  if (intent === "close" || intent === "open") {
    if (!(await setRoundStatus({ actor, roundId: id, status: intent === "close" ? "closed" : "open" }))) throw new Response("Not found", { status: 404 });
    return redirect(`/sjekkliste/runde/${id}?melding=${intent === "close" ? "lukka" : "opna"}`);
  }
  if (intent === "reopen") {
    const checklistId = parseId(String(form.get("checklistId") ?? ""));
    const ok = checklistId != null && (await reopenChecklist({ actor, roundId: id, checklistId }));
    if (!ok) return Response.json({ error: "errors.invalid" }, { status: 400 });
    return redirect(`/sjekkliste/runde/${id}?melding=gjenopna`);
  }
  if (intent === "remind") {
    const n = await sendChecklistReminders(new Date());
    return redirect(`/sjekkliste/runde/${id}?melding=paminning&tal=${n}`);
  }
  return Response.json({ error: "errors.invalid" }, { status: 400 });
}

const stateColor: Record<ChecklistState, string> = { submitted: "success", draft: "warning", nothing: "danger" };

export default function RoundPage() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const lang = useRootData()?.lang ?? "nn";
  const { round, counts } = data;
  const message = params.get("melding");
  return (
    <>
      <p className="ds-paragraph" data-size="sm">
        <Link to={`/handlingsplanar/${data.planSlug}`} className="ds-link">
          {localized(data.planTitle, lang)}
        </Link>
      </p>
      <PageTitle>{round.title}</PageTitle>
      {message ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t(`roundPage.message.${message}`, { count: Number(params.get("tal") ?? 0), defaultValue: "" })}</p>
        </div>
      ) : null}
      {round.description ? <p className="ds-paragraph">{round.description}</p> : null}
      <dl className="plan-facts">
        <dt>{t("rounds.status")}</dt>
        <dd>{t(`roundStatus.${round.status}`)}</dd>
        <dt>{t("roundForm.referenceDate")}</dt>
        <dd>{round.referenceDate}</dd>
        <dt>{t("rounds.deadline")}</dt>
        <dd>{round.deadline}</dd>
        <dt>{t("roundForm.reminderDaysBefore")}</dt>
        <dd>{round.reminderDaysBefore}</dd>
      </dl>
      <div className="row">
        <Form method="post">
          <input type="hidden" name="intent" value={round.status === "open" ? "close" : "open"} />
          <button type="submit" className="ds-button" data-variant="secondary">
            {round.status === "open" ? t("roundPage.close") : t("roundPage.open")}
          </button>
        </Form>
        {round.status === "open" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remind" />
            <button type="submit" className="ds-button" data-variant="secondary">
              {t("roundPage.remindNow")}
            </button>
          </Form>
        ) : null}
        <a href={`/sjekkliste/runde/${round.id}/eksport.xlsx`} className="ds-button" data-variant="tertiary" download>
          {t("roundPage.export")}
        </a>
        <Link to={`/dashbord?plan=${data.planSlug}&runde=${round.id}`} className="ds-button" data-variant="tertiary">
          {t("roundPage.dashboard")}
        </Link>
      </div>
      <Section title={t("roundPage.summary")}>
        <ul className="stat-list">
          <li>
            <strong>{counts.submitted}</strong> {t("checklistState.submitted")}
          </li>
          <li>
            <strong>{counts.draft}</strong> {t("checklistState.draft")}
          </li>
          <li>
            <strong>{counts.nothing}</strong> {t("checklistState.nothing")}
          </li>
          <li>
            <strong>{data.checklists.length}</strong> {t("roundPage.parties")}
          </li>
        </ul>
      </Section>
      <div className="table-wrap">
        <table className="ds-table" data-border>
          <caption>{t("roundPage.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("excel.partyNumber")}</th>
              <th scope="col">{t("excel.partyName")}</th>
              <th scope="col">{t("roundPage.state")}</th>
              <th scope="col">{t("roundPage.answered")}</th>
              <th scope="col">{t("roundPage.lastChange")}</th>
              <th scope="col">{t("measure.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.checklists.map((c) => (
              <tr key={c.checklistId}>
                <td>{c.partyNumber}</td>
                <th scope="row">
                  <Link to={`/sjekkliste/${c.checklistId}`} className="ds-link">
                    {c.partyName}
                  </Link>
                </th>
                <td>
                  <span className="ds-tag" data-color={stateColor[c.state]}>
                    {t(`checklistState.${c.state}`)}
                  </span>
                </td>
                <td>{c.answered}</td>
                <td>{(c.submittedAt ?? c.updatedAt)?.slice(0, 10) ?? "–"}</td>
                <td>
                  {c.state === "submitted" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="reopen" />
                      <input type="hidden" name="checklistId" value={c.checklistId} />
                      <button type="submit" className="ds-button" data-variant="tertiary" data-size="sm">
                        {t("roundPage.reopen", { party: c.partyName })}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
