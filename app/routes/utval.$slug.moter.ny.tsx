import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, TextField } from "~/components/form";
import { initialText, useMessage } from "~/components/meetings/messages";
import { PageTitle } from "~/components/page";
import { newMeetingSchema, type NewMeetingInput } from "~/models/meeting-forms.server";
import { createMeeting, getBodyPage } from "~/models/meetings.server";
import { requireRole } from "~/http/session.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";

export const meta: MetaFunction = () => [{ title: "Nytt møte – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "secretariat");
  const { body } = await getBodyPage(user, params.slug ?? "", { upcomingPage: 1, pastPage: 1 }).catch(rethrowAsResponse);
  return { body: { slug: body.slug, shortName: body.shortName } };
}

const FIELDS = ["title", "date", "time", "endTime", "location", "videoLink"] as const;

export async function action({ request, params }: ActionFunctionArgs) {
  // Only the secretariat gets as far as the form (403 before any validation, as the loader).
  const user = await requireRole(request, "secretariat");
  const submission = parseWithZod(await readForm(request), { schema: newMeetingSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  try {
    const meeting = await createMeeting(user, { slug: params.slug ?? "", ...submission.value });
    return redirect(`/utval/${params.slug}/moter/${meeting.id}`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

export default function NewMeeting() {
  const { t } = useTranslation("cases-secretariat");
  const message = useMessage();
  const { body } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<NewMeetingInput>({ id: "new-meeting", lastResult: actionData?.result });
  const summary = [
    ...FIELDS.filter((k) => fields[k].errors).map((k) => ({ id: k, message: message(fields[k].errors)! })),
    ...(form.errors ?? []).map((m) => ({ id: "title", message: message(m)! })),
  ];
  useEffect(() => {
    if (summary.length) document.querySelector<HTMLElement>(".ds-error-summary")?.focus();
  }, [actionData]); // eslint-disable-line react-hooks/exhaustive-deps
  const field = (k: (typeof FIELDS)[number]) => ({ id: k, name: fields[k].name, defaultValue: initialText(fields[k]), error: message(fields[k].errors) });
  return (
    <div className="form-narrow">
      <p>
        <Link className="ds-link" to={`/utval/${body.slug}`}>
          {body.shortName}
        </Link>
      </p>
      <PageTitle>{t("meeting.newTitle", { body: body.shortName })}</PageTitle>
      <ErrorSummary heading={t("common.errorSummary")} errors={summary} />
      <Form method="post" className="stack" {...getFormProps(form)}>
        <TextField {...field("title")} label={t("meeting.title")} />
        <TextField {...field("date")} type="date" label={t("meeting.date")} required />
        <div className="row">
          <TextField {...field("time")} type="time" label={t("meeting.time")} required />
          <TextField {...field("endTime")} type="time" label={t("meeting.endTime")} />
        </div>
        <TextField {...field("location")} label={t("meeting.location")} description={t("meeting.placeHelp")} />
        <TextField {...field("videoLink")} type="url" label={t("meeting.videoLink")} />
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
