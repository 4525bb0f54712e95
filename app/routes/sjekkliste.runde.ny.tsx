import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import type { z } from "zod";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { localized, translateCode } from "~/i18n";
import { createRound, listPlansForRoundForm, roundFormSchema } from "~/models/checklists.server";
import { decodeMessage } from "~/services/domain-error";
import { useRootData } from "~/root";
import { requireRole } from "~/http/session.server";
import { readForm, replyWithError } from "~/http/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Ny evalueringsrunde – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "secretariat");
  return { plans: await listPlansForRoundForm() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "secretariat");
  const submission = parseWithZod(await readForm(request), { schema: roundFormSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  let id: number;
  try {
    ({ id } = await createRound(user, submission.value));
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirect(`/sjekkliste/runde/${id}`);
}

const FIELDS = ["planId", "title", "description", "referenceDate", "deadline", "reminderDaysBefore"] as const;

export default function NewRound() {
  const { t } = useTranslation("plans");
  const { plans } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const lang = useRootData()?.lang ?? "nn";
  const [form, fields] = useForm<z.input<typeof roundFormSchema>>({ id: "round-form", lastResult: actionData?.result, shouldRevalidate: "onInput" });
  useEffect(() => {
    if (form.status === "error") document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData, form.status]);
  const err = (f: (typeof FIELDS)[number]) => {
    const message = fields[f].errors?.[0];
    if (!message) return undefined;
    const { code, params } = decodeMessage(message);
    return translateCode(t, "plans", code, params);
  };
  const value = (f: (typeof FIELDS)[number]) => fields[f].initialValue as string | undefined;
  return (
    <div className="form-wide">
      <PageTitle>{t("roundForm.heading")}</PageTitle>
      <p className="ds-paragraph">{t("roundForm.intro")}</p>
      <ErrorSummary heading={t("errors.summary")} errors={FIELDS.filter((f) => err(f)).map((f) => ({ id: f, message: `${t(`roundForm.${f}`)}: ${err(f)}` }))} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <SelectField
          id="planId"
          name="planId"
          label={t("roundForm.planId")}
          defaultValue={value("planId") ?? params.get("plan") ?? ""}
          error={err("planId")}
          required
          options={[{ value: "", label: t("planForm.choose") }, ...plans.map((p) => ({ value: String(p.id), label: localized(p.title, lang) }))]}
        />
        <TextField id="title" name="title" label={t("roundForm.title")} description={t("roundForm.titleHelp")} defaultValue={value("title")} error={err("title")} required />
        <TextArea id="description" name="description" rows={2} label={t("roundForm.description")} defaultValue={value("description")} error={err("description")} />
        <div className="row">
          <TextField
            id="referenceDate"
            name="referenceDate"
            type="date"
            label={t("roundForm.referenceDate")}
            description={t("roundForm.referenceDateHelp")}
            defaultValue={value("referenceDate")}
            error={err("referenceDate")}
            required
          />
          <TextField id="deadline" name="deadline" type="date" label={t("roundForm.deadline")} defaultValue={value("deadline")} error={err("deadline")} required />
        </div>
        <TextField
          id="reminderDaysBefore"
          name="reminderDaysBefore"
          inputMode="numeric"
          label={t("roundForm.reminderDaysBefore")}
          description={t("roundForm.reminderHelp")}
          defaultValue={value("reminderDaysBefore") ?? "7"}
          error={err("reminderDaysBefore")}
        />
        <div>
          <button type="submit" className="ds-button" data-variant="primary">
            {t("roundForm.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
