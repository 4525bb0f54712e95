/**
 * An Excel upload's errors as the reporter reads them ("Rad 7, kolonne C: ukjend status «ferdig»").
 * The domain (app/models/excel.server.ts) gives codes with params; this module is browser-safe and
 * takes the translate function of the "plans" namespace, so the route and the page format alike.
 */
import { translateCode, type TFunction } from "~/i18n";

/** The sheet the row and column of an error refer to when it names none ("Rad 7, kolonne C"). */
export const TEMPLATE_SHEET = "Sjekkliste";

export type UploadErrorView = { sheet: string; row: number | null; column: string | null; code: string; params: Record<string, string | number> };

export function formatUploadError(e: UploadErrorView, t: TFunction<"plans">): string {
  const { figure, value, ...params } = e.params;
  // A key figure's error names the figure and quotes the value: "Tal individuelle planar: Talet kan ikkje vere negativt («-4»)".
  const message =
    figure !== undefined
      ? `${translateCode(t, "plans", `keyFigures.${figure}`)}: ${translateCode(t, "plans", e.code, params)} («${value ?? ""}»)`
      : translateCode(t, "plans", e.code, e.params);
  if (e.row == null) return message;
  const where = e.sheet === TEMPLATE_SHEET ? t("upload.at", { row: e.row, column: e.column }) : t("upload.atSheet", { sheet: e.sheet, row: e.row, column: e.column });
  return `${where}: ${message}`;
}
