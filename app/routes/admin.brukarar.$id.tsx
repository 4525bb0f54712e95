/**
 * /admin/brukarar/:id — admin only: a user's details, "sign the user out everywhere" (revokes
 * every session) and a role change (audit `user.role_changed` with before/after).
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import "~/i18n/security";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { allErrors, useMessages } from "~/components/secretariat/messages";
import { changeRole, revokeSessionsByAdmin, ROLES, roleSchema, userForAdmin } from "~/models/account.server";
import { DomainError } from "~/services/domain-error";
import { log } from "~/services/log.server";
import { requireRole } from "~/http/session.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";

export const meta: MetaFunction = () => [{ title: "Brukar – Administrasjon – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const user = await userForAdmin(admin, params.id ?? "").catch(rethrowAsResponse);
  return { user, self: user.id === admin.id, roles: ROLES };
}

/** Built when the action runs: roleSchema comes from a .server module, which the browser bundle does not have. */
const schema = () =>
  z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("revoke-sessions"), confirm: z.literal("yes", { errorMap: () => ({ message: "adminUser.confirmRequired" }) }) }),
      z.object({ intent: z.literal("role"), role: roleSchema }),
    ],
    { errorMap: () => ({ message: "adminUser.roleInvalid" }) },
  );

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = params.id ?? "";
  const submission = parseWithZod(await readForm(request), { schema: schema() });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  const input = submission.value;
  try {
    if (input.intent === "revoke-sessions") {
      const revoked = await revokeSessionsByAdmin(admin, id);
      log("info", "user_sessions_revoked", { userId: id, by: admin.id, revoked });
      return redirect(`/admin/brukarar/${id}?avslutta=${revoked}`, { status: 303 });
    }
    const result = await changeRole(admin, { id, role: input.role });
    log("info", "user_role_changed", { userId: id, by: admin.id, changed: result === "changed" });
    return redirect(`/admin/brukarar/${id}?rolle=1`, { status: 303 });
  } catch (error) {
    if (error instanceof DomainError && error.kind !== "invalid") rethrowAsResponse(error);
    return replyWithError(submission, error);
  }
}

export default function AdminUser() {
  const { t } = useTranslation("security");
  const { t: tc } = useTranslation();
  const { user, self, roles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const { first, message } = useMessages("security");
  const result = actionData?.result;
  const intent = result?.initialValue?.intent;
  const [revokeForm, revokeFields] = useForm<z.input<ReturnType<typeof schema>>>({ id: "revoke-sessions", lastResult: intent === "revoke-sessions" ? result : undefined });
  const [roleForm, roleFields] = useForm<z.input<ReturnType<typeof schema>>>({ id: "user-role-form", lastResult: intent === "role" ? result : undefined });
  const errors = { confirm: first(revokeFields.confirm.errors), role: first(roleFields.role.errors) };
  const summary = [errors.confirm ? { id: "revoke-confirm", message: errors.confirm } : null, errors.role ? { id: "user-role", message: errors.role } : null].filter(
    (x): x is { id: string; message: string } => x != null,
  );
  // An error of no field of these forms (a tampered intent) still gets a line in the summary.
  const other = summary.length === 0 ? allErrors(result)[0] : undefined;
  if (other) summary.push({ id: "user-role", message: message(other) });
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
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
        <Form method="post" className="stack" {...getFormProps(revokeForm)}>
          <input type="hidden" name="intent" value="revoke-sessions" />
          <div className="ds-field">
            <input
              className="ds-input"
              type="checkbox"
              id="revoke-confirm"
              name={revokeFields.confirm.name}
              value="yes"
              aria-invalid={errors.confirm ? true : undefined}
              aria-describedby={errors.confirm ? "revoke-confirm-error" : undefined}
            />
            <label className="ds-label" htmlFor="revoke-confirm" data-weight="regular">
              {t("adminUser.revokeConfirm")}
            </label>
            {errors.confirm ? (
              <p className="ds-validation-message" id="revoke-confirm-error" data-color="danger">
                {errors.confirm}
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
          <Form method="post" className="stack" {...getFormProps(roleForm)}>
            <input type="hidden" name="intent" value="role" />
            <SelectField
              id="user-role"
              name={roleFields.role.name}
              label={t("adminUser.role")}
              defaultValue={user.role}
              error={errors.role}
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
