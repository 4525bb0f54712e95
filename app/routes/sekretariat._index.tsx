import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SelectField, TextField } from "~/components/form";
import { PageTitle, Section } from "~/components/page";
import { Pager, StatusTag, useFormatters } from "~/components/secretariat";
import { CASE_STATUSES } from "~/models/case-workflow.server";
import { listInbox, parseInboxQuery, SORTS } from "~/models/inbox.server";
import { inboxSearch } from "~/models/secretariat-format";
import { rethrowAsResponse } from "~/http/http.server";
import { requireUser } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Sekretariatet – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  // The secretariat, and the SSU leader and deputy (cases under assessment): the model checks.
  const user = await requireUser(request);
  const inbox = await listInbox(user, parseInboxQuery(new URL(request.url).searchParams)).catch(rethrowAsResponse);
  return { ...inbox, statuses: inbox.scope === "all" ? CASE_STATUSES : (["under_assessment"] as const), sorts: SORTS };
}

export default function SecretariatInbox() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const f = useFormatters();
  const q = data.query;
  return (
    <>
      <PageTitle>{t("inbox.title")}</PageTitle>
      <p className="ds-paragraph">{t(data.scope === "all" ? "inbox.intro" : "inbox.introAssessment")}</p>

      <nav aria-label={t("inbox.counts")} className="page-section">
        <ul className="row status-counts" style={{ listStyle: "none", padding: 0 }}>
          <li>
            <Link className="ds-link" to={inboxSearch(q, { status: undefined, page: 1 })} aria-current={!q.status ? "page" : undefined}>
              {t("inbox.countsAll", { count: data.allCount })}
            </Link>
          </li>
          {data.statuses.map((s) => (
            <li key={s}>
              <Link className="ds-link" to={inboxSearch(q, { status: s, page: 1 })} aria-current={q.status === s ? "page" : undefined}>
                {t(`status.${s}`)} ({data.counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <Form method="get" className="stack" role="search" aria-label={t("common.filter")}>
        <TextField id="q" name="q" type="search" label={t("inbox.search")} defaultValue={q.q ?? ""} />
        <div className="row">
          <SelectField
            id="status"
            name="status"
            label={t("inbox.status")}
            defaultValue={q.status ?? ""}
            options={[{ value: "", label: t("common.all") }, ...data.statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
          />
          <SelectField
            id="body"
            name="body"
            label={t("inbox.body")}
            defaultValue={q.bodyId ? String(q.bodyId) : ""}
            options={[{ value: "", label: t("common.all") }, ...data.bodyOptions.map((b) => ({ value: String(b.id), label: b.shortName }))]}
          />
          <SelectField
            id="urgency"
            name="urgency"
            label={t("inbox.urgency")}
            defaultValue={q.urgency ?? ""}
            options={[{ value: "", label: t("common.all") }, ...(["high", "normal", "low"] as const).map((u) => ({ value: u, label: t(`urgency.${u}`) }))]}
          />
          <SelectField
            id="party"
            name="party"
            label={t("inbox.party")}
            defaultValue={q.party ?? ""}
            options={[{ value: "", label: t("common.all") }, ...data.partyOptions.map((p) => ({ value: p.number, label: p.name }))]}
          />
          <SelectField
            id="year"
            name="year"
            label={t("inbox.year")}
            defaultValue={q.year ? String(q.year) : ""}
            options={[{ value: "", label: t("common.all") }, ...data.years.map((y) => ({ value: String(y), label: String(y) }))]}
          />
          <SelectField id="sort" name="sort" label={t("inbox.sort")} defaultValue={q.sort} options={data.sorts.map((s) => ({ value: s, label: t(`inbox.sorts.${s}`) }))} />
        </div>
        <div className="row">
          <button type="submit" className="ds-button" data-variant="primary">
            {t("common.filter")}
          </button>
          <Link to="/sekretariat" className="ds-link">
            {t("common.reset")}
          </Link>
        </div>
      </Form>

      <div className="table-wrap page-section">
        <table className="ds-table" data-border="true">
          <caption>{t("inbox.caption", { total: data.total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("inbox.reference")}</th>
              <th scope="col">{t("inbox.caseTitle")}</th>
              <th scope="col">{t("inbox.status")}</th>
              <th scope="col">{t("inbox.urgency")}</th>
              <th scope="col">{t("inbox.body")}</th>
              <th scope="col">{t("inbox.from")}</th>
              <th scope="col">{t("inbox.assigned")}</th>
              <th scope="col">{t("inbox.created")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.length === 0 ? (
              <tr>
                <td colSpan={8}>{t("inbox.empty")}</td>
              </tr>
            ) : (
              data.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link className="ds-link" to={`/sekretariat/saker/${r.id}`}>
                      {r.reference}
                    </Link>
                  </td>
                  <td>{r.title}</td>
                  <td>
                    <StatusTag status={r.status} />
                  </td>
                  <td>{t(`urgency.${r.urgency}`)}</td>
                  <td>{r.bodyShortName ?? "–"}</td>
                  <td>{[r.submitterOrg, r.partyName].filter(Boolean).join(", ") || "–"}</td>
                  <td>{r.assignedName ?? "–"}</td>
                  <td>{f.date(r.createdAt)}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager page={data.page} pages={data.pageCount} href={(p) => `/sekretariat${inboxSearch(q, { page: p })}`} />

      <Section title={t("inbox.overdueTitle")}>
        {data.overdue.length === 0 ? (
          <p className="ds-paragraph">{t("inbox.overdueEmpty")}</p>
        ) : (
          <div className="table-wrap">
            <table className="ds-table">
              <caption>{t("inbox.overdueCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("inbox.task")}</th>
                  <th scope="col">{t("inbox.responsible")}</th>
                  <th scope="col">{t("inbox.due")}</th>
                  <th scope="col">{t("inbox.meeting")}</th>
                </tr>
              </thead>
              <tbody>
                {data.overdue.map((task) => (
                  <tr key={task.id}>
                    <td>{task.what}</td>
                    <td>{task.responsible}</td>
                    <td>{f.day(task.dueDate)}</td>
                    <td>
                      <Link className="ds-link" to={`/utval/${task.bodySlug}/moter/${task.meetingId}`}>
                        {task.bodyShortName}
                        {task.bodyCaseSeq ? ` ${task.bodyCaseSeq}/${String((task.bodyCaseYear ?? 0) % 100).padStart(2, "0")}` : ""}: {task.itemTitle}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
