/** The party dashboard's status tables: one per plan, measures × (round, party), predecessors labelled; comments for members. */
import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { StatusCell, StatusLegend } from "~/components/charts/status";
import { Section } from "~/components/page";
import type { loader } from "~/routes/dashbord.$number";
import "~/i18n/plans";

export function PartyStatus({ d, predecessorLabel }: { d: SerializeFrom<typeof loader>; predecessorLabel: (number: string) => string }) {
  const { t } = useTranslation("plans");
  // One table per plan: measures × (round, party) columns; predecessors' columns are labelled.
  const plans = [...new Map(d.history.map((h) => [h.planSlug, h.planTitle])).entries()];
  const comments = d.history.flatMap((h) => h.answers.filter((a) => a.comment).map((a) => ({ h, a })));
  return (
    <Section title={t("party.statusHeading")}>
      {d.history.length === 0 ? <p className="ds-paragraph">{t("party.noHistory")}</p> : <StatusLegend />}
      {plans.map(([slug, title]) => {
        const columns = d.history.filter((h) => h.planSlug === slug);
        const measures = columns[0]?.answers ?? [];
        return (
          <div key={slug} className="table-wrap" tabIndex={0} role="region" aria-label={title}>
            <table className="ds-table matrix-table" data-size="sm">
              <caption>{t("party.statusCaption", { plan: title })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("excel.measureNumber")}</th>
                  {columns.map((c) => (
                    <th scope="col" key={`${c.roundId}-${c.partyNumber}`}>
                      {c.title}
                      {c.partyNumber !== d.party.number ? (
                        <>
                          <br />
                          <span className="predecessor-label">{predecessorLabel(c.partyNumber)}</span>
                        </>
                      ) : null}
                      {c.roundStatus === "open" ? (
                        <>
                          <br />
                          <span className="muted">({t("roundStatus.open")})</span>
                        </>
                      ) : null}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {measures.map((m) => (
                  <tr key={m.measureId}>
                    <th scope="row">
                      <abbr title={d.measureTitles[m.measureId]}>{m.number}</abbr>
                    </th>
                    {columns.map((c) => {
                      const a = c.answers.find((x) => x.measureId === m.measureId);
                      return (
                        <td key={`${c.roundId}-${c.partyNumber}`}>
                          {c.submitted ? <StatusCell t={t} status={a?.status ?? null} /> : <span className="muted">{t("dashboard.notSubmittedShort")}</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
      {d.history.length ? (
        <p className="ds-paragraph chart-downloads" data-size="sm">
          <a className="ds-link" href={`/dashbord/${d.party.number}/tabell/status.csv`} download>
            {t("charts.downloadCsv", { title: t("party.statusTitle") })}
          </a>{" "}
          ·{" "}
          <a className="ds-link" href={`/dashbord/${d.party.number}/tabell/status.xlsx`} download>
            {t("charts.downloadXlsx", { title: t("party.statusTitle") })}
          </a>
        </p>
      ) : null}
      {d.commentsVisible && comments.length ? (
        <details>
          <summary>{t("dashboard.comments", { count: comments.length })}</summary>
          <ul className="ds-list">
            {comments.map(({ h, a }) => (
              <li key={`${h.roundId}-${h.partyNumber}-${a.measureId}`}>
                <strong>
                  {h.title}
                  {h.partyNumber !== d.party.number ? ` (${predecessorLabel(h.partyNumber)})` : ""}, {a.number}:
                </strong>{" "}
                {a.comment}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}
