/** The measure page's milestones: the table (with done/undo/remove for editors) and the add form. */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { TextField } from "~/components/form";
import { Section } from "~/components/page";
import { errorText, type FormReply } from "./form-reply";
import "~/i18n/plans";

type Milestone = { id: number; title: string; dueDate: string; doneDate: string | null };

export function MeasureMilestones({ milestones, canEdit, reply }: { milestones: Milestone[]; canEdit: boolean; reply: FormReply }) {
  const { t } = useTranslation("plans");
  return (
    <Section title={t("measure.milestones")}>
      <div id="milepelar" />
      {milestones.length === 0 ? <p className="ds-paragraph">{t("measure.noMilestones")}</p> : null}
      {milestones.length ? (
        <div className="table-wrap">
          <table className="ds-table">
            <caption>{t("measure.milestonesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("measure.milestone")}</th>
                <th scope="col">{t("measure.dueDate")}</th>
                <th scope="col">{t("measure.milestoneStatus")}</th>
                {canEdit ? <th scope="col">{t("measure.actions")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {milestones.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.title}</th>
                  <td>{m.dueDate}</td>
                  <td>{m.doneDate ? t("measure.doneOn", { date: m.doneDate }) : t("measure.notDone")}</td>
                  {canEdit ? (
                    <td>
                      <Form method="post" className="row">
                        <input type="hidden" name="milestoneId" value={m.id} />
                        <button type="submit" name="intent" value={m.doneDate ? "milestoneUndone" : "milestoneDone"} className="ds-button" data-variant="secondary" data-size="sm">
                          {m.doneDate ? t("measure.markNotDone", { title: m.title }) : t("measure.markDone", { title: m.title })}
                        </button>
                        <button type="submit" name="intent" value="removeMilestone" className="ds-button" data-variant="tertiary" data-size="sm">
                          {t("measure.removeMilestone", { title: m.title })}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canEdit ? (
        // Keyed by the milestones: after an addition the form starts empty (a refusal keeps what was typed).
        <Form key={milestones.map((m) => m.id).join(",")} method="post" className="row" noValidate>
          <input type="hidden" name="intent" value="addMilestone" />
          <TextField
            id="milestoneTitle"
            name="milestoneTitle"
            label={t("measure.milestone")}
            defaultValue={reply.value("milestoneTitle")}
            error={errorText(t, reply.error("milestoneTitle"))}
          />
          <TextField id="dueDate" name="dueDate" type="date" label={t("measure.dueDate")} defaultValue={reply.value("dueDate")} error={errorText(t, reply.error("dueDate"))} />
          <button type="submit" className="ds-button" data-variant="secondary">
            {t("measure.addMilestone")}
          </button>
        </Form>
      ) : null}
    </Section>
  );
}
