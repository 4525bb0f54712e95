import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextArea, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { localized } from "~/i18n";
import { createRound, listPlansForRoundForm, roundFormSchema } from "~/models/checklists.server";
import { actorOf } from "~/models/actor";
import { fieldErrors } from "~/models/plans.server";
import { useRootData } from "~/root";
import { requireRole } from "~/http/session.server";
import { readForm } from "~/http/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Ny evalueringsrunde – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "secretariat");
  return { plans: await listPlansForRoundForm() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "secretariat");
  const form = Object.fromEntries(await readForm(request));
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 1000) : ""]));
  const parsed = roundFormSchema.safeParse(form);
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const result = await createRound({ actor: actorOf(user), ...parsed.data });
  if (!result.ok) return Response.json({ errors: { title: "errors.roundTitleTaken" }, values }, { status: 400 });
  return redirect(`/sjekkliste/runde/${result.id}`);
}

const FIELDS = ["planId", "title", "description", "referenceDate", "deadline", "reminderDaysBefore"] as const;

export default function NewRound() {
  const { t } = useTranslation("plans");
  const { plans } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors: Record<string, string>; values: Record<string, string> }>();
  const [params] = useSearchParams();
  const lang = useRootData()?.lang ?? "nn";
  const errors = data?.errors ?? {};
  const values = data?.values ?? {};
  useEffect(() => {
    if (data?.errors) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [data]);
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  return (
    <div className="form-wide">
      <PageTitle>{t("roundForm.heading")}</PageTitle>
      <p className="ds-paragraph">{t("roundForm.intro")}</p>
      <ErrorSummary heading={t("errors.summary")} errors={FIELDS.filter((f) => errors[f]).map((f) => ({ id: f, message: `${t(`roundForm.${f}`)}: ${t(errors[f])}` }))} />
      <Form method="post" className="stack" noValidate>
        <SelectField
          id="planId"
          name="planId"
          label={t("roundForm.planId")}
          defaultValue={values.planId ?? params.get("plan") ?? ""}
          error={err("planId")}
          required
          options={[{ value: "", label: t("planForm.choose") }, ...plans.map((p) => ({ value: String(p.id), label: localized(p.title, lang) }))]}
        />
        <TextField id="title" name="title" label={t("roundForm.title")} description={t("roundForm.titleHelp")} defaultValue={values.title} error={err("title")} required />
        <TextArea id="description" name="description" rows={2} label={t("roundForm.description")} defaultValue={values.description} error={err("description")} />
        <div className="row">
          <TextField id="referenceDate" name="referenceDate" type="date" label={t("roundForm.referenceDate")} description={t("roundForm.referenceDateHelp")} defaultValue={values.referenceDate} error={err("referenceDate")} required />
          <TextField id="deadline" name="deadline" type="date" label={t("roundForm.deadline")} defaultValue={values.deadline} error={err("deadline")} required />
        </div>
        <TextField id="reminderDaysBefore" name="reminderDaysBefore" inputMode="numeric" label={t("roundForm.reminderDaysBefore")} description={t("roundForm.reminderHelp")} defaultValue={values.reminderDaysBefore ?? "7"} error={err("reminderDaysBefore")} />
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
