/** The county dashboard's key figures: sums and medians of the submitted checklists, with downloads. */
import type { SerializeFrom } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { Section } from "~/components/page";
import type { loader } from "~/routes/dashbord._index";
import "~/i18n/plans";

export function CountyKeyFigures({ d, query }: { d: SerializeFrom<typeof loader>; query: string }) {
  const { t } = useTranslation("plans");
  return (
    <Section title={d.tables.nokkeltal.title}>
      <div className="table-wrap">
        <table className="ds-table">
          <caption>{t("dashboard.keyFiguresCaption", { count: d.submittedCount })}</caption>
          <thead>
            <tr>
              {d.tables.nokkeltal.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.tables.nokkeltal.rows.map((r) => (
              <tr key={String(r[0])}>
                <th scope="row">{r[0]}</th>
                <td>{r[1] ?? "–"}</td>
                <td>{r[2] ?? "–"}</td>
                <td>{r[3]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="ds-paragraph">{t("dashboard.keOnWebsite", { count: d.keOnWebsite, total: d.submittedCount })}</p>
      <p className="ds-paragraph chart-downloads" data-size="sm">
        <a className="ds-link" href={`/dashbord/tabell/nokkeltal.csv${query}`} download>
          {t("charts.downloadCsv", { title: d.tables.nokkeltal.title })}
        </a>{" "}
        ·{" "}
        <a className="ds-link" href={`/dashbord/tabell/nokkeltal.xlsx${query}`} download>
          {t("charts.downloadXlsx", { title: d.tables.nokkeltal.title })}
        </a>
      </p>
    </Section>
  );
}
