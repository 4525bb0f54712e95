/** The county dashboard's matrix: every party × measure of the round, completion, and the comments members may see. */
import { Link } from "@remix-run/react";
import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { StatusCell, StatusLegend } from "~/components/charts/status";
import { Section } from "~/components/page";
import type { loader } from "~/routes/dashbord._index";
import "~/i18n/plans";

type County = SerializeFrom<typeof loader>;

export function CountyMatrix({ d, round, query }: { d: County; round: NonNullable<County["round"]>; query: string }) {
  const { t } = useTranslation("plans");
  const comments = d.matrix.flatMap((p) => d.measures.map((m) => ({ party: p, measure: m, comment: p.answers[m.id]?.comment })).filter((c) => c.comment));
  const measureLabels = d.measures.map((m) => t("plans.measureShort", { number: m.number }));
  return (
    <Section title={t("dashboard.matrixHeading")}>
      <StatusLegend />
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t("dashboard.matrixTitle", { round: round.title })}>
        <table className="ds-table matrix-table" data-size="sm">
          <caption>{t("dashboard.matrixTitle", { round: round.title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("excel.partyName")}</th>
              {d.measures.map((m) => (
                <th scope="col" key={m.id} title={m.title}>
                  <abbr title={m.title}>{m.number}</abbr>
                </th>
              ))}
              <th scope="col">{t("dashboard.completion")}</th>
            </tr>
          </thead>
          <tbody>
            {d.matrix.map((p) => (
              <tr key={p.number}>
                <th scope="row">
                  <Link to={`/dashbord/${p.number}`} className="ds-link">
                    {p.name}
                  </Link>{" "}
                  <span className="muted">{`(${p.number})`}</span>
                </th>
                {p.submitted ? (
                  d.measures.map((m, i) => (
                    <td key={m.id}>
                      <StatusCell t={t} status={p.answers[m.id]?.status ?? null} label={measureLabels[i]} />
                    </td>
                  ))
                ) : (
                  <td colSpan={d.measures.length} className="muted">
                    {t("dashboard.notSubmitted")}
                  </td>
                )}
                <td>{p.completion == null ? "–" : `${p.completion} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="ds-paragraph chart-downloads" data-size="sm">
        <a className="ds-link" href={`/dashbord/tabell/matrise.csv${query}`} download>
          {t("charts.downloadCsv", { title: t("dashboard.matrixHeading") })}
        </a>{" "}
        ·{" "}
        <a className="ds-link" href={`/dashbord/tabell/matrise.xlsx${query}`} download>
          {t("charts.downloadXlsx", { title: t("dashboard.matrixHeading") })}
        </a>
      </p>
      {d.commentsVisible && comments.length ? (
        <details>
          <summary>{t("dashboard.comments", { count: comments.length })}</summary>
          <ul className="ds-list">
            {comments.map((c) => (
              <li key={`${c.party.number}-${c.measure.id}`}>
                <strong>
                  {c.party.name}, {c.measure.number}:
                </strong>{" "}
                {c.comment}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Section>
  );
}
