import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { localized } from "~/i18n";
import { NUMBER_FIELDS, requireChecklist, submitChecklist } from "~/models/checklists.server";
import { actorOf } from "~/models/actor";
import { useRootData } from "~/root";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Send inn sjekklista – Helsefellesskap Møre og Romsdal" }];

async function load(request: Request, raw: string | undefined) {
  const { user, scope, checklist } = await requireChecklist(request, raw, { write: true });
  return { user, scope: { partyNumber: scope.partyNumber! }, checklist };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { checklist } = await load(request, params.checklistId);
  if (!checklist.editable) throw redirect(`/sjekkliste/${checklist.checklist.id}`);
  return {
    id: checklist.checklist.id,
    partyName: checklist.partyName,
    roundTitle: checklist.round.title,
    measures: checklist.measures,
    keyFigures: checklist.keyFigures,
    missing: checklist.measures.filter((m) => !m.status).map((m) => m.number),
    numberFields: NUMBER_FIELDS,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, checklist } = await load(request, params.checklistId);
  const result = await submitChecklist({ actor: actorOf(user), checklistId: checklist.checklist.id, partyNumber: scope.partyNumber });
  if (!result.ok) {
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    return Response.json({ error: result.error, missing: result.missing ?? [] }, { status: result.error === "locked" ? 409 : 400 });
  }
  return redirect(`/sjekkliste/${checklist.checklist.id}?sendt=1`);
}

export default function SubmitChecklist() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const action = useActionData<{ error: string; missing: string[] }>();
  const lang = useRootData()?.lang ?? "nn";
  const missing = action?.missing?.length ? action.missing : data.missing;
  return (
    <>
      <PageTitle>{t("submit.title", { round: data.roundTitle, party: data.partyName })}</PageTitle>
      {action?.error ? (
        <div className="ds-alert" data-color="danger" role="alert">
          <p className="ds-paragraph">{t(`submit.${action.error}`)}</p>
        </div>
      ) : null}
      {missing.length ? (
        <div className="ds-alert" data-color="warning">
          <p className="ds-paragraph">{t("submit.missing", { list: missing.join(", ") })}</p>
          <p className="ds-paragraph">
            <Link to={`/sjekkliste/${data.id}`} className="ds-link">
              {t("submit.backToEdit")}
            </Link>
          </p>
        </div>
      ) : (
        <p className="ds-paragraph">{t("submit.confirmText")}</p>
      )}
      <div className="table-wrap">
        <table className="ds-table">
          <caption>{t("submit.summaryCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("excel.measureNumber")}</th>
              <th scope="col">{t("excel.measureTitle")}</th>
              <th scope="col">{t("excel.status")}</th>
              <th scope="col">{t("excel.comment")}</th>
            </tr>
          </thead>
          <tbody>
            {data.measures.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.number}</th>
                <td>{localized(m.title, lang)}</td>
                <td>{m.status ? t(`answerStatus.${m.status}`) : <strong>{t("submit.noStatus")}</strong>}</td>
                <td>{m.comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="plan-facts">
        {data.numberFields.map((f) => (
          <div key={f}>
            <dt>{t(`keyFigures.${f}`)}</dt>
            <dd>{data.keyFigures[f] ?? "–"}</dd>
          </div>
        ))}
      </dl>
      <div className="row">
        <Form method="post">
          <button type="submit" className="ds-button" data-variant="primary" disabled={missing.length > 0}>
            {t("submit.confirm")}
          </button>
        </Form>
        <Link to={`/sjekkliste/${data.id}`} className="ds-button" data-variant="secondary">
          {t("submit.cancel")}
        </Link>
      </div>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
