/** Internal notes and comments on a case (never shown to the submitter), with the form to add one. */
import { getFormProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { TextArea } from "~/components/form";
import { Section } from "~/components/page";
import { useFormatters } from "~/components/secretariat";
import { useMessages } from "./messages";
import type { CasePageData, CaseReply } from "./case-page";

export function CaseNotes({ data, result }: { data: CasePageData; result: CaseReply }) {
  const { t, first } = useMessages("cases-secretariat");
  const f = useFormatters();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useForm<{ note: string }>({ id: "case-note", lastResult: result });
  return (
    <Section title={t("casePage.notes")}>
      <p className="ds-paragraph muted">{t("casePage.notesHelp")}</p>
      {data.notes.length === 0 ? (
        <p className="ds-paragraph">{t("casePage.noNotes")}</p>
      ) : (
        <ul className="notes">
          {data.notes.map((n) => (
            <li key={n.id}>
              <p className="ds-paragraph preserve-lines">{n.body}</p>
              <p className="ds-paragraph muted" data-size="sm">
                {n.authorLabel}, {f.dateTime(n.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {data.permissions.canComment ? (
        <Form method="post" className="stack form-wide" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="note" />
          <TextArea
            id="note"
            name={fields.note.name}
            label={t("casePage.addNote")}
            required
            defaultValue={typeof fields.note.initialValue === "string" ? fields.note.initialValue : undefined}
            error={first(fields.note.errors)}
          />
          <div>
            <button className="ds-button" data-variant="secondary" disabled={busy}>
              {t("casePage.addNoteSubmit")}
            </button>
          </div>
        </Form>
      ) : null}
    </Section>
  );
}
