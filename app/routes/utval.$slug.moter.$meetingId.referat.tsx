import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ActionErrors } from "~/components/meetings/messages";
import { ConfirmForm, IntroForm } from "~/components/meetings/minutes-forms";
import { LabelledText, PageTitle, Section } from "~/components/page";
import { useFormatters } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import { minutesPageSchema } from "~/models/meeting-forms.server";
import { approveMinutes, getMinutes, publishMinutes, saveMinutesIntro } from "~/models/meetings.server";
import { useRootData } from "~/root";
import { getSessionUser, requireUser } from "~/http/session.server";
import { readForm, replyWithError, requireIdParam, rethrowAsResponse } from "~/http/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Referat${data ? ` – ${data.body.shortName}` : ""} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return getMinutes(user, params.slug ?? "", requireIdParam(params.meetingId)).catch(rethrowAsResponse);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const meetingId = requireIdParam(params.meetingId);
  const submission = parseWithZod(await readForm(request), { schema: minutesPageSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  const input = submission.value;
  const ref = { meetingId, expectedVersion: input.version, bodySlug: params.slug ?? "" };
  try {
    if (input.intent === "save_intro") await saveMinutesIntro(user, { ...ref, intro: input.intro });
    else if (input.intent === "approve") await approveMinutes(user, ref);
    else await publishMinutes(user, ref);
  } catch (error) {
    return replyWithError(submission, error);
  }
  return redirect(`/utval/${params.slug}/moter/${meetingId}/referat`);
}

export default function Minutes() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const f = useFormatters();
  const { meeting, body } = data;
  const base = `/utval/${body.slug}/moter/${meeting.id}`;
  const status = meeting.minutesStatus;
  const lastResult = actionData?.result;
  return (
    <>
      <p>
        <Link className="ds-link" to={base}>
          {t("meeting.agenda")}
        </Link>
      </p>
      <PageTitle>{t("minutes.title", { body: localized(body.name, lang), date: f.date(meeting.startsAt) })}</PageTitle>
      <ActionErrors result={lastResult} />
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
        <IntroForm version={meeting.version} intro={meeting.minutesIntro} lastResult={lastResult} />
      ) : meeting.minutesIntro ? (
        <Section title={t("minutes.intro")}>
          <p className="ds-paragraph preserve-lines">{meeting.minutesIntro}</p>
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
          <ConfirmForm intent="approve" version={meeting.version} label={t("minutes.approve")} confirm={t("minutes.approveConfirm")} lastResult={lastResult} />
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
            lastResult={lastResult}
          />
        </Section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
