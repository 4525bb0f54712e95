import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type LinksFunction, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { formatUploadError, type UploadErrorView } from "~/components/checklists/upload-errors";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle } from "~/components/page";
import { i18nFor } from "~/i18n";
import { openChecklist } from "~/models/checklists.server";
import { looksLikeXlsx, MAX_UPLOAD_BYTES, uploadChecklist } from "~/models/excel.server";
import { isDomainError } from "~/services/domain-error";
import { readBoundedForm } from "~/http/form-body.server";
import { requireIdParam, rethrowAsResponse, statusOf } from "~/http/http.server";
import { getLang } from "~/http/lang.server";
import { requireUser } from "~/http/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Last opp sjekkliste – Helsefellesskap Møre og Romsdal" }];

/** The upload form: one .xlsx file of at most MAX_UPLOAD_BYTES (messages: i18n keys of plans). */
const uploadSchema = z.object({
  file: z
    .instanceof(File, { message: "upload.noFile" })
    .refine((f) => f.size > 0, "upload.noFile")
    .refine((f) => f.size <= MAX_UPLOAD_BYTES, "upload.tooLarge"),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { checklist } = await openChecklist(user, { checklistId: requireIdParam(params.checklistId), write: true }).catch(rethrowAsResponse);
  return { id: checklist.checklist.id, roundTitle: checklist.round.title, partyName: checklist.partyName, editable: checklist.editable };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const checklistId = requireIdParam(params.checklistId);
  // Scoped first: another party's checklist is not found (404) before the body is read.
  const { checklist } = await openChecklist(user, { checklistId, write: true }).catch(rethrowAsResponse);
  const lang = await getLang(request);
  const t = i18nFor(lang).getFixedT(lang, "plans");
  // The errors as the reporter reads them ("Rad 7, kolonne C: ukjend status «ferdig»").
  const fail = (errors: UploadErrorView[], status: number) => json({ errors: errors.map((e) => formatUploadError(e, t)) }, { status });
  const whole = (code: string, params: UploadErrorView["params"] = {}): UploadErrorView => ({ sheet: "", row: null, column: null, code, params });
  if (!checklist.editable) return fail([whole("errors.locked")], 409);
  // Any file name a browser sends is read (issue 11, finding 15): app/http/form-body.server.ts.
  const read = await readBoundedForm(request, MAX_UPLOAD_BYTES + 64 * 1024);
  if (!read.ok) return read.reason === "too_large" ? fail([whole("upload.tooLarge")], 413) : fail([whole("upload.noFile")], 400);
  const submission = parseWithZod(read.formData, { schema: uploadSchema });
  if (submission.status !== "success") {
    const code = submission.error?.file?.[0] ?? "upload.noFile";
    return fail([whole(code)], code === "upload.tooLarge" ? 413 : 400);
  }
  const bytes = new Uint8Array(await submission.value.file.arrayBuffer());
  if (!looksLikeXlsx(bytes)) return fail([whole("upload.notXlsx")], 415);
  try {
    const result = await uploadChecklist(user, { checklistId, bytes });
    if (!result.ok) return fail(result.errors, result.tooLarge ? 413 : 400);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return fail([whole(error.code, error.params)], statusOf(error));
  }
  return redirect(`/sjekkliste/${checklistId}?lasta=1`);
}

export default function UploadChecklist() {
  const { t } = useTranslation("plans");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  useEffect(() => {
    if (actionData?.errors) document.querySelector<HTMLElement>("#upload-errors")?.focus();
  }, [actionData]);
  return (
    <div className="form-wide">
      <PageTitle>{t("upload.title", { round: data.roundTitle, party: data.partyName })}</PageTitle>
      <p className="ds-paragraph">{t("upload.intro")}</p>
      <p className="ds-paragraph">
        <a href={`/sjekkliste/${data.id}/mal.xlsx`} className="ds-link" download>
          {t("checklist.downloadTemplate")}
        </a>
      </p>
      {actionData?.errors?.length ? (
        <div className="ds-error-summary" role="alert" id="upload-errors" tabIndex={-1} aria-labelledby="upload-errors-heading">
          <h2 id="upload-errors-heading" className="ds-heading" data-size="xs">
            {t("upload.rejected", { count: actionData.errors.length })}
          </h2>
          <ul className="ds-list">
            {actionData.errors.map((e, i) => (
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
            {actionData?.errors?.length ? (
              <p className="ds-validation-message" data-field="validation" id="file-error" data-color="danger">
                {actionData.errors[0]}
              </p>
            ) : null}
            <input
              id="file"
              name="file"
              type="file"
              className="ds-input"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={actionData?.errors?.length ? "file-desc file-error" : "file-desc"}
              aria-invalid={actionData?.errors?.length ? true : undefined}
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
