/**
 * The secretariat's forms for one agenda item, one per intent of the meeting page's action:
 * move, remove, time slot, handling and decision, defer, follow-up task and its status.
 */
import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { ConfirmBox, SelectField, TextArea, TextField } from "~/components/form";
import { useFormatters } from "~/components/secretariat";
import { FOLLOW_UP_STATUSES } from "~/models/meeting-statuses";
import { initialText, useMessage } from "./messages";
import { SlotFields } from "./slot-fields";
import type { AgendaItemData, MeetingPageData, Reply } from "./types";
import { useIntentForm } from "./use-intent-form";

type ItemFormProps = { item: AgendaItemData; version: number; lastResult?: Reply | null };

function useBusy() {
  return useNavigation().state === "submitting";
}

/** The hidden fields every item form sends. */
function Hidden({ intent, item, version }: { intent: string; item: AgendaItemData; version: number }) {
  return (
    <>
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="itemId" value={item.id} />
    </>
  );
}

/**
 * Up/down as real buttons named by the item's place ("Flytt punkt 2 opp"), and removal of a
 * pending item behind a confirmation (the schema checks it on the server too).
 */
export function MoveRemoveForms({ item, version, first, last, label, position, lastResult }: ItemFormProps & { first: boolean; last: boolean; label: string; position: number }) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const busy = useBusy();
  const [form, fields] = useIntentForm(`item-${item.id}-remove`, lastResult, { intent: "remove", itemId: item.id });
  return (
    <div className="row">
      <Form method="post" className="row">
        <Hidden intent="move" item={item} version={version} />
        {first ? null : (
          <button
            type="submit"
            className="ds-button"
            data-variant="tertiary"
            data-size="sm"
            name="direction"
            value="up"
            disabled={busy}
            aria-label={t("meeting.moveUp", { position })}
          >
            <span aria-hidden="true">↑ </span>
            {t("meeting.moveUpShort")}
          </button>
        )}
        {last ? null : (
          <button
            type="submit"
            className="ds-button"
            data-variant="tertiary"
            data-size="sm"
            name="direction"
            value="down"
            disabled={busy}
            aria-label={t("meeting.moveDown", { position })}
          >
            <span aria-hidden="true">↓ </span>
            {t("meeting.moveDownShort")}
          </button>
        )}
      </Form>
      {item.outcome === "pending" ? (
        <details open={form.status === "error" || undefined}>
          <summary className="ds-link">{t("meeting.remove")}</summary>
          <Form method="post" className="stack" {...getFormProps(form)}>
            <Hidden intent="remove" item={item} version={version} />
            <ConfirmBox
              id={`item-${item.id}-remove-confirm`}
              name={fields.confirm.name}
              label={t("meeting.removeConfirm", { title: label })}
              error={message(fields.confirm.errors)}
            />
            <div>
              <button type="submit" className="ds-button" data-variant="secondary" data-size="sm" data-color="danger" disabled={busy}>
                {t("meeting.remove")}
              </button>
            </div>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

export function SlotEditForm({ item, version, lastResult }: ItemFormProps) {
  const { t } = useTranslation("cases-secretariat");
  const busy = useBusy();
  const [form, fields] = useIntentForm(
    `item-${item.id}-update`,
    lastResult,
    { intent: "update_item", itemId: item.id },
    {
      slotStart: item.slotStart,
      durationMinutes: item.durationMinutes,
      presenter: item.presenter,
    },
  );
  return (
    <details open={form.status === "error" || undefined}>
      <summary className="ds-link">{t("meeting.editSlot")}</summary>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <Hidden intent="update_item" item={item} version={version} />
        <SlotFields prefix={`item-${item.id}`} fields={fields} />
        <div>
          <button className="ds-button" data-variant="secondary" data-size="sm" disabled={busy}>
            {t("common.save")}
          </button>
        </div>
      </Form>
    </details>
  );
}

export function RecordForm({ item, version, lastResult }: ItemFormProps) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const busy = useBusy();
  const [form, fields] = useIntentForm(`item-${item.id}-record`, lastResult, { intent: "record", itemId: item.id }, { handling: item.handling, decision: item.decision });
  return (
    <details open={item.outcome === "pending" || form.status === "error" || undefined}>
      <summary className="ds-link">
        {t("meeting.handling")} / {t("meeting.decision")}
      </summary>
      <Form method="post" className="stack form-wide" {...getFormProps(form)}>
        <Hidden intent="record" item={item} version={version} />
        <TextArea
          id={`item-${item.id}-handling`}
          name={fields.handling.name}
          label={t("meeting.handling")}
          rows={5}
          defaultValue={initialText(fields.handling)}
          error={message(fields.handling.errors)}
        />
        <TextArea
          id={`item-${item.id}-decision`}
          name={fields.decision.name}
          label={t("meeting.decision")}
          rows={4}
          required
          defaultValue={initialText(fields.decision)}
          error={message(fields.decision.errors)}
        />
        <div>
          <button className="ds-button" data-variant="primary" disabled={busy}>
            {t("meeting.record")}
          </button>
        </div>
      </Form>
    </details>
  );
}

export function DeferForm({ item, version, lastResult, laterMeetings }: ItemFormProps & { laterMeetings: MeetingPageData["laterMeetings"] }) {
  const { t } = useTranslation("cases-secretariat");
  const f = useFormatters();
  const message = useMessage();
  const busy = useBusy();
  const [form, fields] = useIntentForm(`item-${item.id}-defer`, lastResult, { intent: "defer", itemId: item.id });
  if (!laterMeetings.length) return <p className="ds-paragraph muted">{t("meeting.noLaterMeetings")}</p>;
  return (
    <Form method="post" className="row" {...getFormProps(form)}>
      <Hidden intent="defer" item={item} version={version} />
      <SelectField
        id={`item-${item.id}-defer`}
        name={fields.toMeetingId.name}
        label={t("meeting.defer")}
        error={message(fields.toMeetingId.errors)}
        options={laterMeetings.map((m) => ({ value: String(m.id), label: f.dateTime(m.startsAt) }))}
      />
      <button className="ds-button" data-variant="secondary" data-size="sm" disabled={busy}>
        {t("meeting.deferSubmit")}
      </button>
    </Form>
  );
}

export function AddTaskForm({ item, version, lastResult, owners }: ItemFormProps & { owners: MeetingPageData["taskOwners"] }) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const busy = useBusy();
  const [form, fields] = useIntentForm(`item-${item.id}-task`, lastResult, { intent: "add_task", itemId: item.id });
  return (
    <details open={form.status === "error" || undefined}>
      <summary className="ds-link">{t("meeting.addTask")}</summary>
      <Form method="post" className="stack form-wide" {...getFormProps(form)}>
        <Hidden intent="add_task" item={item} version={version} />
        <TextField
          id={`item-${item.id}-what`}
          name={fields.what.name}
          label={t("meeting.taskWhat")}
          required
          defaultValue={initialText(fields.what)}
          error={message(fields.what.errors)}
        />
        <div className="row">
          <SelectField
            id={`item-${item.id}-owner`}
            name={fields.ownerId.name}
            label={t("meeting.taskOwner")}
            description={t("meeting.taskOwnerHelp")}
            defaultValue={initialText(fields.ownerId)}
            error={message(fields.ownerId.errors)}
            options={[{ value: "", label: t("meeting.taskOwnerNone") }, ...owners.map((o) => ({ value: o.id, label: o.name }))]}
          />
          <TextField
            id={`item-${item.id}-responsible`}
            name={fields.responsible.name}
            label={t("meeting.taskResponsible")}
            defaultValue={initialText(fields.responsible)}
            error={message(fields.responsible.errors)}
          />
          <TextField
            id={`item-${item.id}-due`}
            name={fields.dueDate.name}
            type="date"
            label={t("meeting.taskDue")}
            defaultValue={initialText(fields.dueDate)}
            error={message(fields.dueDate.errors)}
          />
        </div>
        <div>
          <button className="ds-button" data-variant="secondary" data-size="sm" disabled={busy}>
            {t("meeting.addTask")}
          </button>
        </div>
      </Form>
    </details>
  );
}

export function TaskStatusForm({ task, version, lastResult }: { task: AgendaItemData["tasks"][number]; version: number; lastResult?: Reply | null }) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const busy = useBusy();
  const [form, fields] = useIntentForm(`task-${task.id}-form`, lastResult, { intent: "task_status", taskId: task.id }, { status: task.status });
  return (
    <Form method="post" className="row inline-form" {...getFormProps(form)}>
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="intent" value="task_status" />
      <input type="hidden" name="taskId" value={task.id} />
      <SelectField
        id={`task-${task.id}-status`}
        name={fields.status.name}
        label={t("meeting.taskStatus")}
        defaultValue={initialText(fields.status)}
        error={message(fields.status.errors)}
        options={FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: t(`followUpStatus.${s}`) }))}
      />
      <button className="ds-button" data-variant="tertiary" data-size="sm" disabled={busy}>
        {t("meeting.setTaskStatus")}
      </button>
    </Form>
  );
}
