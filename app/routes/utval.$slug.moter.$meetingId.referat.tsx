import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { TextArea } from "~/components/form";
import { LabelledText, PageTitle, Section } from "~/components/page";
import { ActionAlert, useFormatters, type ActionError } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import { CaseWorkflowError, rethrowAsResponse } from "~/models/case-workflow.server";
import { approveMinutes, getMinutes, publishMinutes, saveMinutesIntro } from "~/models/meetings.server";
import { useRootData } from "~/root";
import { getSessionUser, requireUser } from "~/http/session.server";
import { readForm, requireIdParam } from "~/http/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Referat${data ? ` – ${data.body.shortName}` : ""} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return getMinutes(user, params.slug ?? "", requireIdParam(params.meetingId)).catch(rethrowAsResponse);
}

type ActionResult = { intent: string; error: ActionError; values?: { intro?: string } };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "");
  const ref = { meetingId: requireIdParam(params.meetingId), expectedVersion: Number(form.get("version")), bodySlug: params.slug ?? "" };
  const intro = String(form.get("intro") ?? "").slice(0, 25_000);
  try {
    if (intent === "save_intro") await saveMinutesIntro(user, { ...ref, intro });
    else if (intent === "approve" || intent === "publish") {
      if (form.get("confirm") !== "yes") {
        return Response.json({ intent, error: { code: "confirmRequired", message: "Kryss av for å stadfeste." } } satisfies ActionResult, { status: 400 });
      }
      if (intent === "approve") await approveMinutes(user, ref);
      else await publishMinutes(user, ref);
    } else {
      return Response.json({ intent, error: { code: "unknownAction", message: "Ukjend handling." } } satisfies ActionResult, { status: 400 });
    }
  } catch (error) {
    if (error instanceof CaseWorkflowError) {
      if (error.status === 403) throw new Response(error.message, { status: 403 });
      return Response.json({ intent, error: { code: error.code, message: error.message, params: error.params }, values: { intro } } satisfies ActionResult, { status: error.status });
    }
    throw error;
  }
  return redirect(`/utval/${params.slug}/moter/${params.meetingId}/referat`);
}

function ConfirmForm({ intent, version, label, confirm, help, error }: { intent: string; version: number; label: string; confirm: string; help?: string; error?: string }) {
  const navigation = useNavigation();
  const id = `${intent}-confirm`;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
      {help ? <p className="ds-paragraph">{help}</p> : null}
      <div className="ds-field">
        <input className="ds-input" type="checkbox" id={id} name="confirm" value="yes" required aria-describedby={error ? `${id}-error` : undefined} />
        <label className="ds-label" htmlFor={id}>
          {confirm}
        </label>
        {error ? (
          <p className="ds-validation-message" id={`${id}-error`} data-color="danger">
            {error}
          </p>
        ) : null}
      </div>
      <div>
        <button className="ds-button" data-variant="primary" disabled={navigation.state === "submitting"}>
          {label}
        </button>
      </div>
    </Form>
  );
}

export default function Minutes() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const navigation = useNavigation();
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const f = useFormatters();
  const { meeting, body } = data;
  const base = `/utval/${body.slug}/moter/${meeting.id}`;
  const status = meeting.minutesStatus;
  const confirmError = (intent: string) => (actionData?.intent === intent && actionData.error.code === "confirmRequired" ? t("errors.confirmRequired") : undefined);
  return (
    <>
      <p>
        <Link className="ds-link" to={base}>
          {t("meeting.agenda")}
        </Link>
      </p>
      <PageTitle>{t("minutes.title", { body: localized(body.name, lang), date: f.date(meeting.startsAt) })}</PageTitle>
      <ActionAlert error={actionData?.error} />
      <p className="ds-paragraph">
        <span className="ds-tag" data-color={status === "published" ? "success" : "warning"}>
          {t("minutes.status", { status: t(`minutesStatus.${status}`) })}
        </span>{" "}
        {meeting.minutesPublishedAt ? t("minutes.published", { date: f.date(meeting.minutesPublishedAt) }) : null}
      </p>
      <p>
        <a className="ds-link" href={`${base}/referat.pdf`} download>
          {t("meeting.minutesPdf")}
        </a>
      </p>
      <dl className="meeting-facts">
        <dt>{t("meeting.when")}</dt>
        <dd>
          {f.dateTime(meeting.startsAt)}
          {meeting.endsAt ? `–${f.time(meeting.endsAt)}` : ""}
        </dd>
        {meeting.location ? (
          <>
            <dt>{t("meeting.where")}</dt>
            <dd>{meeting.location}</dd>
          </>
        ) : null}
      </dl>

      {data.canEdit && (status === "none" || status === "draft") ? (
        <Form method="post" className="stack form-wide">
          <input type="hidden" name="intent" value="save_intro" />
          <input type="hidden" name="version" value={meeting.version} />
          <TextArea id="intro" name="intro" label={t("minutes.intro")} description={t("minutes.introHelp")} rows={5} defaultValue={actionData?.values?.intro ?? meeting.minutesIntro} />
          <div>
            <button className="ds-button" data-variant="secondary" disabled={navigation.state === "submitting"}>
              {t("minutes.saveIntro")}
            </button>
          </div>
        </Form>
      ) : meeting.minutesIntro ? (
        <Section title={t("minutes.intro")}>
          <p className="ds-paragraph preserve-lines">
            {meeting.minutesIntro}
          </p>
        </Section>
      ) : null}

      {data.items.map((item) => (
        <section key={item.id} className="page-section" aria-labelledby={`m-${item.id}`}>
          <h2 className="ds-heading" data-size="sm" id={`m-${item.id}`}>
            {item.number ? `Sak ${item.number}: ` : item.kind === "orientation" ? `${t("meeting.orientation")}: ` : ""}
            {item.title ?? t("meeting.withheldTitle")}
          </h2>
          {item.outcome === "deferred" ? (
            <p className="ds-paragraph">{t("minutes.deferred", { date: f.date(item.deferredToStartsAt) })}</p>
          ) : (
            <>
              {item.handling ? <LabelledText heading={t("meeting.handling")} text={item.handling} level={3} /> : null}
              <LabelledText heading={t("meeting.decision")} text={item.decision || "–"} level={3} />
              {item.tasks.length ? (
                <ul>
                  {item.tasks.map((task) => (
                    <li key={task.id}>
                      {task.what} – {task.responsible}
                      {task.dueDate ? `, ${f.day(task.dueDate)}` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </section>
      ))}

      {data.canEdit && status === "draft" ? (
        <Section title={t("minutes.approve")}>
          <ConfirmForm intent="approve" version={meeting.version} label={t("minutes.approve")} confirm={t("minutes.approveConfirm")} error={confirmError("approve")} />
        </Section>
      ) : null}
      {data.canEdit && status === "approved" ? (
        <Section title={t("minutes.publish")}>
          <ConfirmForm
            intent="publish"
            version={meeting.version}
            label={t("minutes.publish")}
            confirm={t("minutes.publishConfirm")}
            help={t("minutes.publishHelp")}
            error={confirmError("publish")}
          />
        </Section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
