import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-secretariat";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { Pager, StatusTag, useFormatters } from "~/components/secretariat";
import { localized, type Lang } from "~/i18n";
import { getBodyPage } from "~/models/meetings.server";
import { meetingTitle } from "~/models/secretariat-format";
import { useRootData } from "~/root";
import { getSessionUser } from "~/http/session.server";
import { rethrowAsResponse } from "~/http/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.body.shortName ?? "Utval"} – Helsefellesskap Møre og Romsdal` }];

const pageParam = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getSessionUser(request);
  const url = new URL(request.url);
  const upcomingPage = pageParam(url.searchParams.get("kommande"));
  const pastPage = pageParam(url.searchParams.get("tidlegare"));
  const data = await getBodyPage(user, params.slug ?? "", { upcomingPage, pastPage }).catch(rethrowAsResponse);
  return { ...data, upcomingPage, pastPage };
}

type Meeting = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function MeetingTable({ caption, meetings, slug, shortName }: { caption: string; meetings: Meeting[]; slug: string; shortName: string }) {
  const { t } = useTranslation("cases-secretariat");
  const f = useFormatters();
  if (meetings.length === 0) return <p className="ds-paragraph">{t("body.noMeetings")}</p>;
  return (
    <div className="table-wrap">
      <table className="ds-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("body.date")}</th>
            <th scope="col">{t("meeting.title")}</th>
            <th scope="col">{t("body.place")}</th>
            <th scope="col">{t("body.minutes")}</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => (
            <tr key={m.id}>
              <td>
                <Link className="ds-link" to={`/utval/${slug}/moter/${m.id}`}>
                  {f.dateTime(m.startsAt)}
                </Link>
              </td>
              <td>
                {meetingTitle({ shortName }, m)}
                {m.status === "cancelled" ? (
                  <>
                    {" "}
                    <span className="ds-tag" data-color="danger">
                      {t("meeting.cancelledTag")}
                    </span>
                  </>
                ) : null}
              </td>
              <td>{[m.location, m.videoLink ? t("meeting.video") : ""].filter(Boolean).join(" / ")}</td>
              <td>
                {m.minutesStatus === "published" ? (
                  <Link className="ds-link" to={`/utval/${slug}/moter/${m.id}/referat`}>
                    {t("minutesStatus.published")}
                  </Link>
                ) : (
                  t(`minutesStatus.${m.minutesStatus}`)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function BodyPage() {
  const { t } = useTranslation("cases-secretariat");
  const data = useLoaderData<typeof loader>();
  const lang = (useRootData()?.lang ?? "nn") as Lang;
  const slug = data.body.slug;
  const href = (patch: { kommande?: number; tidlegare?: number }) => {
    const p = new URLSearchParams();
    const k = patch.kommande ?? data.upcomingPage;
    const ti = patch.tidlegare ?? data.pastPage;
    if (k > 1) p.set("kommande", String(k));
    if (ti > 1) p.set("tidlegare", String(ti));
    const s = p.toString();
    return `/utval/${slug}${s ? `?${s}` : ""}`;
  };
  return (
    <>
      <p>
        <Link className="ds-link" to="/utval">
          {t("bodies.title")}
        </Link>
      </p>
      <PageTitle>{localized(data.body.name, lang)}</PageTitle>
      <p className="ds-paragraph">{localized(data.body.description, lang)}</p>
      {data.canEdit ? (
        <p>
          <Link className="ds-button" data-variant="primary" to={`/utval/${slug}/moter/ny`}>
            {t("body.newMeeting")}
          </Link>
        </p>
      ) : null}
      <p className="ds-paragraph">
        <a className="ds-link" href={`/utval/${slug}/moter.ics`}>
          {t("body.subscribe")}
        </a>{" "}
        <span className="muted">{t("body.subscribeHelp")}</span>
      </p>
      <Section title={t("body.upcoming")}>
        <MeetingTable caption={t("body.upcoming")} meetings={data.upcoming} slug={slug} shortName={data.body.shortName} />
        <Pager page={data.upcomingPage} pages={data.upcomingPages} href={(p) => href({ kommande: p })} />
      </Section>
      <Section title={t("body.past")}>
        <MeetingTable caption={t("body.past")} meetings={data.past} slug={slug} shortName={data.body.shortName} />
        <Pager page={data.pastPage} pages={data.pastPages} href={(p) => href({ tidlegare: p })} />
      </Section>
      {data.internal ? (
        <Section title={t("body.cases")}>
          {data.cases.length === 0 ? (
            <p className="ds-paragraph">{t("body.noCases")}</p>
          ) : (
            <div className="table-wrap">
              <table className="ds-table">
                <caption>{t("body.cases")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("inbox.reference")}</th>
                    <th scope="col">{t("inbox.caseTitle")}</th>
                    <th scope="col">{t("inbox.status")}</th>
                    <th scope="col">{t("inbox.urgency")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.cases.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <Link className="ds-link" to={`/sekretariat/saker/${c.id}`}>
                          {c.reference}
                        </Link>
                      </td>
                      <td>{c.title}</td>
                      <td>
                        <StatusTag status={c.status} />
                      </td>
                      <td>{t(`urgency.${c.urgency}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
