import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/form";
import { PageTitle } from "~/components/page";
import { rethrowAsResponse } from "~/models/case-workflow.server";
import { createMeeting, getBodyPage, type FieldErrors } from "~/models/meetings.server";
import { requireRole } from "~/http/session.server";
import { readForm } from "~/http/http.server";

export const meta: MetaFunction = () => [{ title: "Nytt møte – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "secretariat");
  const { body } = await getBodyPage(user, params.slug ?? "", { upcomingPage: 1, pastPage: 1 }).catch(rethrowAsResponse);
  return { body: { slug: body.slug, shortName: body.shortName } };
}

const FIELDS = ["title", "date", "time", "endTime", "location", "videoLink"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "secretariat");
  const form = await readForm(request);
  const values = Object.fromEntries(FIELDS.map((k) => [k, String(form.get(k) ?? "").slice(0, 1000)])) as Record<(typeof FIELDS)[number], string>;
  const result = await createMeeting(user, params.slug ?? "", values).catch(rethrowAsResponse);
  if ("errors" in result) return Response.json({ errors: result.errors, values }, { status: 400 });
  return redirect(`/utval/${params.slug}/moter/${result.meeting.id}`);
}

export default function NewMeeting() {
  const { t } = useTranslation("cases-secretariat");
  const { body } = useLoaderData<typeof loader>();
  const actionData = useActionData<{ errors: FieldErrors; values: Record<string, string> }>();
  const navigation = useNavigation();
  const errors = actionData?.errors ?? {};
  const v = actionData?.values ?? {};
  const summary = FIELDS.filter((k) => errors[k]).map((k) => ({ id: k, message: t(errors[k]!) }));
  useEffect(() => {
    if (summary.length) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]); // eslint-disable-line react-hooks/exhaustive-deps
  const err = (k: (typeof FIELDS)[number]) => (errors[k] ? t(errors[k]!) : undefined);
  return (
    <div className="form-narrow">
      <p>
        <Link className="ds-link" to={`/utval/${body.slug}`}>
          {body.shortName}
        </Link>
      </p>
      <PageTitle>{t("meeting.newTitle", { body: body.shortName })}</PageTitle>
      <ErrorSummary heading={t("common.errorSummary")} errors={summary} />
      <Form method="post" className="stack" noValidate>
        <TextField id="title" name="title" label={t("meeting.title")} defaultValue={v.title} error={err("title")} />
        <TextField id="date" name="date" type="date" label={t("meeting.date")} required defaultValue={v.date} error={err("date")} />
        <div className="row">
          <TextField id="time" name="time" type="time" label={t("meeting.time")} required defaultValue={v.time} error={err("time")} />
          <TextField id="endTime" name="endTime" type="time" label={t("meeting.endTime")} defaultValue={v.endTime} error={err("endTime")} />
        </div>
        <TextField id="location" name="location" label={t("meeting.location")} description={t("meeting.placeHelp")} defaultValue={v.location} error={err("location")} />
        <TextField id="videoLink" name="videoLink" type="url" label={t("meeting.videoLink")} defaultValue={v.videoLink} error={err("videoLink")} />
        <div>
          <button type="submit" className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
            {t("meeting.create")}
          </button>
        </div>
      </Form>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
