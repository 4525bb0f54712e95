/** Withholding (skjerming) per text field with its legal basis, shown on the public pages. */
import { getFormProps, useForm } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { TextField } from "~/components/form";
import { Section } from "~/components/page";
import { TEXT_FIELDS } from "./case-details";
import { useMessages } from "./messages";
import type { CaseReply } from "./case-page";

export function WithheldSection({ withheld, version, result }: { withheld: Record<string, string>; version: number; result: CaseReply }) {
  const { t, first } = useMessages("cases-secretariat");
  const navigation = useNavigation();
  const [form] = useForm({ id: "case-withheld", lastResult: result });
  // After a refused post, the form shows what was posted; otherwise what is stored.
  const posted = result?.initialValue as Record<string, unknown> | undefined;
  return (
    <Section title={t("casePage.withheld")}>
      <Form method="post" className="stack form-wide" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="withheld" />
        <input type="hidden" name="version" value={version} />
        <fieldset className="ds-fieldset">
          <legend className="ds-paragraph">{t("casePage.withheldHelp")}</legend>
          {TEXT_FIELDS.map((field) => {
            const checked = posted ? posted[`withhold_${field}`] === "yes" : field in withheld;
            const basis = posted ? posted[`basis_${field}`] : withheld[field];
            return (
              <div key={field} className="row withheld-row">
                <div className="ds-field">
                  <input className="ds-input" type="checkbox" id={`withhold-${field}`} name={`withhold_${field}`} value="yes" defaultChecked={checked} />
                  <label className="ds-label" htmlFor={`withhold-${field}`}>
                    {t("casePage.withheldField", { field: t(`casePage.fields.${field}`) })}
                  </label>
                </div>
                <TextField
                  id={`basis-${field}`}
                  name={`basis_${field}`}
                  label={t("casePage.legalBasis")}
                  defaultValue={typeof basis === "string" ? basis : ""}
                  placeholder={t("casePage.legalBasisDefault")}
                  error={first(result?.error?.[`basis_${field}`])}
                />
              </div>
            );
          })}
        </fieldset>
        <div>
          <button className="ds-button" data-variant="secondary" disabled={navigation.state === "submitting"}>
            {t("casePage.withheldSubmit")}
          </button>
        </div>
      </Form>
    </Section>
  );
}
