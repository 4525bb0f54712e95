import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed";
import { ErrorSummary, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { authenticator } from "~/services/auth.server";
import { env } from "~/services/env.server";
import { errorFields, log } from "~/services/log.server";
import { forwardRetryAfter, loginRateLimit, retryAfterHeaders } from "~/services/rate-limit.server";
import { safeRedirect } from "~/services/safe-redirect";
import { createSession, getSessionUser } from "~/http/session.server";
import { readForm } from "~/http/http.server";

export const headers = forwardRetryAfter;

export const meta: MetaFunction = () => [{ title: "Logg inn – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getSessionUser(request);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return { demoAccounts: env().demoMode ? DEMO_ACCOUNTS.map((a) => a.email) : [], demoPassword: env().demoMode ? DEMO_PASSWORD : null };
}

type ActionErrors = { email?: string; password?: string; form?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request.clone());
  const email = form.get("email");
  const password = form.get("password");
  const errors: ActionErrors = {};
  if (typeof email !== "string" || email.trim() === "") errors.email = "login.emailRequired";
  if (typeof password !== "string" || password === "") errors.password = "login.passwordRequired";
  if (errors.email || errors.password) return Response.json({ errors, email: typeof email === "string" ? email.slice(0, 200) : "" }, { status: 400 });
  // Rate limit (security, issue 6): failed sign-ins per client IP and per e-mail address. Issue 11,
  // finding 12: the account's limit refuses before the password is checked; the address's limit
  // refuses failures only, so a correct password from a busy shared address still signs in.
  const limit = await loginRateLimit({ context, email: String(email) });
  const rateLimited = () => {
    log("info", "login_rate_limited", { retryAfter: limit.retryAfterSeconds });
    return Response.json(
      { errors: { form: "login.rateLimited" }, email: String(email).slice(0, 200) },
      { status: 429, headers: retryAfterHeaders(limit.retryAfterSeconds) },
    );
  };
  if (limit.accountBlocked) return rateLimited();
  let userId: string;
  try {
    userId = (await authenticator.authenticate("form", request)).id;
  } catch (error) {
    if (!(error instanceof Error && error.message === "invalid_credentials")) log("warn", "login_error", errorFields(error));
    log("info", "login_failed");
    if (limit.addressBlocked) return rateLimited();
    // Same message and status whether the account exists or not.
    return Response.json({ errors: { form: "login.invalid" }, email: typeof email === "string" ? email.slice(0, 200) : "" }, { status: 400 });
  }
  await limit.succeeded();
  const cookie = await createSession(userId);
  log("info", "login_ok", { userId });
  return redirect(safeRedirect(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: ActionErrors; email: string }>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const summaryRef = useRef<HTMLDivElement>(null);
  const errors = actionData?.errors ?? {};
  const summary = [
    errors.form ? { id: "email", message: t(errors.form) } : null,
    errors.email ? { id: "email", message: t(errors.email) } : null,
    errors.password ? { id: "password", message: t(errors.password) } : null,
  ].filter((x): x is { id: string; message: string } => x != null);
  useEffect(() => {
    if (summary.length) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="form-narrow" ref={summaryRef}>
      <PageTitle>{t("login.title")}</PageTitle>
      <p className="ds-paragraph">{t("login.intro")}</p>
      <ErrorSummary heading={t("login.errorSummary")} errors={summary} />
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <TextField
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          label={t("login.email")}
          defaultValue={actionData?.email}
          error={errors.email ? t(errors.email) : errors.form ? t(errors.form) : undefined}
          required
        />
        <TextField
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          label={t("login.password")}
          error={errors.password ? t(errors.password) : undefined}
          required
        />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </div>
      </Form>
      {data.demoAccounts.length > 0 ? (
        <section className="page-section">
          <h2 className="ds-heading" data-size="xs">
            {t("login.demoAccounts", { password: data.demoPassword })}
          </h2>
          <ul className="demo-list">
            {data.demoAccounts.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
