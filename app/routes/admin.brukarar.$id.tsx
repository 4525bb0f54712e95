/**
 * /admin/brukarar/:id — admin only: a user's details, "sign the user out everywhere" (revokes
 * every session) and a role change (audit `user.role_changed` with before/after).
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/security";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { AdminError, changeRole, revokeSessionsByAdmin, ROLES, userForAdmin } from "~/models/account.server";
import { log } from "~/services/log.server";
import { requireRole } from "~/http/session.server";
import { readForm } from "~/http/http.server";

export const meta: MetaFunction = () => [{ title: "Brukar – Administrasjon – Helsefellesskap Møre og Romsdal" }];

function asResponse(error: unknown): never {
  if (error instanceof AdminError && error.status !== 400) throw new Response(error.status === 404 ? "Not Found" : "Forbidden", { status: error.status });
  throw error;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const user = await userForAdmin(admin, params.id ?? "").catch(asResponse);
  return { user, self: user.id === admin.id, roles: ROLES };
}

type Errors = { confirm?: string; role?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = params.id ?? "";
  const form = await readForm(request);
  const intent = form.get("intent");
  try {
    if (intent === "revoke-sessions") {
      if (form.get("confirm") !== "yes") return Response.json({ errors: { confirm: "adminUser.confirmRequired" } satisfies Errors }, { status: 400 });
      const revoked = await revokeSessionsByAdmin(admin, id);
      log("info", "user_sessions_revoked", { userId: id, by: admin.id, revoked });
      return redirect(`/admin/brukarar/${id}?avslutta=${revoked}`, { status: 303 });
    }
    if (intent === "role") {
      const result = await changeRole(admin, id, form.get("role"));
      log("info", "user_role_changed", { userId: id, by: admin.id, changed: result === "changed" });
      return redirect(`/admin/brukarar/${id}?rolle=1`, { status: 303 });
    }
  } catch (error) {
    if (error instanceof AdminError && error.status === 400) return Response.json({ errors: { role: error.key } satisfies Errors }, { status: 400 });
    asResponse(error);
  }
  return Response.json({ errors: { role: "adminUser.roleInvalid" } satisfies Errors }, { status: 400 });
}

export default function AdminUser() {
  const { t } = useTranslation("security");
  const { t: tc } = useTranslation();
  const { user, self, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: Errors }>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const errors = actionData?.errors ?? {};
  const summary = [
    errors.confirm ? { id: "revoke-confirm", message: t(errors.confirm) } : null,
    errors.role ? { id: "user-role", message: t(errors.role) } : null,
  ].filter((x): x is { id: string; message: string } => x != null);
  useEffect(() => {
    if (actionData?.errors) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
  const revoked = params.get("avslutta");
  return (
    <>
      <p>
        <Link className="ds-link" to="/admin">
          {t("adminUser.back")}
        </Link>
      </p>
      <PageTitle>{t("adminUser.title", { name: user.name })}</PageTitle>
      {revoked != null && !actionData ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t("adminUser.revoked", { count: Number(revoked) || 0 })}</p>
        </div>
      ) : null}
      {params.get("rolle") && !actionData ? (
        <div className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{t("adminUser.roleChanged")}</p>
        </div>
      ) : null}
      <ErrorSummary heading={t("adminUser.errorSummary")} errors={summary} />
      <dl className="ds-paragraph">
        <dt>{t("adminUser.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("adminUser.role")}</dt>
        <dd>{tc(`roles.${user.role}`)}</dd>
        <dt>{t("adminUser.party")}</dt>
        <dd>{user.partyName ?? user.partyNumber ?? "–"}</dd>
        <dt>{t("adminUser.sessions")}</dt>
        <dd>{user.activeSessions}</dd>
      </dl>
      <Section title={t("adminUser.revokeTitle")}>
        <p className="ds-paragraph">{t("adminUser.revokeText")}</p>
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="revoke-sessions" />
          <div className="ds-field">
            <input className="ds-input" type="checkbox" id="revoke-confirm" name="confirm" value="yes" aria-invalid={errors.confirm ? true : undefined} aria-describedby={errors.confirm ? "revoke-confirm-error" : undefined} />
            <label className="ds-label" htmlFor="revoke-confirm" data-weight="regular">
              {t("adminUser.revokeConfirm")}
            </label>
            {errors.confirm ? (
              <p className="ds-validation-message" id="revoke-confirm-error" data-color="danger">
                {t(errors.confirm)}
              </p>
            ) : null}
          </div>
          <div>
            <button type="submit" className="ds-button" data-variant="secondary" data-color="danger" disabled={navigation.state === "submitting"}>
              {t("adminUser.revokeSubmit")}
            </button>
          </div>
        </Form>
      </Section>
      {self ? null : (
        <Section title={t("adminUser.roleTitle")}>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="role" />
            <SelectField
              id="user-role"
              name="role"
              label={t("adminUser.role")}
              defaultValue={user.role}
              error={errors.role ? t(errors.role) : undefined}
              options={roles.map((r) => ({ value: r, label: tc(`roles.${r}`) }))}
            />
            <div>
              <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
                {t("adminUser.roleSubmit")}
              </button>
            </div>
          </Form>
        </Section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
