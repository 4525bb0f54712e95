/**
 * A page that asks for an e-mail address and always answers the same, whatever the address
 * (/glemt-passord, /saker/spor): the form, its errors announced, and the same "sent" notice after
 * the redirect. Works without JavaScript. The texts come translated from the page.
 */
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { ErrorSummary, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";

export interface EmailRequestTexts {
  title: string;
  sent: string;
  intro: string;
  errorSummary: string;
  email: string;
  submit: string;
}

export function EmailRequestPage(props: {
  id: string;
  texts: EmailRequestTexts;
  /** The action's reply (when the form was refused). */
  result: SubmissionResult<string[]> | undefined;
  /** Translates a message code of the reply. */
  message: (errors: string[] | undefined | null) => string | undefined;
  autoComplete: "email" | "username";
  children?: ReactNode;
}) {
  const { texts, result, message } = props;
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [form, fields] = useForm<{ email: string }>({ id: props.id, lastResult: result, shouldValidate: "onSubmit" });
  const error = message(fields.email.errors) ?? message(form.errors);
  useEffect(() => {
    if (result) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [result]);
  return (
    <div className="form-narrow">
      <PageTitle>{texts.title}</PageTitle>
      {params.get("sendt") && !result ? (
        <div className="ds-alert" data-color="info" role="status">
          <p className="ds-paragraph">{texts.sent}</p>
        </div>
      ) : null}
      <p className="ds-paragraph">{texts.intro}</p>
      <ErrorSummary heading={texts.errorSummary} errors={error ? [{ id: "email", message: error }] : []} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField id="email" name={fields.email.name} type="email" autoComplete={props.autoComplete} label={texts.email} error={error} maxLength={254} required />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {texts.submit}
          </button>
        </div>
      </Form>
      {props.children}
    </div>
  );
}
