/**
 * The secretariat's forms on the case page: the transitions that fit the case's status, the
 * rejection (justification + confirm step) and the assignment. Each form posts its `intent` and
 * the version the page was rendered with (the action's schema is a union on `intent`).
 */
import { getFormProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { SelectField, TextArea } from "~/components/form";
import { Section } from "~/components/page";
import { localized, type Lang } from "~/i18n";
import { useRootData } from "~/root";
import { useMessages } from "./messages";
import type { CasePageData, CaseReply } from "./case-page";

type Props = { data: CasePageData; resultFor: (intent: string) => CaseReply };

/** A one-button form that posts an intent with the version the page was rendered with. */
function IntentButton({ intent, variant, label, version, busy }: { intent: string; variant: string; label: string; version: number; busy: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="version" value={version} />
      <button className="ds-button" data-variant={variant} name="intent" value={intent} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

/**
 * Guideline point 3: without a recorded tilråding, routing and rejecting need the secretariat's
 * reason to proceed without one (in the same form).
 */
function WaiverField({ id, name, error, initial }: { id: string; name: string; error: string | undefined; initial: unknown }) {
  const { t } = useMessages("cases-secretariat");
  return (
    <TextArea
      id={id}
      name={name}
      label={t("advice.waiver")}
      description={t("advice.waiverHelp")}
      required
      rows={3}
      maxLength={2000}
      defaultValue={typeof initial === "string" ? initial : undefined}
      error={error}
    />
  );
}

/** Route (first time) or forward (after handling) to a body. */
function BodyForm({ intent, data, result, busy }: { intent: "route" | "forward"; data: CasePageData; result: CaseReply; busy: boolean }) {
  const { t, first } = useMessages("cases-secretariat");
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const [form, fields] = useForm<{ bodyId: string; waiverReason: string }>({ id: `case-${intent}`, lastResult: result });
  const needsWaiver = intent === "route" && data.advice.length === 0;
  const c = data.case;
  const options = data.bodyOptions.map((b) => ({ value: String(b.id), label: localized(b.name, lang) }));
  return (
    <Form method="post" className={needsWaiver ? "stack form-wide" : "row"} {...getFormProps(form)}>
      <input type="hidden" name="version" value={c.version} />
      <input type="hidden" name="intent" value={intent} />
      <SelectField
        id={`${intent}-body`}
        name={fields.bodyId.name}
        label={t(intent === "route" ? "casePage.routeBody" : "casePage.forward")}
        options={intent === "route" ? options : options.filter((b) => b.value !== String(c.bodyId))}
        defaultValue={intent === "route" && c.bodyId ? String(c.bodyId) : undefined}
        error={first(fields.bodyId.errors)}
      />
      {needsWaiver ? <WaiverField id="route-waiver" name={fields.waiverReason.name} error={first(fields.waiverReason.errors)} initial={fields.waiverReason.initialValue} /> : null}
      <div>
        <button className="ds-button" data-variant={intent === "route" ? "primary" : "secondary"} disabled={busy}>
          {t(intent === "route" ? "casePage.routeSubmit" : "casePage.forwardSubmit")}
        </button>
      </div>
    </Form>
  );
}

/** Rejection: a written justification (mailed to the submitter) and a confirm step. */
function RejectForm({ version, result, busy, needsWaiver }: { version: number; result: CaseReply; busy: boolean; needsWaiver: boolean }) {
  const { t, first } = useMessages("cases-secretariat");
  const [form, fields] = useForm<{ reason: string; confirm: string; waiverReason: string }>({ id: "case-reject", lastResult: result });
  const confirmError = first(fields.confirm.errors);
  return (
    <details open={Boolean(result)}>
      <summary className="ds-link">{t("casePage.reject")}</summary>
      <Form method="post" className="stack form-wide" {...getFormProps(form)}>
        <input type="hidden" name="version" value={version} />
        <input type="hidden" name="intent" value="reject" />
        <TextArea
          id="reject-reason"
          name={fields.reason.name}
          label={t("casePage.rejectReason")}
          description={t("casePage.rejectHelp")}
          required
          rows={6}
          defaultValue={typeof fields.reason.initialValue === "string" ? fields.reason.initialValue : undefined}
          error={first(fields.reason.errors)}
        />
        {needsWaiver ? (
          <WaiverField id="reject-waiver" name={fields.waiverReason.name} error={first(fields.waiverReason.errors)} initial={fields.waiverReason.initialValue} />
        ) : null}
        <div className="ds-field">
          <input
            className="ds-input"
            type="checkbox"
            id="reject-confirm"
            name={fields.confirm.name}
            value="yes"
            required
            aria-invalid={confirmError ? true : undefined}
            aria-describedby={confirmError ? "reject-confirm-error" : undefined}
          />
          <label className="ds-label" htmlFor="reject-confirm">
            {t("casePage.rejectConfirm")}
          </label>
          {confirmError ? (
            <p className="ds-validation-message" id="reject-confirm-error" data-color="danger">
              {confirmError}
            </p>
          ) : null}
        </div>
        <div>
          <button className="ds-button" data-variant="primary" data-color="danger" disabled={busy}>
            {t("casePage.rejectSubmit")}
          </button>
        </div>
      </Form>
    </details>
  );
}

function AssignForm({ data, result, busy }: { data: CasePageData; result: CaseReply; busy: boolean }) {
  const { t, first } = useMessages("cases-secretariat");
  const [form, fields] = useForm<{ assigneeId: string }>({ id: "case-assign", lastResult: result });
  return (
    <Form method="post" className="row" {...getFormProps(form)}>
      <input type="hidden" name="version" value={data.case.version} />
      <input type="hidden" name="intent" value="assign" />
      <SelectField
        id="assignee"
        name={fields.assigneeId.name}
        label={t("casePage.assign")}
        defaultValue={data.case.assignedUserId ?? ""}
        options={[{ value: "", label: t("casePage.nobody") }, ...data.assignees.map((a) => ({ value: a.id, label: a.name }))]}
        error={first(fields.assigneeId.errors)}
      />
      <button className="ds-button" data-variant="secondary" disabled={busy}>
        {t("casePage.assignSubmit")}
      </button>
    </Form>
  );
}

export function CaseActions({ data, resultFor }: Props) {
  const { t } = useMessages("cases-secretariat");
  const busy = useNavigation().state === "submitting";
  const version = data.case.version;
  const can = (a: string) => (data.permissions.actions as string[]).includes(a);
  return (
    <Section title={t("casePage.actions")}>
      {data.permissions.actions.length === 0 ? <p className="ds-paragraph">{t("casePage.noActions")}</p> : null}
      <div className="stack">
        {can("receive") ? <IntentButton intent="receive" variant="primary" label={t("casePage.receive")} version={version} busy={busy} /> : null}
        {can("assess") ? <IntentButton intent="assess" variant="secondary" label={t("casePage.assess")} version={version} busy={busy} /> : null}
        {can("route") ? <BodyForm intent="route" data={data} result={resultFor("route")} busy={busy} /> : null}
        {can("forward") ? <BodyForm intent="forward" data={data} result={resultFor("forward")} busy={busy} /> : null}
        {can("close") ? <IntentButton intent="close" variant="secondary" label={t("casePage.close")} version={version} busy={busy} /> : null}
        {can("reject") ? <RejectForm version={version} result={resultFor("reject")} busy={busy} needsWaiver={data.advice.length === 0} /> : null}
        {data.permissions.canAssign ? <AssignForm data={data} result={resultFor("assign")} busy={busy} /> : null}
      </div>
    </Section>
  );
}
