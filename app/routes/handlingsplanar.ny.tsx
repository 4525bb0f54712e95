import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type LinksFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import dashboardCss from "~/components/charts/dashboard.css";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, SelectField, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { errorText, formReply } from "~/components/plans/form-reply";
import { localized, translateCode } from "~/i18n";
import { createPlan, listBodiesForSelect, planFormSchema, PLAN_STATUSES, requirePlanCreator } from "~/models/plans.server";
import { useRootData } from "~/root";
import { requireUser } from "~/http/session.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "Ny handlingsplan – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    requirePlanCreator(user);
  } catch (error) {
    rethrowAsResponse(error);
  }
  return { bodies: await listBodiesForSelect(), planStatuses: PLAN_STATUSES };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Who may create is checked before the form is read: a refused actor gets 403, not a 400 about fields.
  try {
    requirePlanCreator(user);
  } catch (error) {
    rethrowAsResponse(error);
  }
  const submission = parseWithZod(await readForm(request), { schema: planFormSchema, disableAutoCoercion: true });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    const { slug } = await createPlan(user, submission.value);
    return redirect(`/handlingsplanar/${slug}`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

const FIELDS = ["titleNn", "titleNb", "titleEn", "slug", "periodStart", "periodEnd", "ownerBodyId", "status"] as const;

export default function NewPlan() {
  const { t } = useTranslation("plans");
  const { bodies, planStatuses } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const lang = useRootData()?.lang ?? "nn";
  const busy = useNavigation().state === "submitting";
  const reply = formReply(data);
  const summary = reply
    .failed(["", ...FIELDS])
    .map((f) => ({ id: f || "titleNn", message: f ? `${translateCode(t, "plans", `planForm.${f}`)}: ${errorText(t, reply.error(f))}` : errorText(t, reply.error(f))! }));
  useEffect(() => {
    if (data) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [data]);
  const err = (f: string) => errorText(t, reply.error(f));
  return (
    <div className="form-wide">
      <PageTitle>{t("planForm.title")}</PageTitle>
      <p className="ds-paragraph">{t("planForm.intro")}</p>
      <ErrorSummary heading={t("errors.summary")} errors={summary} />
      <Form method="post" className="stack" noValidate>
        <TextField id="titleNn" name="titleNn" label={t("planForm.titleNn")} defaultValue={reply.value("titleNn")} error={err("titleNn")} required />
        <TextField
          id="titleNb"
          name="titleNb"
          label={t("planForm.titleNb")}
          description={t("planForm.optionalLang")}
          defaultValue={reply.value("titleNb")}
          error={err("titleNb")}
        />
        <TextField
          id="titleEn"
          name="titleEn"
          label={t("planForm.titleEn")}
          description={t("planForm.optionalLang")}
          defaultValue={reply.value("titleEn")}
          error={err("titleEn")}
        />
        <TextField id="slug" name="slug" label={t("planForm.slug")} description={t("planForm.slugHelp")} defaultValue={reply.value("slug")} error={err("slug")} />
        <div className="row">
          <TextField
            id="periodStart"
            name="periodStart"
            type="date"
            label={t("planForm.periodStart")}
            defaultValue={reply.value("periodStart")}
            error={err("periodStart")}
            required
          />
          <TextField id="periodEnd" name="periodEnd" type="date" label={t("planForm.periodEnd")} defaultValue={reply.value("periodEnd")} error={err("periodEnd")} required />
        </div>
        <SelectField
          id="ownerBodyId"
          name="ownerBodyId"
          label={t("planForm.ownerBodyId")}
          defaultValue={reply.value("ownerBodyId") ?? ""}
          error={err("ownerBodyId")}
          required
          options={[{ value: "", label: t("planForm.choose") }, ...bodies.map((b) => ({ value: String(b.id), label: `${b.shortName} – ${localized(b.name, lang)}` }))]}
        />
        <SelectField
          id="status"
          name="status"
          label={t("planForm.status")}
          defaultValue={reply.value("status") ?? "active"}
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
