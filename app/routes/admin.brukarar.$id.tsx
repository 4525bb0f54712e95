/**
 * /admin/brukarar/:id — admin only: a user's details; edit name, e-mail, role and affiliations;
 * deactivate (sessions revoked at once, with a confirmation) or reactivate; resend the invitation;
 * sign the user out everywhere. The last active admin cannot be deactivated or demoted.
 */
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import "~/i18n/people";
import "~/i18n/security";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { UserActions } from "~/components/people/user-actions";
import { fieldSummary, UserFields, type UserFormShape } from "~/components/people/user-fields";
import { allErrors, replyIntent } from "~/components/secretariat/messages";
import { decodeMessage, DomainError } from "~/services/domain-error";
import { changeRole, revokeSessionsByAdmin, ROLES, roleSchema, userForAdmin } from "~/models/account.server";
import { resendInvite, selectableParties, setUserActive, updateUser, userDetails, userFieldsSchema } from "~/models/people.server";
import { osloDateTime } from "~/services/oslo-time";
import { log } from "~/services/log.server";
import { requireRole } from "~/http/session.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";

export const meta: MetaFunction = () => [{ title: "Brukar – Administrasjon – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = params.id ?? "";
  const [sessions, details] = await Promise.all([userForAdmin(admin, id), userDetails(admin, id)]).catch(rethrowAsResponse);
  const when = (iso: string | null) => (iso ? osloDateTime(iso) : null);
  return {
    user: { ...details, activeSessions: sessions.activeSessions, lastSignInAt: when(details.lastSignInAt) },
    invite: details.invite ? { used: details.invite.used, sent: osloDateTime(details.invite.createdAt), expires: osloDateTime(details.invite.expiresAt) } : null,
    self: id === admin.id,
    roles: ROLES,
    parties: await selectableParties(),
  };
}

/**
 * Built when the action runs: userFieldsSchema and roleSchema come from .server modules that the
 * browser bundle lacks, so a module-level schema would crash the route module in the browser.
 */
const actionSchema = () => {
  const confirm = z.literal("yes", { errorMap: () => ({ message: "people:errors.confirmRequired" }) });
  return z.discriminatedUnion(
    "intent",
    [
      userFieldsSchema.extend({ intent: z.literal("edit") }),
      z.object({ intent: z.literal("deactivate"), confirm }),
      z.object({ intent: z.literal("reactivate") }),
      z.object({ intent: z.literal("resend-invite") }),
      z.object({ intent: z.literal("revoke-sessions"), confirm: z.literal("yes", { errorMap: () => ({ message: "security:adminUser.confirmRequired" }) }) }),
      z.object({ intent: z.literal("role"), role: roleSchema }),
    ],
    { errorMap: () => ({ message: "adminUser.roleInvalid" }) },
  );
};

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const id = params.id ?? "";
  const submission = parseWithZod(await readForm(request), { schema: actionSchema() });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  const input = submission.value;
  const back = (flag: string) => redirect(`/admin/brukarar/${id}?${flag}`, { status: 303 });
  try {
    switch (input.intent) {
      case "edit":
        await updateUser(admin, { ...input, id });
        return back("lagra=1");
      case "deactivate": {
        const { sessionsRevoked } = await setUserActive(admin, { id, active: false });
        log("info", "user_deactivated", { userId: id, by: admin.id, sessionsRevoked });
        return back(`deaktivert=${sessionsRevoked}`);
      }
      case "reactivate":
        await setUserActive(admin, { id, active: true });
        return back("aktivert=1");
      case "resend-invite":
        await resendInvite(admin, { id });
        return back("invitert=1");
      case "revoke-sessions": {
        const revoked = await revokeSessionsByAdmin(admin, id);
        log("info", "user_sessions_revoked", { userId: id, by: admin.id, revoked });
        return back(`avslutta=${revoked}`);
      }
      case "role": {
        const result = await changeRole(admin, { id, role: input.role });
        log("info", "user_role_changed", { userId: id, by: admin.id, changed: result === "changed" });
        return back("rolle=1");
      }
    }
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "forbidden" || error.kind === "notFound")) rethrowAsResponse(error);
    return replyWithError(submission, error);
  }
}

const NOTICES = [
  ["lagra", "people:user.saved"],
  ["aktivert", "people:user.reactivated"],
  ["invitert", "people:user.inviteSent"],
  ["rolle", "security:adminUser.roleChanged"],
] as const;

export default function AdminUser() {
  const { t } = useTranslation("people");
  const { t: tc } = useTranslation();
  const { user, invite, self, roles, parties } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const result = actionData?.result;
  const intent = replyIntent(result);
  const message = (encoded: string | undefined) => {
    if (!encoded) return undefined;
    const { code, params: p } = decodeMessage(encoded);
    return translateCode(tc, "common", code.includes(":") ? code : `security:${code}`, p);
  };
  const [editForm, fields] = useForm<UserFormShape>({ id: "edit-user", lastResult: intent === "edit" ? result : undefined, shouldValidate: "onSubmit" });
  const errors = {
    name: message(fields.name.errors?.[0]),
    email: message(fields.email.errors?.[0]),
    role: message(fields.role.errors?.[0]),
    parties: message(fields.parties.errors?.[0]),
  };
  const summary = fieldSummary("edit", errors);
  const other = intent !== "edit" || summary.length === 0 ? message(allErrors(result)[0]) : undefined;
  const actionErrors = intent && intent !== "edit" && other ? { [intent]: other } : {};
  if (other && intent === "edit") summary.push({ id: "edit-name", message: other });
  else if (other) summary.push({ id: intent === "deactivate" || intent === "revoke-sessions" ? `${intent}-confirm` : `form-${intent ?? "edit"}`, message: other });
  useEffect(() => {
    if (actionData) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]);
  const deactivated = params.get("deaktivert");
  const revoked = params.get("avslutta");
  const notices = actionData
    ? []
    : [
        ...NOTICES.filter(([flag]) => params.get(flag)).map(([, key]) => tc(key)),
        ...(deactivated != null ? [t("user.deactivated", { count: Number(deactivated) || 0 })] : []),
        ...(revoked != null ? [tc("security:adminUser.revoked", { count: Number(revoked) || 0 })] : []),
      ];
  return (
    <>
      <p>
        <Link className="ds-link" to="/admin/brukarar">
          {t("form.back")}
        </Link>
      </p>
      <PageTitle>{t("user.title", { name: user.name })}</PageTitle>
      {notices.map((n) => (
        <div key={n} className="ds-alert" data-color="success" role="status">
          <p className="ds-paragraph">{n}</p>
        </div>
      ))}
      <ErrorSummary heading={t("form.errorSummary")} errors={summary} />
      <dl className="ds-paragraph">
        <dt>{t("form.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("form.role")}</dt>
        <dd>{tc(`roles.${user.role}`)}</dd>
        <dt>{t("list.parties")}</dt>
        <dd>{user.parties.length ? user.parties.map((p) => p.name).join(", ") : t("list.none")}</dd>
        <dt>{t("user.status")}</dt>
        <dd>{user.active ? t("status.active") : t("status.deactivated")}</dd>
        <dt>{t("user.lastSignIn")}</dt>
        <dd>{user.lastSignInAt ?? t("list.never")}</dd>
        <dt>{t("user.password")}</dt>
        <dd>{user.hasPassword ? t("user.passwordSet") : t("user.passwordNotSet")}</dd>
        <dt>{t("user.invite")}</dt>
        <dd>{invite ? (invite.used ? t("user.inviteUsed") : t("user.inviteOpen", { sent: invite.sent, expires: invite.expires })) : t("user.inviteNone")}</dd>
        <dt>{tc("security:adminUser.sessions")}</dt>
        <dd>{user.activeSessions}</dd>
      </dl>
      <Section title={t("user.editTitle")}>
        <Form method="post" className="stack" {...getFormProps(editForm)}>
          <input type="hidden" name="intent" value="edit" />
          <UserFields prefix="edit" fields={fields} errors={errors} roles={roles} parties={parties} initial={{ ...user, parties: user.parties.map((p) => p.number) }} />
          <div>
            <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
              {t("form.save")}
            </button>
          </div>
        </Form>
      </Section>
      <UserActions user={user} self={self} busy={navigation.state === "submitting"} errors={actionErrors} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
