/**
 * /profil/passord: change your own password (current password, the new one twice, at least 12
 * characters). Every other session of the user is revoked and this one is replaced by a new one.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/security";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { changePassword, PASSWORD_MIN, validatePasswordChange, type PasswordErrors } from "~/models/account.server";
import { log } from "~/services/log.server";
import { forwardRetryAfter, hitRateLimit, limitKey, retryAfterHeaders, undoRateLimitHit } from "~/services/rate-limit.server";
import { createSession, requireUser } from "~/http/session.server";
import { readForm } from "~/http/http.server";

export const meta: MetaFunction = () => [{ title: "Byt passord – Helsefellesskap Møre og Romsdal" }];
export const headers = forwardRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { done: new URL(request.url).searchParams.get("endra") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const input = { current: form.get("current"), next: form.get("next"), repeat: form.get("repeat") };
  const errors = validatePasswordChange(input);
  if (errors) return Response.json({ errors }, { status: 400 });
  // Guessing the current password with a stolen session is limited like sign-in.
  const hit = await hitRateLimit({ key: limitKey("password:user", user.id), limit: 5, windowSeconds: 300 });
  if (!hit.allowed) return Response.json({ errors: { current: "password.errors.currentWrong" } satisfies PasswordErrors }, { status: 429, headers: retryAfterHeaders(hit.retryAfterSeconds) });
  const result = await changePassword(user, String(input.current), String(input.next));
  if (result === "wrong_current") {
    log("info", "password_change_failed", { userId: user.id });
    return Response.json({ errors: { current: "password.errors.currentWrong" } satisfies PasswordErrors }, { status: 400 });
  }
  await undoRateLimitHit({ key: limitKey("password:user", user.id), windowStart: hit.windowStart });
  log("info", "password_changed", { userId: user.id });
  return redirect("/profil/passord?endra=1", { status: 303, headers: { "Set-Cookie": await createSession(user.id) } });
}

export default function ChangePassword() {
  const { t } = useTranslation("security");
  const { done } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: PasswordErrors }>();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? {};
  const summary = (["current", "next", "repeat"] as const)
    .filter((k) => errors[k])
    .map((k) => ({ id: `password-${k}`, message: t(errors[k]!) }));
  useEffect(() => {
    if (actionData?.errors) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
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
      <Form method="post" className="stack" noValidate>
        <TextField
          id="password-current"
          name="current"
          type="password"
          autoComplete="current-password"
          label={t("password.current")}
          error={errors.current ? t(errors.current) : undefined}
          required
        />
        <TextField
          id="password-next"
          name="next"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN}
          label={t("password.next")}
          description={t("password.nextHelp")}
          error={errors.next ? t(errors.next) : undefined}
          required
        />
        <TextField
          id="password-repeat"
          name="repeat"
          type="password"
          autoComplete="new-password"
          label={t("password.repeat")}
          error={errors.repeat ? t(errors.repeat) : undefined}
          required
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
