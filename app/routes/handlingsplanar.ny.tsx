import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { localized } from "~/i18n";
import { actorOf } from "~/models/actor";
import { createPlan, fieldErrors, listBodiesForSelect, planFormSchema, PLAN_STATUSES, slugFromTitle } from "~/models/plans.server";
import { useRootData } from "~/root";
import { requireRole } from "~/http/session.server";
import { readForm } from "~/http/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Ny handlingsplan – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "secretariat");
  return { bodies: await listBodiesForSelect(), planStatuses: PLAN_STATUSES };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "secretariat");
  const form = Object.fromEntries(await readForm(request));
  const parsed = planFormSchema.safeParse(form);
  const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, typeof v === "string" ? v.slice(0, 300) : ""]));
  if (!parsed.success) return Response.json({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const v = parsed.data;
  const slug = v.slug || `${slugFromTitle(v.titleNn).slice(0, 50)}-${v.periodStart.slice(0, 4)}-${v.periodEnd.slice(0, 4)}`;
  const result = await createPlan({
    actor: actorOf(user),
    slug,
    title: { nn: v.titleNn, nb: v.titleNb, en: v.titleEn },
    periodStart: v.periodStart,
    periodEnd: v.periodEnd,
    ownerBodyId: v.ownerBodyId,
    status: v.status,
  });
  if (!result.ok) return Response.json({ errors: { slug: "errors.slugTaken" }, values }, { status: 400 });
  return redirect(`/handlingsplanar/${result.slug}`);
}

const FIELDS = ["titleNn", "titleNb", "titleEn", "slug", "periodStart", "periodEnd", "ownerBodyId", "status"] as const;

export default function NewPlan() {
  const { t } = useTranslation("plans");
  const { bodies, planStatuses } = useLoaderData<typeof loader>();
  const data = useActionData<{ errors: Record<string, string>; values: Record<string, string> }>();
  const lang = useRootData()?.lang ?? "nn";
  const busy = useNavigation().state === "submitting";
  const errors = data?.errors ?? {};
  const values = data?.values ?? {};
  const summary = FIELDS.filter((f) => errors[f]).map((f) => ({ id: f, message: `${t(`planForm.${f}`)}: ${t(errors[f])}` }));
  useEffect(() => {
    if (data?.errors) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [data]);
  const err = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  return (
    <div className="form-wide">
      <PageTitle>{t("planForm.title")}</PageTitle>
      <p className="ds-paragraph">{t("planForm.intro")}</p>
      <ErrorSummary heading={t("errors.summary")} errors={summary} />
      <Form method="post" className="stack" noValidate>
        <TextField id="titleNn" name="titleNn" label={t("planForm.titleNn")} defaultValue={values.titleNn} error={err("titleNn")} required />
        <TextField id="titleNb" name="titleNb" label={t("planForm.titleNb")} description={t("planForm.optionalLang")} defaultValue={values.titleNb} error={err("titleNb")} />
        <TextField id="titleEn" name="titleEn" label={t("planForm.titleEn")} description={t("planForm.optionalLang")} defaultValue={values.titleEn} error={err("titleEn")} />
        <TextField id="slug" name="slug" label={t("planForm.slug")} description={t("planForm.slugHelp")} defaultValue={values.slug} error={err("slug")} />
        <div className="row">
          <TextField id="periodStart" name="periodStart" type="date" label={t("planForm.periodStart")} defaultValue={values.periodStart} error={err("periodStart")} required />
          <TextField id="periodEnd" name="periodEnd" type="date" label={t("planForm.periodEnd")} defaultValue={values.periodEnd} error={err("periodEnd")} required />
        </div>
        <SelectField
          id="ownerBodyId"
          name="ownerBodyId"
          label={t("planForm.ownerBodyId")}
          defaultValue={values.ownerBodyId ?? ""}
          error={err("ownerBodyId")}
          required
          options={[{ value: "", label: t("planForm.choose") }, ...bodies.map((b) => ({ value: String(b.id), label: `${b.shortName} – ${localized(b.name, lang)}` }))]}
        />
        <SelectField
          id="status"
          name="status"
          label={t("planForm.status")}
          defaultValue={values.status ?? "active"}
          error={err("status")}
          options={planStatuses.map((s) => ({ value: s, label: t(`planStatus.${s}`) }))}
        />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={busy}>
            {t("planForm.submit")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
