import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { localized, translateCode } from "~/i18n";
import { getRoundOverview, remindNow, reopenChecklist, roundActionSchema, setRoundStatus, type ChecklistState } from "~/models/checklists.server";
import { useRootData } from "~/root";
import { requireRole, requireUser } from "~/http/session.server";
import { readForm, replyWithError, requireIdParam, rethrowAsResponse } from "~/http/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.round.title ?? "Evalueringsrunde"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getRoundOverview(user, { roundId: requireIdParam(params.id) }).catch(rethrowAsResponse);
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Refused before the form is read (the operations check again).
  const user = await requireRole(request, "secretariat");
  const roundId = requireIdParam(params.id);
  const submission = parseWithZod(await readForm(request), { schema: roundActionSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), error: { code: "errors.invalid", params: {} } }, { status: 400 });
  const form = submission.value;
  try {
    switch (form.intent) {
      case "close":
      case "open":
        await setRoundStatus(user, { roundId, status: form.intent === "close" ? "closed" : "open" });
        return redirect(`/sjekkliste/runde/${roundId}?melding=${form.intent === "close" ? "lukka" : "opna"}`);
      case "reopen":
        await reopenChecklist(user, { roundId, checklistId: form.checklistId });
        return redirect(`/sjekkliste/runde/${roundId}?melding=gjenopna`);
      case "remind": {
        const n = await remindNow(user);
        return redirect(`/sjekkliste/runde/${roundId}?melding=paminning&tal=${n}`);
      }
    }
  } catch (error) {
    return replyWithError(submission, error);
  }
}

const stateColor: Record<ChecklistState, string> = { submitted: "success", draft: "warning", nothing: "danger" };

export default function RoundPage() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
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
          <p className="ds-paragraph">{translateCode(t, "plans", `roundPage.message.${message}`, { count: Number(params.get("tal") ?? 0), defaultValue: "" })}</p>
        </div>
      ) : null}
      {actionData?.error ? (
        <div className="ds-alert" data-color="danger" role="alert">
          <p className="ds-paragraph">{translateCode(t, "plans", actionData.error.code)}</p>
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
