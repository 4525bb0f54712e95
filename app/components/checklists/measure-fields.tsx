/** The checklist page's measures: a status and a comment for each measure of the plan. */
import type { AnswerStatus } from "~/models/checklists.server";
import { SelectField, TextArea } from "~/components/form";
import { localized, type Lang } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";

export type MeasureAnswer = { id: number; number: string; title: { nn: string; nb: string; en: string }; status: string | null; comment: string };

export function MeasureFields(props: {
  measures: MeasureAnswer[];
  answerStatuses: readonly AnswerStatus[];
  editable: boolean;
  lang: Lang;
  /** The value to show: what was posted (after an error) or what is stored. */
  value: (name: string, stored: string) => string;
  error: (name: string) => string | undefined;
}) {
  const { t } = useTranslation("plans");
  return (
    <fieldset className="ds-fieldset checklist-fieldset" disabled={!props.editable}>
      <legend className="ds-heading" data-size="sm">
        {t("checklist.measuresLegend")}
      </legend>
      {props.measures.map((m) => (
        <div key={m.id} className="ds-card checklist-measure" data-variant="tinted" id={`tiltak-${m.number.replace(/\./g, "-")}`}>
          <h3 className="ds-heading" data-size="xs">
            {m.number} {localized(m.title, props.lang)}
          </h3>
          <SelectField
            id={`status-${m.id}`}
            name={`status-${m.id}`}
            label={t("checklist.statusFor", { number: m.number })}
            defaultValue={props.value(`status-${m.id}`, m.status ?? "")}
            error={props.error(`status-${m.id}`)}
            options={[{ value: "", label: t("checklist.chooseStatus") }, ...props.answerStatuses.map((s) => ({ value: s, label: t(`answerStatus.${s}`) }))]}
          />
          <TextArea
            id={`comment-${m.id}`}
            name={`comment-${m.id}`}
            rows={2}
            label={t("checklist.commentFor", { number: m.number })}
            defaultValue={props.value(`comment-${m.id}`, m.comment)}
            error={props.error(`comment-${m.id}`)}
            maxLength={2000}
          />
        </div>
      ))}
    </fieldset>
  );
}
