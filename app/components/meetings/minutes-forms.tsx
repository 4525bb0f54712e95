/** The secretariat's forms on the minutes page: the intro (draft), approve and publish (each confirmed). */
import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { ConfirmBox, TextArea } from "~/components/form";
import { initialText, useMessage } from "./messages";
import type { Reply } from "./types";
import { useIntentForm } from "./use-intent-form";

export function IntroForm({ version, intro, lastResult }: { version: number; intro: string; lastResult?: Reply | null }) {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const navigation = useNavigation();
  const [form, fields] = useIntentForm("minutes-intro", lastResult, { intent: "save_intro" }, { intro });
  return (
    <Form method="post" className="stack form-wide" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="save_intro" />
      <input type="hidden" name="version" value={version} />
      <TextArea
        id="intro"
        name={fields.intro.name}
        label={t("minutes.intro")}
        description={t("minutes.introHelp")}
        rows={5}
        defaultValue={initialText(fields.intro)}
        error={message(fields.intro.errors)}
      />
      <div>
        <button className="ds-button" data-variant="secondary" disabled={navigation.state === "submitting"}>
          {t("minutes.saveIntro")}
        </button>
      </div>
    </Form>
  );
}

export function ConfirmForm({
  intent,
  version,
  label,
  confirm,
  help,
  lastResult,
}: {
  intent: "approve" | "publish" | "publish_agenda" | "cancel_meeting";
  version: number;
  label: string;
  confirm: string;
  help?: string;
  lastResult?: Reply | null;
}) {
  const navigation = useNavigation();
  const message = useMessage();
  const [form, fields] = useIntentForm(`${intent}-form`, lastResult, { intent });
  const id = `${intent}-confirm`;
  const error = message(fields.confirm.errors);
  return (
    <Form method="post" className="stack" {...getFormProps(form)}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {help ? <p className="ds-paragraph">{help}</p> : null}
      <ConfirmBox id={id} name={fields.confirm.name} label={confirm} error={error} />
      <div>
        <button className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
          {label}
        </button>
      </div>
    </Form>
  );
}
