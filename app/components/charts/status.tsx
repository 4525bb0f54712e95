/** Status cells for the matrices: colour AND an abbreviation (never colour alone), with a legend. */
import type { TFunction } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";

export const ANSWER_STATUS_ORDER = ["gjennomfort", "i_gang", "planlagt", "ikkje_starta", "ikkje_aktuelt"] as const;

type CellTexts = { text: string; abbr: string };
type StatusTexts = Record<string, CellTexts> & { none: CellTexts };
const cellTextCache = new WeakMap<TFunction<"plans">, StatusTexts>();

/** The text and abbreviation of each status, computed once per language (`t` is cached per language). */
function cellTexts(t: TFunction<"plans">): StatusTexts {
  let texts = cellTextCache.get(t);
  if (!texts) {
    texts = {
      ...Object.fromEntries(ANSWER_STATUS_ORDER.map((s) => [s, { text: t(`answerStatus.${s}`), abbr: t(`answerAbbr.${s}`) }])),
      none: { text: t("dashboard.noAnswer"), abbr: "–" },
    };
    cellTextCache.set(t, texts);
  }
  return texts;
}

/**
 * `t` of the "plans" namespace comes from the page: a matrix has hundreds of cells, so the texts
 * are looked up once per language and each cell renders three elements with one text each.
 */
export function StatusCell({ status, label, t }: { status: string | null; label?: string; t: TFunction<"plans"> }) {
  const texts = cellTexts(t);
  const own = status ? texts[status] : undefined;
  const s = status && own ? status : "none";
  const { text, abbr } = own ?? texts.none;
  return (
    <span className={`status-cell status-${s}`} title={text}>
      <span aria-hidden="true">{abbr}</span>
      <span className="visually-hidden">{label ? `${label}: ${text}` : text}</span>
    </span>
  );
}

export function StatusLegend() {
  const { t } = useTranslation("plans");
  return (
    <div className="status-legend">
      <h3 className="ds-heading" data-size="2xs" id="status-legend-title">
        {t("dashboard.legend")}
      </h3>
      <ul aria-labelledby="status-legend-title">
        {ANSWER_STATUS_ORDER.map((s) => (
          <li key={s}>
            <span className={`status-cell status-${s}`} aria-hidden="true">
              {t(`answerAbbr.${s}`)}
            </span>{" "}
            {t(`answerStatus.${s}`)}
          </li>
        ))}
        <li>
          <span className="status-cell status-none" aria-hidden="true">
            –
          </span>{" "}
          {t("dashboard.noAnswer")}
        </li>
      </ul>
    </div>
  );
}

export const CHART_COLORS = { party: "#0062ba", county: "#6b2d83", done: "#1a7f37", median: "#8a4b00", extra: "#b3261e" };
