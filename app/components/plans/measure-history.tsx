/** The measure's history for signed-in members: when (Oslo time, formatted by the loader), who, what changed. */
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import { Section } from "~/components/page";
import "~/i18n/plans";

type Entry = { id: number; when: string; actorLabel: string | null; action: string; changes: { field: string; from: string; to: string }[] };

export function MeasureHistory({ history }: { history: Entry[] }) {
  const { t } = useTranslation("plans");
  return (
    <Section title={t("measure.history")}>
      {history.length === 0 ? <p className="ds-paragraph">{t("measure.noHistory")}</p> : null}
      <ol className="ds-list history-list">
        {history.map((h) => (
          <li key={h.id}>
            <strong>{h.when}</strong> – {h.actorLabel}: {translateCode(t, "plans", `history.${h.action}`, { defaultValue: h.action })}
            {h.changes.length ? (
              <ul>
                {h.changes.map((c) => (
                  <li key={c.field}>
                    {translateCode(t, "plans", `history.field.${c.field}`, { defaultValue: c.field })}: {c.from ? `«${c.from}» → ` : ""}«{c.to}»
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </Section>
  );
}
