/** The checklist page's key figures for the coordinating unit (numbers, placement, web page). */
import { TextField } from "~/components/form";
import { useTranslation } from "~/i18n/react";
import "~/i18n/plans";

export type KeyFigureValues = {
  coordinators: number | null;
  individualPlans: number | null;
  childCoordinators: number | null;
  cooperationMeetings: number | null;
  coordinationMeetings: number | null;
  kePlacement: string;
  keOnWebsite: boolean | null;
  keWebsiteUrl: string;
};

export function KeyFigureFields(props: {
  keyFigures: KeyFigureValues;
  numberFields: readonly (keyof KeyFigureValues)[];
  editable: boolean;
  value: (name: string, stored: string) => string;
  error: (name: string) => string | undefined;
}) {
  const { t } = useTranslation("plans");
  const kf = props.keyFigures;
  const { value, error } = props;
  return (
    <fieldset className="ds-fieldset checklist-fieldset" disabled={!props.editable}>
      <legend className="ds-heading" data-size="sm">
        {t("checklist.keyFiguresLegend")}
      </legend>
      <p className="ds-paragraph" data-size="sm">
        {t("checklist.keyFiguresHelp")}
      </p>
      <div className="key-figure-grid">
        {props.numberFields.map((f) => (
          <TextField key={f} id={f} name={f} inputMode="numeric" label={t(`keyFigures.${f}`)} defaultValue={value(f, kf[f] == null ? "" : String(kf[f]))} error={error(f)} />
        ))}
      </div>
      <TextField
        id="kePlacement"
        name="kePlacement"
        label={t("keyFigures.kePlacement")}
        description={t("keyFigures.kePlacementHelp")}
        defaultValue={value("kePlacement", kf.kePlacement)}
        error={error("kePlacement")}
      />
      <fieldset className="ds-fieldset">
        <legend className="ds-label">{t("keyFigures.keOnWebsite")}</legend>
        {[
          { v: "yes", label: t("excel.yes") },
          { v: "no", label: t("excel.no") },
        ].map((o) => (
          <div key={o.v} className="ds-field radio-row">
            <input
              type="radio"
              className="ds-input"
              id={`keOnWebsite-${o.v}`}
              name="keOnWebsite"
              value={o.v}
              defaultChecked={value("keOnWebsite", kf.keOnWebsite == null ? "" : kf.keOnWebsite ? "yes" : "no") === o.v}
            />
            <label className="ds-label" htmlFor={`keOnWebsite-${o.v}`}>
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
      <TextField
        id="keWebsiteUrl"
        name="keWebsiteUrl"
        type="url"
        label={t("keyFigures.keWebsiteUrl")}
        defaultValue={value("keWebsiteUrl", kf.keWebsiteUrl)}
        error={error("keWebsiteUrl")}
      />
    </fieldset>
  );
}
