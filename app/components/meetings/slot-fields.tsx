/** Time slot, duration and presenter of an agenda item (add and edit forms). */
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { TextField } from "~/components/form";
import { initialText, useMessage, type FieldLike } from "./messages";

type SlotMeta = { slotStart: FieldLike; durationMinutes: FieldLike; presenter: FieldLike };

export function SlotFields({ prefix, fields, slotHelp }: { prefix: string; fields: SlotMeta; slotHelp?: string }) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  return (
    <div className="row">
      <TextField
        id={`${prefix}-slot`}
        name={fields.slotStart.name}
        type="time"
        label={t("meeting.slot")}
        description={slotHelp}
        defaultValue={initialText(fields.slotStart)}
        error={message(fields.slotStart.errors)}
      />
      <TextField
        id={`${prefix}-duration`}
        name={fields.durationMinutes.name}
        type="number"
        min={1}
        max={600}
        inputMode="numeric"
        label={t("meeting.duration")}
        defaultValue={initialText(fields.durationMinutes)}
        error={message(fields.durationMinutes.errors)}
      />
      <TextField
        id={`${prefix}-presenter`}
        name={fields.presenter.name}
        label={t("meeting.presenter")}
        defaultValue={initialText(fields.presenter)}
        error={message(fields.presenter.errors)}
      />
    </div>
  );
}
