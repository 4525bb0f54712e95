/**
 * /profil/passord: change your own password (current password, the new one twice, at least 12
 * characters). Every other session of the user is revoked and this one is replaced by a new one.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import type { z } from "zod";
import "~/i18n/security";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, NewPasswordFields, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { useMessages } from "~/components/secretariat/messages";
import { changePassword, PASSWORD_FIELDS, passwordChangeSchema } from "~/models/account.server";
import { log } from "~/services/log.server";
import { forwardRetryAfter, retryAfterHeaders } from "~/http/rate-limit.server";
import { hitRateLimit, limitKey, undoRateLimitHit } from "~/services/rate-limit.server";
import { createSession, requireUser } from "~/http/session.server";
import { readForm, replyWithError } from "~/http/http.server";

export const meta: MetaFunction = () => [{ title: "Byt passord – Helsefellesskap Møre og Romsdal" }];
export const headers = forwardRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { done: new URL(request.url).searchParams.get("endra") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseWithZod(await readForm(request), { schema: passwordChangeSchema });
  // Passwords are never echoed in a reply.
  const submission = { ...parsed, reply: (options: Parameters<typeof parsed.reply>[0] = {}) => parsed.reply({ ...options, hideFields: PASSWORD_FIELDS }) };
  if (parsed.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  // Guessing the current password with a stolen session is limited like sign-in.
  const hit = await hitRateLimit({ key: limitKey("password:user", user.id), limit: 5, windowSeconds: 300 });
  if (!hit.allowed) {
    return json(
      { result: submission.reply({ fieldErrors: { current: ["password.errors.currentWrong"] } }), error: null },
      { status: 429, headers: retryAfterHeaders(hit.retryAfterSeconds) },
    );
  }
  try {
    await changePassword(user, parsed.value);
  } catch (error) {
    log("info", "password_change_failed", { userId: user.id });
    return replyWithError(submission, error);
  }
  await undoRateLimitHit({ key: limitKey("password:user", user.id), windowStart: hit.windowStart });
  log("info", "password_changed", { userId: user.id });
  return redirect("/profil/passord?endra=1", { status: 303, headers: { "Set-Cookie": await createSession(user.id) } });
}

export default function ChangePassword() {
  const { t, first } = useMessages("security");
  const { done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof passwordChangeSchema>>({ id: "password-change", lastResult: actionData?.result });
  const errors = { current: first(fields.current.errors), next: first(fields.next.errors), repeat: first(fields.repeat.errors) };
  const summary = (["current", "next", "repeat"] as const).flatMap((k) => (errors[k] ? [{ id: `password-${k}`, message: errors[k] }] : []));
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
  return (
    <div className="form-narrow">
      <PageTitle>{t("password.title")}</PageTitle>
      {done && !actionData ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t("password.done")}</p>
        </div>
      ) : null}
      <p className="ds-paragraph">{t("password.intro")}</p>
      <ErrorSummary heading={t("password.errorSummary")} errors={summary} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField id="password-current" name={fields.current.name} type="password" autoComplete="current-password" label={t("password.current")} error={errors.current} required />
        <NewPasswordFields
          password={{ id: "password-next", name: fields.next.name, label: t("password.next"), description: t("password.nextHelp"), error: errors.next }}
          repeat={{ id: "password-repeat", name: fields.repeat.name, label: t("password.repeat"), error: errors.repeat }}
        />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {t("password.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
