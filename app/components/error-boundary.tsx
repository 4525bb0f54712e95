import { Link, isRouteErrorResponse, useRouteError } from "@remix-run/react";
import type { KeyIn } from "~/i18n";
import { useTranslation } from "~/i18n/react";
import { PageTitle } from "./page";

const byStatus: Record<number, { title: KeyIn<"common">; text: KeyIn<"common"> }> = {
  400: { title: "errors.badRequestTitle", text: "errors.badRequestText" },
  403: { title: "errors.forbiddenTitle", text: "errors.forbiddenText" },
  404: { title: "errors.notFoundTitle", text: "errors.notFoundText" },
  429: { title: "errors.tooManyTitle", text: "errors.tooManyText" },
};

/** Friendly 4xx/5xx pages in the user's language; never a stack trace. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const texts = byStatus[status] ?? { title: "errors.serverTitle", text: "errors.serverText" };
  return (
    <div className="error-page" data-status={status}>
      <PageTitle>{t(texts.title)}</PageTitle>
      <p className="ds-paragraph">{t(texts.text)}</p>
      <p className="ds-paragraph">
        <Link to="/" className="ds-link">
          {t("errors.goHome")}
        </Link>
      </p>
    </div>
  );
}
