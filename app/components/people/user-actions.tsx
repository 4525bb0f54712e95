/**
 * The action sections of the admin's user page: deactivate / reactivate (with a confirmation),
 * resend the invitation, and sign the user out everywhere. Each is its own form with a hidden
 * `intent`; errors show next to the confirmation box of their form.
 */
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/people";
import "~/i18n/security";
import { ConfirmBox } from "~/components/form";
import { Section } from "~/components/page";

function ActionForm({ intent, busy, submit, danger, children }: { intent: string; busy: boolean; submit: string; danger?: boolean; children?: ReactNode }) {
  return (
    <Form method="post" className="stack" id={`form-${intent}`}>
      <input type="hidden" name="intent" value={intent} />
      {children}
      <div>
        <button type="submit" className="ds-button" data-variant={danger ? "secondary" : "primary"} data-color={danger ? "danger" : undefined} disabled={busy}>
          {submit}
        </button>
      </div>
    </Form>
  );
}

export function UserActions({
  user,
  self,
  busy,
  errors,
}: {
  user: { active: boolean; hasPassword: boolean };
  self: boolean;
  busy: boolean;
  errors: Partial<Record<"deactivate" | "reactivate" | "resend-invite" | "revoke-sessions", string>>;
}) {
  const { t } = useTranslation("people");
  const { t: ts } = useTranslation("security");
  return (
    <>
      {user.active && !user.hasPassword ? (
        <Section title={t("user.inviteTitle")}>
          <p className="ds-paragraph">{t("user.inviteText")}</p>
          {errors["resend-invite"] ? (
            <p className="ds-validation-message" data-color="danger" id="resend-invite-error">
              {errors["resend-invite"]}
            </p>
          ) : null}
          <ActionForm intent="resend-invite" busy={busy} submit={t("user.inviteSubmit")} />
        </Section>
      ) : null}
      {user.active && !self ? (
        <Section title={t("user.deactivateTitle")}>
          <p className="ds-paragraph">{t("user.deactivateText")}</p>
          <ActionForm intent="deactivate" busy={busy} submit={t("user.deactivateSubmit")} danger>
            <ConfirmBox required={false} id="deactivate-confirm" label={t("user.deactivateConfirm")} error={errors.deactivate} />
          </ActionForm>
        </Section>
      ) : null}
      {!user.active ? (
        <Section title={t("user.reactivateTitle")}>
          <p className="ds-paragraph">{t("user.reactivateText")}</p>
          {errors.reactivate ? (
            <p className="ds-validation-message" data-color="danger" id="reactivate-error">
              {errors.reactivate}
            </p>
          ) : null}
          <ActionForm intent="reactivate" busy={busy} submit={t("user.reactivateSubmit")} />
        </Section>
      ) : null}
      <Section title={ts("adminUser.revokeTitle")}>
        <p className="ds-paragraph">{ts("adminUser.revokeText")}</p>
        <ActionForm intent="revoke-sessions" busy={busy} submit={ts("adminUser.revokeSubmit")} danger>
          <ConfirmBox required={false} id="revoke-confirm" label={ts("adminUser.revokeConfirm")} error={errors["revoke-sessions"]} />
        </ActionForm>
      </Section>
    </>
  );
}
