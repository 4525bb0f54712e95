import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField, TextArea, TextField } from "~/components/form";
import { LabelledText, PageTitle, Section } from "~/components/page";
import { ActionAlert, StatusTag, useFormatters, type ActionError } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import { CaseWorkflowError, rethrowAsResponse } from "~/models/case-workflow.server";
import {
  addCaseToAgenda,
  addFollowUpTask,
  addOrientationItem,
  deferAgendaItem,
  getMeeting,
  moveAgendaItem,
  recordAgendaOutcome,
  removeAgendaItem,
  setFollowUpStatus,
  updateAgendaItem,
} from "~/models/meetings.server";
import { meetingTitle } from "~/models/secretariat-format";
import { useRootData } from "~/root";
import { getSessionUser, requireUser } from "~/http/session.server";
import { readForm, requireIdParam } from "~/http/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? meetingTitle(data.body, data.meeting) : "Møte"} – Helsefellesskap Møre og Romsdal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  return getMeeting(user, params.slug ?? "", requireIdParam(params.meetingId)).catch(rethrowAsResponse);
}

type ActionResult = { intent: string; itemId?: number; error: ActionError; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v.slice(0, 25_000) : "";
  };
  const intent = str("intent");
  const ref = { meetingId: requireIdParam(params.meetingId), expectedVersion: Number(str("version")), bodySlug: params.slug ?? "" };
  const itemId = Number(str("itemId"));
  const slot = { presenter: str("presenter"), slotStart: str("slotStart"), durationMinutes: str("durationMinutes") };
  try {
    switch (intent) {
      case "add_case":
        await addCaseToAgenda(user, { ...ref, caseId: str("caseId"), ...slot });
        break;
      case "add_orientation":
        await addOrientationItem(user, { ...ref, title: str("title"), ...slot });
        break;
      case "update_item":
        await updateAgendaItem(user, { ...ref, itemId, ...slot, title: form.has("title") ? str("title") : undefined });
        break;
      case "move":
        await moveAgendaItem(user, { ...ref, itemId, direction: str("direction") as "up" | "down" });
        break;
      case "remove":
        await removeAgendaItem(user, { ...ref, itemId });
        break;
      case "record":
        await recordAgendaOutcome(user, { ...ref, itemId, handling: str("handling"), decision: str("decision") });
        break;
      case "defer":
        await deferAgendaItem(user, { ...ref, itemId, toMeetingId: Number(str("toMeetingId")) });
        break;
      case "add_task":
        await addFollowUpTask(user, { ...ref, itemId, what: str("what"), responsible: str("responsible"), dueDate: str("dueDate") });
        break;
      case "task_status":
        await setFollowUpStatus(user, { ...ref, taskId: Number(str("taskId")), status: str("status") });
        break;
      default:
        return Response.json({ intent, error: { code: "unknownAction", message: "Ukjend handling." } } satisfies ActionResult, { status: 400 });
    }
  } catch (error) {
    if (error instanceof CaseWorkflowError) {
      if (error.status === 403) throw new Response(error.message, { status: 403 });
      const values = Object.fromEntries(["handling", "decision", "title", "what", "responsible", "dueDate", "presenter", "slotStart", "durationMinutes"].map((k) => [k, str(k)]));
      return Response.json(
        { intent, itemId: Number.isInteger(itemId) ? itemId : undefined, error: { code: error.code, message: error.message, params: error.params }, values } satisfies ActionResult,
        { status: error.status },
      );
    }
    throw error;
  }
  const anchor = Number.isInteger(itemId) && itemId > 0 && intent !== "remove" && intent !== "defer" ? `#punkt-${itemId}` : "";
  return redirect(`/utval/${params.slug}/moter/${params.meetingId}${anchor}`);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Data["items"][number];

function SlotFields({ prefix, item, values }: { prefix: string; item?: Item; values?: Record<string, string> }) {
  const { t } = useTranslation("cases-secretariat");
  return (
    <div className="row">
      <TextField id={`${prefix}-slot`} name="slotStart" type="time" label={t("meeting.slot")} defaultValue={values?.slotStart ?? item?.slotStart ?? ""} />
      <TextField
        id={`${prefix}-duration`}
        name="durationMinutes"
        type="number"
        min={1}
        max={600}
        inputMode="numeric"
        label={t("meeting.duration")}
        defaultValue={values?.durationMinutes ?? (item?.durationMinutes != null ? String(item.durationMinutes) : "")}
      />
      <TextField id={`${prefix}-presenter`} name="presenter" label={t("meeting.presenter")} defaultValue={values?.presenter ?? item?.presenter ?? ""} />
    </div>
  );
}

function ItemSection({ item, data, first, last, actionData }: { item: Item; data: Data; first: boolean; last: boolean; actionData?: ActionResult }) {
  const { t } = useTranslation("cases-secretariat");
  const f = useFormatters();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const version = <input type="hidden" name="version" value={data.meeting.version} />;
  const hidden = (intent: string) => (
    <>
      {version}
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="itemId" value={item.id} />
    </>
  );
  const mine = actionData?.itemId === item.id ? actionData : undefined;
  const locked = data.meeting.minutesStatus === "approved" || data.meeting.minutesStatus === "published";
  const title = item.title ?? t("meeting.withheldTitle");
  const label = `${item.number ? `${item.number} ` : item.kind === "orientation" ? `${t("meeting.orientation")}: ` : ""}${title}`;
  return (
    <section className="page-section agenda-item" id={`punkt-${item.id}`} aria-labelledby={`punkt-${item.id}-h`}>
      <h3 className="ds-heading" data-size="sm" id={`punkt-${item.id}-h`}>
        {item.number ? `Sak ${item.number}: ` : item.kind === "orientation" ? `${t("meeting.orientation")}: ` : ""}
        {title}
      </h3>
      <p className="ds-paragraph muted">
        {[item.slotStart, item.durationMinutes ? `${item.durationMinutes} min` : "", item.presenter].filter(Boolean).join(" · ")}
        {item.caseReference ? (
          <>
            {" · "}
            {item.caseId && data.internal ? (
              <Link className="ds-link" to={`/sekretariat/saker/${item.caseId}`}>
                {t("meeting.caseLink", { reference: item.caseReference })}
              </Link>
            ) : (
              item.caseReference
            )}
          </>
        ) : null}
        {item.caseStatus ? (
          <>
            {" "}
            <StatusTag status={item.caseStatus} />
          </>
        ) : null}
      </p>
      {item.outcome === "deferred" ? (
        <p className="ds-paragraph">
          {t("meeting.deferredTo", { date: f.dateTime(item.deferredToStartsAt) })}{" "}
          {item.deferredToMeetingId ? (
            <Link className="ds-link" to={`/utval/${data.body.slug}/moter/${item.deferredToMeetingId}`}>
              {t("meeting.agenda")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {item.handling ? <LabelledText heading={t("meeting.handling")} text={item.handling} /> : null}
      {item.decision ? <LabelledText heading={t("meeting.decision")} text={item.decision} /> : null}
      {item.tasks.length ? (
        <>
          <h4 className="ds-heading" data-size="xs">
            {t("meeting.tasks")}
          </h4>
          <ul>
            {item.tasks.map((task) => (
              <li key={task.id}>
                {task.what} – {t("meeting.taskResponsible")}: {task.responsible}
                {task.dueDate ? `, ${t("meeting.taskDue").toLowerCase()} ${f.day(task.dueDate)}` : ""} ({t(`followUpStatus.${task.status}`)})
                {data.canEdit ? (
                  <Form method="post" className="row inline-form">
                    {version}
                    <input type="hidden" name="intent" value="task_status" />
                    <input type="hidden" name="taskId" value={task.id} />
                    <SelectField
                      id={`task-${task.id}-status`}
                      name="status"
                      label={t("meeting.taskStatus")}
                      defaultValue={task.status}
                      options={(["open", "in_progress", "done"] as const).map((s) => ({ value: s, label: t(`followUpStatus.${s}`) }))}
                    />
                    <button className="ds-button" data-variant="tertiary" data-size="sm" disabled={busy}>
                      {t("meeting.setTaskStatus")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {data.canEdit && item.outcome !== "deferred" ? (
        <div className="stack">
          {!locked ? (
            <div className="row">
              <Form method="post">
                {hidden("move")}
                <button className="ds-button" data-variant="tertiary" data-size="sm" name="direction" value="up" disabled={busy || first} aria-label={t("meeting.moveUp", { title: label })}>
                  ↑
                </button>
                <button className="ds-button" data-variant="tertiary" data-size="sm" name="direction" value="down" disabled={busy || last} aria-label={t("meeting.moveDown", { title: label })}>
                  ↓
                </button>
              </Form>
              {item.outcome === "pending" ? (
                <Form method="post">
                  {hidden("remove")}
                  <button className="ds-button" data-variant="tertiary" data-size="sm" data-color="danger" disabled={busy}>
                    {t("meeting.remove")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
          {!locked ? (
            <details>
              <summary className="ds-link">{t("meeting.editSlot")}</summary>
              <Form method="post" className="stack">
                {hidden("update_item")}
                <SlotFields prefix={`item-${item.id}`} item={item} />
                <div>
                  <button className="ds-button" data-variant="secondary" data-size="sm" disabled={busy}>
                    {t("common.save")}
                  </button>
                </div>
              </Form>
            </details>
          ) : null}
          {!locked ? (
            <details open={item.outcome === "pending" || mine?.intent === "record"}>
              <summary className="ds-link">
                {t("meeting.handling")} / {t("meeting.decision")}
              </summary>
              <Form method="post" className="stack form-wide">
                {hidden("record")}
                <TextArea
                  id={`item-${item.id}-handling`}
                  name="handling"
                  label={t("meeting.handling")}
                  rows={5}
                  defaultValue={mine?.intent === "record" ? mine.values?.handling : item.handling}
                />
                <TextArea
                  id={`item-${item.id}-decision`}
                  name="decision"
                  label={t("meeting.decision")}
                  rows={4}
                  required
                  defaultValue={mine?.intent === "record" ? mine.values?.decision : item.decision}
                  error={mine?.intent === "record" && mine.error.code === "decisionRequired" ? t("errors.decisionRequired") : undefined}
                />
                <div>
                  <button className="ds-button" data-variant="primary" disabled={busy}>
                    {t("meeting.record")}
                  </button>
                </div>
              </Form>
            </details>
          ) : null}
          {!locked && item.outcome === "pending" ? (
            data.laterMeetings.length ? (
              <Form method="post" className="row">
                {hidden("defer")}
                <SelectField
                  id={`item-${item.id}-defer`}
                  name="toMeetingId"
                  label={t("meeting.defer")}
                  options={data.laterMeetings.map((m) => ({ value: String(m.id), label: f.dateTime(m.startsAt) }))}
                />
                <button className="ds-button" data-variant="secondary" data-size="sm" disabled={busy}>
                  {t("meeting.deferSubmit")}
                </button>
              </Form>
            ) : (
              <p className="ds-paragraph muted">{t("meeting.noLaterMeetings")}</p>
            )
          ) : null}
          {item.outcome === "decided" ? (
            <details open={mine?.intent === "add_task"}>
              <summary className="ds-link">{t("meeting.addTask")}</summary>
              <Form method="post" className="stack form-wide">
                {hidden("add_task")}
                <TextField id={`item-${item.id}-what`} name="what" label={t("meeting.taskWhat")} required defaultValue={mine?.values?.what} />
                <div className="row">
                  <TextField id={`item-${item.id}-responsible`} name="responsible" label={t("meeting.taskResponsible")} required defaultValue={mine?.values?.responsible} />
                  <TextField id={`item-${item.id}-due`} name="dueDate" type="date" label={t("meeting.taskDue")} defaultValue={mine?.values?.dueDate} />
                </div>
                <div>
                  <button className="ds-button" data-variant="secondary" data-size="sm" disabled={busy}>
                    {t("meeting.addTask")}
                  </button>
                </div>
              </Form>
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export default function MeetingPage() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionResult>();
  const navigation = useNavigation();
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const f = useFormatters();
  const { meeting, body } = data;
  const base = `/utval/${body.slug}/moter/${meeting.id}`;
  const busy = navigation.state === "submitting";
  const locked = meeting.minutesStatus === "approved" || meeting.minutesStatus === "published";
  const canSeeMinutes = data.internal || data.published;
  return (
    <>
      <p>
        <Link className="ds-link" to={`/utval/${body.slug}`}>
          {localized(body.name, lang)}
        </Link>
      </p>
      <PageTitle>
        {meetingTitle(body, meeting)} – {f.date(meeting.startsAt)}
      </PageTitle>
      <ActionAlert error={actionData?.error} />
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
        {meeting.videoLink ? (
          <>
            <dt>{t("meeting.video")}</dt>
            <dd>
              <a className="ds-link" href={meeting.videoLink} rel="noopener noreferrer">
                {meeting.videoLink}
              </a>
            </dd>
          </>
        ) : null}
        <dt>{t("body.minutes")}</dt>
        <dd>
          {canSeeMinutes ? (
            <Link className="ds-link" to={`${base}/referat`}>
              {t(`minutesStatus.${meeting.minutesStatus}`)}
            </Link>
          ) : (
            t(`minutesStatus.${meeting.minutesStatus}`)
          )}
        </dd>
      </dl>
      <nav aria-label={t("meeting.downloads")}>
        <ul className="row" style={{ listStyle: "none", padding: 0 }}>
          <li>
            <a className="ds-link" href={`${base}/saksliste.pdf`} download>
              {t("meeting.agendaPdf")}
            </a>
          </li>
          {canSeeMinutes ? (
            <li>
              <a className="ds-link" href={`${base}/referat.pdf`} download>
                {t("meeting.minutesPdf")}
              </a>
            </li>
          ) : null}
          <li>
            <a className="ds-link" href={`${base}/mote.ics`} download>
              {t("meeting.ics")}
            </a>
          </li>
        </ul>
      </nav>

      <Section title={t("meeting.agenda")}>
        {!data.internal && !data.published ? <p className="ds-paragraph muted">{t("meeting.textsHidden")}</p> : null}
        {data.items.length === 0 ? (
          <p className="ds-paragraph">{t("meeting.agendaEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="ds-table">
              <caption>{t("meeting.agendaCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("meeting.number")}</th>
                  <th scope="col">{t("meeting.item")}</th>
                  <th scope="col">{t("meeting.slot")}</th>
                  <th scope="col">{t("meeting.duration")}</th>
                  <th scope="col">{t("meeting.presenter")}</th>
                  <th scope="col">{t("meeting.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id}>
                    <td>{item.number || (item.kind === "orientation" ? t("meeting.orientation") : "–")}</td>
                    <td>
                      <a className="ds-link" href={`#punkt-${item.id}`}>
                        {item.title ?? t("meeting.withheldTitle")}
                      </a>
                    </td>
                    <td>{item.slotStart || "–"}</td>
                    <td>{item.durationMinutes ?? "–"}</td>
                    <td>{item.presenter || "–"}</td>
                    <td>{t(`outcome.${item.outcome}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {data.items.map((item, i) => (
          <ItemSection key={item.id} item={item} data={data} first={i === 0} last={i === data.items.length - 1} actionData={actionData} />
        ))}
      </Section>

      {data.canEdit && !locked ? (
        <>
          <Section title={t("meeting.addCase")}>
            {data.candidates.length === 0 ? (
              <p className="ds-paragraph">{t("meeting.noCandidates")}</p>
            ) : (
              <Form method="post" className="stack form-wide">
                <input type="hidden" name="version" value={meeting.version} />
                <input type="hidden" name="intent" value="add_case" />
                <SelectField
                  id="add-case"
                  name="caseId"
                  label={t("meeting.addCaseSelect")}
                  options={data.candidates.map((c) => ({ value: c.id, label: `${c.reference}: ${c.title}` }))}
                />
                <SlotFields prefix="add-case" values={actionData?.intent === "add_case" ? actionData.values : undefined} />
                <div>
                  <button className="ds-button" data-variant="primary" disabled={busy}>
                    {t("meeting.addCaseSubmit")}
                  </button>
                </div>
              </Form>
            )}
          </Section>
          <Section title={t("meeting.addOrientation")}>
            <Form method="post" className="stack form-wide">
              <input type="hidden" name="version" value={meeting.version} />
              <input type="hidden" name="intent" value="add_orientation" />
              <TextField
                id="orientation-title"
                name="title"
                label={t("meeting.orientationTitle")}
                required
                defaultValue={actionData?.intent === "add_orientation" ? actionData.values?.title : undefined}
                error={actionData?.intent === "add_orientation" && actionData.error.code.startsWith("title") ? t(`errors.${actionData.error.code}`) : undefined}
              />
              <SlotFields prefix="orientation" values={actionData?.intent === "add_orientation" ? actionData.values : undefined} />
              <div>
                <button className="ds-button" data-variant="secondary" disabled={busy}>
                  {t("meeting.addOrientationSubmit")}
                </button>
              </div>
            </Form>
          </Section>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
