/** /admin/utval/<slug>: rename and describe the body; close it (with confirmation). */
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ConfirmBox, TextField } from "~/components/form";
import { useMessages } from "~/components/secretariat/messages";
import { BodyTextFields, FormErrors, useReplyForm, type BodyTextValues, type Reply } from "./fields";

export function EditBodyForm({ body, result, busy }: { body: BodyTextValues; result: Reply; busy: boolean }) {
  const { t } = useMessages("bodies");
  const [form, fields] = useReplyForm("body-update", result, "update");
  return (
    <details open={Object.keys(form.allErrors).length > 0}>
      <summary className="ds-link">{t("body.edit")}</summary>
      <Form method="post" className="stack form-narrow" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="update" />
        <FormErrors errors={form.errors} />
        <BodyTextFields prefix="update" fields={fields} values={body} />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={busy}>
            {t("body.save")}
          </button>
        </div>
      </Form>
    </details>
  );
}

export function CloseBodyForm({ today, result, busy }: { today: string; result: Reply; busy: boolean }) {
  const { t, first } = useMessages("bodies");
  const [form, fields] = useReplyForm("body-close", result, "close");
  return (
    <details open={Object.keys(form.allErrors).length > 0}>
      <summary className="ds-link">{t("body.close")}</summary>
      <Form method="post" className="stack form-narrow" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="close" />
        <p className="ds-paragraph">{t("body.closeHelp")}</p>
        <FormErrors errors={form.errors} />
        <TextField
          id="close-closedOn"
          name="closedOn"
          type="date"
          label={t("body.closedOn")}
          required
          defaultValue={typeof fields.closedOn?.initialValue === "string" ? fields.closedOn.initialValue : today}
          error={first(fields.closedOn?.errors)}
        />
        <ConfirmBox id="close-confirm" name="confirm" label={t("body.closeConfirm")} error={first(fields.confirm?.errors)} />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" data-color="danger" disabled={busy}>
            {t("body.closeSubmit")}
          </button>
        </div>
      </Form>
    </details>
  );
}
