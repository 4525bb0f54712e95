/**
 * Client-only charts: on the server (and before hydration) a placeholder of the same height is
 * rendered; in the browser the recharts module is loaded lazily, so chart code is fetched only on
 * pages that show a chart. Every chart sits in a ChartBlock with the same numbers as a table and
 * CSV/Excel downloads (STYLE.md: charts never stand alone).
 */
import { lazy, Suspense, type ReactNode } from "react";
import { useHydrated } from "remix-utils/use-hydrated";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";
import type { BarChartProps, LineChartProps } from "./types";

const BarChartLazy = lazy(() => import("./bar-chart.client"));
const LineChartLazy = lazy(() => import("./line-chart.client"));

function Placeholder({ height }: { height: number }) {
  return <div className="chart-placeholder" style={{ height }} />;
}

export function BarChart(props: BarChartProps) {
  const hydrated = useHydrated();
  if (!hydrated) return <Placeholder height={props.height} />;
  return (
    <Suspense fallback={<Placeholder height={props.height} />}>
      <BarChartLazy {...props} />
    </Suspense>
  );
}

export function LineChart(props: LineChartProps) {
  const hydrated = useHydrated();
  if (!hydrated) return <Placeholder height={props.height} />;
  return (
    <Suspense fallback={<Placeholder height={props.height} />}>
      <LineChartLazy {...props} />
    </Suspense>
  );
}

export type TableData = { columns: string[]; rows: (string | number | null)[][] };

/** A figure: heading, the chart (an image for screen readers, described by the table), the table, downloads. */
export function ChartBlock({
  id,
  title,
  description,
  chart,
  table,
  downloadBase,
  tableOpen = false,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  chart: ReactNode;
  table: TableData;
  /** e.g. "/dashbord/tabell/trend?plan=…" without extension; ".csv" and ".xlsx" are added before the query. */
  downloadBase: { path: string; query: string };
  tableOpen?: boolean;
}) {
  const { t } = useTranslation("plans");
  return (
    <figure className="chart-block" aria-labelledby={`${id}-title`}>
      <h3 className="ds-heading" data-size="xs" id={`${id}-title`}>
        {title}
      </h3>
      {description ? (
        <p className="ds-paragraph" data-size="sm">
          {description}
        </p>
      ) : null}
      <div role="img" aria-label={t("charts.imageLabel", { title })} className="chart-canvas">
        {chart}
      </div>
      <details className="chart-table" open={tableOpen}>
        <summary>{t("charts.showTable")}</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
          <table className="ds-table" data-size="sm">
            <caption>{title}</caption>
            <thead>
              <tr>
                {table.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => (
                <tr key={i}>
                  {r.map((v, j) =>
                    j === 0 ? (
                      <th key={j} scope="row">
                        {v ?? "–"}
                      </th>
                    ) : (
                      <td key={j}>{v ?? "–"}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="ds-paragraph chart-downloads" data-size="sm">
        <a className="ds-link" href={`${downloadBase.path}.csv${downloadBase.query}`} download>
          {t("charts.downloadCsv", { title })}
        </a>{" "}
        ·{" "}
        <a className="ds-link" href={`${downloadBase.path}.xlsx${downloadBase.query}`} download>
          {t("charts.downloadXlsx", { title })}
        </a>
      </p>
    </figure>
  );
}
