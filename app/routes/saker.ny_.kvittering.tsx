/**
 * /saker/ny/kvittering: the receipt after a submission, read from a signed cookie set by the form's
 * action (a redirect, so reload and back never post twice). The private tracking link is shown
 * once; afterwards the page shows the reference and points to the e-mail.
 */
import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/cases-public";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { readReceipt, receiptCookie } from "~/http/submission.server";
import { trackingLink } from "~/models/submissions.server";

export const meta: MetaFunction = () => [
  { title: "Kvittering – Helsefellesskap Møre og Romsdal" },
  { name: "referrer", content: "strict-origin" },
  { name: "robots", content: "noindex" },
];

// strict-origin: no path (and so no token) ever leaves in a Referer; see saker.spor.$token.tsx for why not no-referrer.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "strict-origin" });

export async function loader({ request }: LoaderFunctionArgs) {
  const receipt = await readReceipt(request);
  if (!receipt) return json({ receipt: null }, { headers: { "Cache-Control": "no-store" } });
  const headers = new Headers({ "Cache-Control": "no-store" });
  // Shown once: keep only the reference for a reload.
  if (receipt.token) headers.append("Set-Cookie", await receiptCookie().serialize({ reference: receipt.reference, token: null }));
  return json({ receipt: { reference: receipt.reference, trackingUrl: receipt.token ? trackingLink(receipt.token) : null } }, { headers });
}

export default function Receipt() {
  const { t } = useTranslation("cases-public");
  const { receipt } = useLoaderData<typeof loader>();
  if (!receipt) {
    return (
      <>
        <PageTitle>{t("receipt.title")}</PageTitle>
        <p className="ds-paragraph">{t("receipt.missing")}</p>
        <p className="ds-paragraph">
          <Link className="ds-link" to="/saker/spor">
            {t("tracking.lostLink")}
          </Link>
        </p>
        <p className="ds-paragraph">
          <Link className="ds-link" to="/saker/ny">
            {t("receipt.another")}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t("receipt.title")}</PageTitle>
      <div className="ds-alert" data-color="success">
        <p className="ds-paragraph">
          {t("receipt.reference")} <strong data-testid="case-reference">{receipt.reference}</strong>
        </p>
      </div>
      <p className="ds-paragraph">{t("receipt.emailSent")}</p>
      <Section title={t("receipt.trackingTitle")}>
        {receipt.trackingUrl ? (
          <>
            <p className="ds-paragraph">
              <a className="ds-link" href={receipt.trackingUrl} rel="noreferrer" data-testid="tracking-link">
                {receipt.trackingUrl}
              </a>
            </p>
            <p className="ds-paragraph">{t("receipt.trackingText")}</p>
          </>
        ) : (
          <p className="ds-paragraph">{t("receipt.trackingHidden")}</p>
        )}
        <p className="ds-paragraph">
          <Link className="ds-link" to="/saker/spor">
            {t("tracking.lostLink")}
          </Link>
        </p>
      </Section>
      <Section title={t("form.title")}>
        <p className="ds-paragraph">{t("receipt.next")}</p>
        <p className="ds-paragraph">
          <Link className="ds-link" to="/saker/ny">
            {t("receipt.another")}
          </Link>
        </p>
      </Section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
