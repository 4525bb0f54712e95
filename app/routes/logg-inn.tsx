import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useRef } from "react";
import "~/i18n/people";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../db/seed";
import { ErrorSummary, TextField } from "~/components/form";
import { OidcButtons } from "~/components/login/oidc";
import { PageTitle } from "~/components/page";
import { useMessages } from "~/components/secretariat/messages";
import { authenticator } from "~/services/auth.server";
import { env } from "~/services/env.server";
import { errorFields, log } from "~/services/log.server";
import { forwardRetryAfter, retryAfterHeaders } from "~/http/rate-limit.server";
import { oidcProviders, prepareOidcProviders } from "~/services/oidc.server";
import { loginRateLimit } from "~/services/rate-limit.server";
import { safeRedirect, SIGNED_IN_HOME } from "~/services/safe-redirect";
import { createSession, getSessionUser } from "~/http/session.server";
import { readForm } from "~/http/http.server";

export const headers = forwardRetryAfter;

export const meta: MetaFunction = () => [{ title: "Logg inn – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await getSessionUser(request);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo"), SIGNED_IN_HOME));
  // Discovery before the page is rendered: its CSP form-action names the providers' login origins.
  await prepareOidcProviders();
  return {
    demoAccounts: env().demoMode ? DEMO_ACCOUNTS.map((a) => a.email) : [],
    demoPassword: env().demoMode ? DEMO_PASSWORD : null,
    // Organisational sign-in (OIDC_* variables): id and button text; none when unset.
    oidcProviders: oidcProviders(),
  };
}

const loginSchema = z.object({
  email: z.string({ required_error: "login.emailRequired" }).trim().min(1, "login.emailRequired"),
  password: z.string({ required_error: "login.passwordRequired" }),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseWithZod(await readForm(request.clone()), { schema: loginSchema });
  // The password is never echoed; the address at most 200 characters.
  const reply = (formErrors?: string[]) => {
    const result = parsed.reply({ formErrors, hideFields: ["password"] });
    const email = result.initialValue?.email;
    return typeof email === "string" ? { ...result, initialValue: { ...result.initialValue, email: email.slice(0, 200) } } : result;
  };
  if (parsed.status !== "success") return json({ result: reply() }, { status: 400 });
  const { email } = parsed.value;
  // Rate limit (security, issue 6): failed sign-ins per client IP and per e-mail address. Issue 11,
  // finding 12: the account's limit refuses before the password is checked; the address's limit
  // refuses failures only, so a correct password from a busy shared address still signs in.
  const limit = await loginRateLimit({ context, email });
  const rateLimited = () => {
    log("info", "login_rate_limited", { retryAfter: limit.retryAfterSeconds });
    return json({ result: reply(["login.rateLimited"]) }, { status: 429, headers: retryAfterHeaders(limit.retryAfterSeconds) });
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
    return json({ result: reply(["login.invalid"]) }, { status: 400 });
  }
  await limit.succeeded();
  const cookie = await createSession(userId);
  log("info", "login_ok", { userId });
  return redirect(safeRedirect(parsed.value.redirectTo, SIGNED_IN_HOME), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t, first } = useMessages("common");
  const { t: tp } = useTranslation("people");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const summaryRef = useRef<HTMLDivElement>(null);
  const [form, fields] = useForm<z.input<typeof loginSchema>>({ id: "login", lastResult: actionData?.result });
  const errors = { form: first(form.errors), email: first(fields.email.errors), password: first(fields.password.errors) };
  const summary = [
    errors.form ? { id: "email", message: errors.form } : null,
    errors.email ? { id: "email", message: errors.email } : null,
    errors.password ? { id: "password", message: errors.password } : null,
  ].filter((x): x is { id: string; message: string } => x != null);
  return (
    <div className="form-narrow" ref={summaryRef}>
      <PageTitle>{t("login.title")}</PageTitle>
      <p className="ds-paragraph">{t("login.intro")}</p>
      {params.get("passord") === "sett" && !actionData ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{tp("link.done")}</p>
        </div>
      ) : null}
      <ErrorSummary heading={t("login.errorSummary")} errors={summary} />
      <OidcButtons providers={data.oidcProviders} redirectTo={safeRedirect(params.get("redirectTo"), SIGNED_IN_HOME)} />
      {data.oidcProviders.length > 0 ? (
        <h2 className="ds-heading" data-size="xs">
          {t("login.passwordHeading")}
        </h2>
      ) : null}
      <Form method="post" className="stack" {...getFormProps(form)}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? SIGNED_IN_HOME} />
        <TextField
          id="email"
          name={fields.email.name}
          type="email"
          autoComplete="username"
          label={t("login.email")}
          defaultValue={typeof fields.email.initialValue === "string" ? fields.email.initialValue : undefined}
          error={errors.email ?? errors.form}
          required
        />
        <TextField id="password" name={fields.password.name} type="password" autoComplete="current-password" label={t("login.password")} error={errors.password} required />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {t("login.submit")}
          </button>
        </div>
      </Form>
      <p className="ds-paragraph">
        <Link className="ds-link" to="/glemt-passord">
          {tp("forgot.link")}
        </Link>
      </p>
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
