/**
 * /mi-side/varsel: per kind of notice the user can receive, at once, a daily digest, or off
 * (app/models/notices.server.ts). A plain form: it works without JavaScript.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import "~/i18n/notices";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { PageTitle } from "~/components/page";
import { useMessages } from "~/components/secretariat/messages";
import { readForm, replyWithError } from "~/http/http.server";
import { requireUser } from "~/http/session.server";
import { NOTICE_KINDS, NOTICE_MODES, type NoticeKind, type NoticeMode } from "~/models/notice-kinds";
import { noticeSettings, saveNoticeSettings } from "~/models/notices.server";

export const meta: MetaFunction = () => [{ title: "Varsel – Helsefellesskap Møre og Romsdal" }];

const mode = z.enum(NOTICE_MODES, { message: "errors.modeInvalid" }).optional();
const schema = z.object(Object.fromEntries(NOTICE_KINDS.map((k) => [k, mode])) as Record<NoticeKind, typeof mode>);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { settings: await noticeSettings(user), saved: new URL(request.url).searchParams.get("lagra") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await readForm(request), { schema });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  try {
    await saveNoticeSettings(user, { modes: submission.value });
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirect("/mi-side/varsel?lagra=1", { status: 303 });
}

export default function NoticeSettings() {
  const { t, first } = useMessages("notices");
  const { settings, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof schema>>({ id: "notice-settings", lastResult: actionData?.result });
  const errorOf = (kind: NoticeKind) => first(fields[kind].errors);
  const summary = settings.flatMap((s) => {
    const message = errorOf(s.kind);
    return message ? [{ id: `notice-${s.kind}-${s.mode}`, message }] : [];
  });
  const chosen = (kind: NoticeKind, fallback: NoticeMode) => {
    const sent = actionData?.result.initialValue?.[kind];
    return typeof sent === "string" ? sent : fallback;
  };
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
  return (
    <div className="form-narrow">
      <PageTitle>{t("settings.title")}</PageTitle>
      {saved && !actionData ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t("settings.saved")}</p>
        </div>
      ) : null}
      <p className="ds-paragraph">{t("settings.intro")}</p>
      {settings.length === 0 ? (
        <p className="ds-paragraph">{t("settings.none")}</p>
      ) : (
        <>
          <ErrorSummary heading={t("settings.errorSummary")} errors={summary} />
          <Form method="post" className="stack" {...getFormProps(form)}>
            {settings.map((s) => {
              const error = errorOf(s.kind);
              const errorId = `notice-${s.kind}-error`;
              return (
                <fieldset key={s.kind} className="ds-fieldset" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
                  <legend className="ds-label">{t(`kinds.${s.kind}`)}</legend>
                  {NOTICE_MODES.map((m) => (
                    <div key={m} className="ds-field radio-row">
                      <input type="radio" className="ds-input" id={`notice-${s.kind}-${m}`} name={s.kind} value={m} defaultChecked={chosen(s.kind, s.mode) === m} />
                      <label className="ds-label" htmlFor={`notice-${s.kind}-${m}`}>
                        {t(`modes.${m}`)}
                      </label>
                    </div>
                  ))}
                  {error ? (
                    <p className="ds-validation-message" data-field="validation" data-color="danger" id={errorId}>
                      {error}
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
            <div>
              <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
                {t("settings.save")}
              </button>
            </div>
          </Form>
        </>
      )}
      <p className="ds-paragraph">
        <Link to="/mi-side">{t("settings.back")}</Link>
      </p>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
