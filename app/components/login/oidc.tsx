import { Link } from "@remix-run/react";
import { PageTitle } from "~/components/page";
import { translateCode } from "~/i18n";
import { useTranslation } from "~/i18n/react";

/** Why an organisational sign-in did not succeed (a message key under login.oidc), with the way back. */
export function OidcProblem({ problem }: { problem: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-narrow">
      <PageTitle>{t("login.oidc.failedTitle")}</PageTitle>
      <div className="ds-alert" data-color="warning" role="alert">
        <p className="ds-paragraph">{translateCode(t, "common", problem)}</p>
      </div>
      <p className="ds-paragraph">
        <Link className="ds-link" to="/logg-inn">
          {t("login.oidc.backToLogin")}
        </Link>
      </p>
    </div>
  );
}

/** The sign-in page's buttons, one per configured provider: plain form POSTs, so they work without JavaScript. */
export function OidcButtons({ providers, redirectTo }: { providers: { id: string; name: string }[]; redirectTo: string }) {
  const { t } = useTranslation();
  if (providers.length === 0) return null;
  return (
    <section className="page-section stack" aria-labelledby="oidc-heading">
      <h2 id="oidc-heading" className="ds-heading" data-size="xs">
        {t("login.oidcHeading")}
      </h2>
      {providers.map((p) => (
        <form key={p.id} method="post" action={`/logg-inn/oidc/${encodeURIComponent(p.id)}`}>
          <input type="hidden" name="redirectTo" value={redirectTo} />
          <button type="submit" className="ds-button" data-variant="secondary">
            {t("login.oidcButton", { name: p.name })}
          </button>
        </form>
      ))}
    </section>
  );
}
