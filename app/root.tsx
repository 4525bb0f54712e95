import dsCss from "@digdir/designsystemet-css/index.css";
import themeCss from "@digdir/designsystemet-css/theme.css";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, Links, Meta, NavLink, Outlet, Scripts, ScrollRestoration, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { navigationFor } from "~/components/navigation";
import { isSsuLeadership } from "~/models/access";
import { SessionWarning } from "~/components/session-warning";
import { useNonce } from "~/components/nonce";
import { DEFAULT_LANG, i18nFor, isLang, LANGUAGES, type Lang } from "~/i18n";
import "~/i18n/common";
import { I18nProvider, useTranslation } from "~/i18n/react";
import { env } from "~/services/env.server";
import { getLang } from "~/http/lang.server";
import { getSessionUser } from "~/http/session.server";
import appCss from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: themeCss },
  { rel: "stylesheet", href: dsCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** The default title, also for error pages: "<error> – <product>" in the user's language. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const lang = isLang(data?.lang) ? data.lang : DEFAULT_LANG;
  const t = i18nFor(lang).t;
  const product = t("product");
  if (!error) return [{ title: product }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 404 ? "errors.notFoundTitle" : status === 403 ? "errors.forbiddenTitle" : status < 500 ? "errors.badRequestTitle" : "errors.serverTitle";
  return [{ title: `${t(key)} – ${product}` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [lang, user] = await Promise.all([getLang(request), getSessionUser(request)]);
  return {
    lang,
    demoMode: env().demoMode,
    user: user
      ? {
          name: user.name,
          role: user.role,
          partyNumbers: user.partyNumbers,
          assessment: isSsuLeadership(user),
          sessionExpiresAt: user.sessionExpiresAt,
          sessionIdleMinutes: env().SESSION_IDLE_MINUTES,
        }
      : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

function LanguageSwitch({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form method="post" action="/sprak" className="lang-switch" aria-label={t("language.change")} reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span className="lang-switch__label" id="lang-label">
        {t("language.label")}:
      </span>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="submit"
          name="lang"
          value={l}
          className="ds-button"
          data-variant={l === lang ? "primary" : "tertiary"}
          data-size="sm"
          aria-pressed={l === lang}
          lang={l}
        >
          {t(`language.${l}`)}
        </button>
      ))}
    </Form>
  );
}

function Shell({ children, lang }: { children: ReactNode; lang: Lang }) {
  const { t } = useTranslation();
  const data = useRootData();
  const user = data?.user ?? null;
  const items = navigationFor(user?.role ?? null, { assessment: user?.assessment });
  return (
    <>
      <a href="#main" className="ds-skip-link skip-link">
        {t("skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__top container">
          <Link to="/" className="site-header__brand">
            {t("product")}
          </Link>
          <div className="site-header__tools">
            <LanguageSwitch lang={lang} />
            {user ? (
              <div className="site-header__user">
                <span>{t("signedInAs", { name: user.name, role: t(`roles.${user.role}`) })}</span>
                <Form method="post" action="/logg-ut">
                  <button type="submit" className="ds-button" data-variant="secondary" data-size="sm">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </div>
            ) : (
              <Link to="/logg-inn" className="ds-button" data-variant="secondary" data-size="sm">
                {t("nav.signIn")}
              </Link>
            )}
          </div>
        </div>
        <nav aria-label={t("nav.label")} className="site-nav">
          <ul className="site-nav__list container">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.to === "/saker"} className="site-nav__link" prefetch="intent">
                  {t(item.key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="container site-main">
        {children}
      </main>
      {user ? <SessionWarning expiresAt={user.sessionExpiresAt} idleMinutes={user.sessionIdleMinutes} /> : null}
      <footer className="site-footer">
        <div className="container site-footer__inner">
          <p>{t("footer.about")}</p>
          <ul className="site-footer__links">
            <li>
              <Link to="/om">{t("about.title")}</Link>
            </li>
            <li>
              <Link to="/kunnskap/tilgjengelegheit">{t("footer.accessibility")}</Link>
            </li>
            <li>
              <Link to="/kunnskap/personvern">{t("footer.privacy")}</Link>
            </li>
          </ul>
        </div>
      </footer>
    </>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const lang = data?.lang ?? DEFAULT_LANG;
  const nonce = useNonce();
  return (
    <html lang={lang} data-color-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nProvider lang={lang}>
          <Shell lang={lang}>{children}</Shell>
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
