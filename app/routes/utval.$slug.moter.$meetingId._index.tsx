/**
 * A meeting of a body: its facts, downloads and agenda for everyone; for the secretariat the forms
 * that build the agenda and record handling, decisions, deferrals and follow-up tasks. One action,
 * one schema (a discriminated union on `intent`, app/models/meeting-forms.server.ts).
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { AddItemSections } from "~/components/meetings/add-item-forms";
import { AgendaItem } from "~/components/meetings/agenda-item";
import { AgendaState } from "~/components/meetings/agenda-state";
import { MeetingEditSections } from "~/components/meetings/meeting-edit";
import { AgendaTable, MeetingFacts } from "~/components/meetings/meeting-overview";
import { ActionErrors } from "~/components/meetings/messages";
import { PageTitle, Section } from "~/components/page";
import { useFormatters } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import type { MeetingActor, MeetingRef } from "~/models/meetings.server";
import {
  addCaseToAgenda,
  addFollowUpTask,
  addOrientationItem,
  cancelMeeting,
  deferAgendaItem,
  getMeeting,
  moveAgendaItem,
  publishAgenda,
  recordAgendaOutcome,
  removeAgendaItem,
  setFollowUpStatus,
  updateAgendaItem,
  updateMeeting,
} from "~/models/meetings.server";
import { meetingPageSchema, type MeetingPageInput } from "~/models/meeting-forms.server";
import { isMinutesLocked } from "~/models/meeting-statuses";
import { meetingTitle } from "~/models/secretariat-format";
import { useRootData } from "~/root";
import { getSessionUser, requireUser } from "~/http/session.server";
import { readForm, replyWithError, requireIdParam, rethrowAsResponse } from "~/http/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? meetingTitle(data.body, data.meeting) : "Møte"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return getMeeting(user, params.slug ?? "", requireIdParam(params.meetingId)).catch(rethrowAsResponse);
}

/** The operation of each intent. */
async function perform(user: MeetingActor, ref: MeetingRef, input: MeetingPageInput) {
  switch (input.intent) {
    case "add_case":
      return addCaseToAgenda(user, { ...ref, ...input });
    case "add_orientation":
      return addOrientationItem(user, { ...ref, ...input });
    case "update_item":
      return updateAgendaItem(user, { ...ref, ...input });
    case "move":
      return moveAgendaItem(user, { ...ref, ...input });
    case "remove":
      return removeAgendaItem(user, { ...ref, ...input });
    case "record":
      return recordAgendaOutcome(user, { ...ref, ...input });
    case "defer":
      return deferAgendaItem(user, { ...ref, ...input });
    case "add_task":
      return addFollowUpTask(user, { ...ref, ...input });
    case "task_status":
      return setFollowUpStatus(user, { ...ref, ...input });
    case "publish_agenda":
      return publishAgenda(user, ref);
    case "edit_meeting":
      return updateMeeting(user, { ...ref, ...input });
    case "cancel_meeting":
      return cancelMeeting(user, ref);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const meetingId = requireIdParam(params.meetingId);
  const submission = parseWithZod(await readForm(request), { schema: meetingPageSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), error: null }, { status: 400 });
  const input = submission.value;
  try {
    await perform(user, { meetingId, expectedVersion: input.version, bodySlug: params.slug ?? "" }, input);
  } catch (error) {
    return replyWithError(submission, error);
  }
  const itemId = "itemId" in input && input.intent !== "remove" && input.intent !== "defer" ? input.itemId : null;
  return redirect(`/utval/${params.slug}/moter/${meetingId}${itemId ? `#punkt-${itemId}` : ""}`);
}

export default function MeetingPage() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const f = useFormatters();
  const { meeting, body } = data;
  const base = `/utval/${body.slug}/moter/${meeting.id}`;
  const lastResult = actionData?.result;
  return (
    <>
      <p>
        <Link className="ds-link" to={`/utval/${body.slug}`}>
          {localized(body.name, lang)}
        </Link>
      </p>
      <PageTitle>
        {meeting.status === "cancelled" ? `${t("meeting.cancelledTag")}: ` : ""}
        {meetingTitle(body, meeting)} – {f.date(meeting.startsAt)}
      </PageTitle>
      <ActionErrors result={lastResult} />
      <MeetingFacts data={data} base={base} />
      {data.canEdit ? <MeetingEditSections data={data} lastResult={lastResult} /> : null}

      <Section title={t("meeting.agenda")}>
        {!data.internal && !data.published ? <p className="ds-paragraph muted">{t("meeting.textsHidden")}</p> : null}
        <AgendaState data={data} lastResult={lastResult} />
        <AgendaTable items={data.items} />
        {data.items.map((item, i) => (
          <AgendaItem key={item.id} item={item} data={data} position={i + 1} first={i === 0} last={i === data.items.length - 1} lastResult={lastResult} />
        ))}
      </Section>

      {data.canEdit && !isMinutesLocked(meeting.minutesStatus) && meeting.status !== "cancelled" ? <AddItemSections data={data} lastResult={lastResult} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
