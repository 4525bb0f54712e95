import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { localized, translateCode } from "~/i18n";
import { NUMBER_FIELDS, openChecklist, submitChecklist } from "~/models/checklists.server";
import { readForm, replyWithError, requireIdParam, rethrowAsResponse } from "~/http/http.server";
import { requireUser } from "~/http/session.server";
import { useRootData } from "~/root";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Send inn sjekklista – Helsefellesskap Møre og Romsdal" }];

/** The confirmation form has no fields: submitting it is the whole request. */
const submitSchema = z.object({});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { checklist } = await openChecklist(user, { checklistId: requireIdParam(params.checklistId), write: true }).catch(rethrowAsResponse);
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
  const user = await requireUser(request);
  const checklistId = requireIdParam(params.checklistId);
  const submission = parseWithZod(await readForm(request), { schema: submitSchema });
  try {
    await submitChecklist(user, { checklistId });
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirect(`/sjekkliste/${checklistId}?sendt=1`);
}

export default function SubmitChecklist() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = useRootData()?.lang ?? "nn";
  const missing = actionData?.error.params.list ? String(actionData.error.params.list).split(", ") : data.missing;
  return (
    <>
      <PageTitle>{t("submit.title", { round: data.roundTitle, party: data.partyName })}</PageTitle>
      {actionData?.error ? (
        <div className="ds-alert" data-color="danger" role="alert">
          <p className="ds-paragraph">{translateCode(t, "plans", actionData.error.code)}</p>
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
