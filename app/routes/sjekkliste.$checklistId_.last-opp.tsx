import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type LinksFunction,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { i18nFor } from "~/i18n";
import { requireChecklist, saveChecklistDraft } from "~/models/checklists.server";
import { formatUploadError, looksLikeXlsx, MAX_UPLOAD_BYTES, parseTemplate } from "~/models/excel.server";
import { actorOf } from "~/models/actor";
import { readBoundedForm } from "~/http/form-body.server";
import { getLang } from "~/http/lang.server";
import { log } from "~/services/log.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Last opp sjekkliste – Helsefellesskap Møre og Romsdal" }];

async function load(request: Request, raw: string | undefined) {
  const { user, scope, checklist } = await requireChecklist(request, raw, { write: true });
  return { user, partyNumber: scope.partyNumber!, checklist };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { checklist } = await load(request, params.checklistId);
  return { id: checklist.checklist.id, roundTitle: checklist.round.title, partyName: checklist.partyName, editable: checklist.editable };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, partyNumber, checklist } = await load(request, params.checklistId);
  const lang = await getLang(request);
  const fail = (errors: string[], status = 400) => Response.json({ errors }, { status });
  const t = i18nFor(lang).getFixedT(lang, "plans");
  if (!checklist.editable) return fail([t("errors.locked")], 409);
  // Any file name a browser sends is read (issue 11, finding 15): app/http/form-body.server.ts.
  const read = await readBoundedForm(request, MAX_UPLOAD_BYTES + 64 * 1024);
  if (!read.ok) return read.reason === "too_large" ? fail([t("upload.tooLarge")], 413) : fail([t("upload.noFile")]);
  const f = read.formData.get("file");
  const file = f instanceof File ? f : null;
  if (!file || file.size === 0) return fail([t("upload.noFile")]);
  if (file.size > MAX_UPLOAD_BYTES) return fail([t("upload.tooLarge")], 413);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!looksLikeXlsx(bytes)) return fail([t("upload.notXlsx")], 415);
  const parsed = await parseTemplate({ bytes, checklistId: checklist.checklist.id, measures: checklist.measures, lang });
  if (!parsed.ok) {
    log("info", "checklist_upload_rejected", { checklistId: checklist.checklist.id, errors: parsed.errors.length });
    return fail(
      parsed.errors.map((e) => formatUploadError(e, lang)),
      parsed.tooLarge ? 413 : 400,
    );
  }
  // One transaction: the whole file or nothing.
  const result = await saveChecklistDraft({
    actor: actorOf(user),
    checklistId: checklist.checklist.id,
    partyNumber,
    version: null,
    answers: parsed.answers,
    keyFigures: parsed.keyFigures,
  });
  if (!result.ok) return fail([t(result.error === "locked" ? "errors.locked" : "errors.conflict")], 409);
  log("info", "checklist_upload_ok", { checklistId: checklist.checklist.id, answers: parsed.answers.length });
  return redirect(`/sjekkliste/${checklist.checklist.id}?lasta=1`);
}

export default function UploadChecklist() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const action = useActionData<{ errors: string[] }>();
  useEffect(() => {
    if (action?.errors) document.querySelector<HTMLElement>("#upload-errors")?.focus();
  }, [action]);
  return (
    <div className="form-wide">
      <PageTitle>{t("upload.title", { round: data.roundTitle, party: data.partyName })}</PageTitle>
      <p className="ds-paragraph">{t("upload.intro")}</p>
      <p className="ds-paragraph">
        <a href={`/sjekkliste/${data.id}/mal.xlsx`} className="ds-link" download>
          {t("checklist.downloadTemplate")}
        </a>
      </p>
      {action?.errors?.length ? (
        <div className="ds-error-summary" role="alert" id="upload-errors" tabIndex={-1} aria-labelledby="upload-errors-heading">
          <h2 id="upload-errors-heading" className="ds-heading" data-size="xs">
            {t("upload.rejected", { count: action.errors.length })}
          </h2>
          <ul className="ds-list">
            {action.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {data.editable ? (
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="ds-field">
            <label className="ds-label" htmlFor="file">
              {t("upload.file")}
            </label>
            <p className="ds-paragraph" data-size="sm" id="file-desc">
              {t("upload.fileHelp")}
            </p>
            {action?.errors?.length ? (
              <p className="ds-validation-message" data-field="validation" id="file-error" data-color="danger">
                {action.errors[0]}
              </p>
            ) : null}
            <input
              id="file"
              name="file"
              type="file"
              className="ds-input"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={action?.errors?.length ? "file-desc file-error" : "file-desc"}
              aria-invalid={action?.errors?.length ? true : undefined}
              required
            />
          </div>
          <div>
            <button type="submit" className="ds-button" data-variant="primary">
              {t("upload.submit")}
            </button>
          </div>
        </Form>
      ) : (
        <p className="ds-paragraph">{t("checklist.readOnly")}</p>
      )}
      <p className="ds-paragraph">
        <Link to={`/sjekkliste/${data.id}`} className="ds-link">
          {t("upload.back")}
        </Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
