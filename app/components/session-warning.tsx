/**
 * Warns before the session ends (docs/security.md, WCAG 2.2.1 Timing Adjustable): two minutes
 * before the idle timeout or the absolute lifetime, an alert (role=alert) says so; "Continue"
 * POSTs /okt/forleng, which marks the session as seen. Nothing is sent on its own: an idle
 * session still ends.
 *
 * The idle deadline is counted from the last contact with the server that this page knows of
 * (page load, navigation, revalidation, keep-alive), less a minute because the server updates
 * "last seen" at most once a minute: the warning may come early, never late.
 */
import { useFetcher, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/security";

export const WARN_BEFORE_MS = 2 * 60_000;
const LAST_SEEN_SLACK_MS = 60_000;
const TICK_MS = 10_000;

export function sessionDeadlines(input: { lastContact: number; idleMinutes: number; expiresAt: string }) {
  const idle = input.lastContact - LAST_SEEN_SLACK_MS + input.idleMinutes * 60_000;
  const absolute = Date.parse(input.expiresAt);
  return { idle, absolute, deadline: Math.min(idle, absolute), absoluteFirst: absolute <= idle };
}

type KeepAlive = { idleExpiresAt?: string; expiresAt?: string; error?: string };

export function SessionWarning({ expiresAt, idleMinutes }: { expiresAt: string; idleMinutes: number }) {
  const { t } = useTranslation("security");
  const location = useLocation();
  const rootData = useRouteLoaderData("root");
  const fetcher = useFetcher<KeepAlive>();
  const [lastContact, setLastContact] = useState<number | null>(null);
  const [now, setNow] = useState<number | null>(null);
  const [extended, setExtended] = useState(false);

  // Every navigation or revalidation reached the server with the session cookie.
  // The clock is the external system this effect reads: the time of contact is known only after the
  // navigation has rendered, so setting state here is the point (react-hooks/set-state-in-effect).
  useEffect(() => {
    const at = Date.now();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- see above
    setLastContact(at);
    setNow(at);
  }, [location.key, rootData]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    if (fetcher.data.idleExpiresAt) {
      // The server marked the session as seen just now: no slack needed.
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the keep-alive's answer is the external event
      setLastContact(Date.now() + LAST_SEEN_SLACK_MS);
      setNow(Date.now());
      setExtended(true);
    }
  }, [fetcher.state, fetcher.data]);

  if (lastContact == null || now == null) return null; // nothing on the server render
  const { deadline, absoluteFirst } = sessionDeadlines({ lastContact, idleMinutes, expiresAt });
  const failed = fetcher.state === "idle" && fetcher.data?.error != null;

  if (now < deadline - WARN_BEFORE_MS) {
    return extended ? (
      <div role="status" className="visually-hidden" style={{ position: "absolute", width: 1, height: 1, overflow: "hidden", clipPath: "inset(50%)" }}>
        {t("session.extended")}
      </div>
    ) : null;
  }

  const expired = now >= deadline;
  const minutes = Math.max(1, Math.ceil((deadline - now) / 60_000));
  return (
    <div className="session-warning container" style={{ position: "sticky", bottom: 0, zIndex: 10, paddingBlock: "0.5rem" }}>
      <div className="ds-alert" data-color={expired ? "danger" : "warning"} role="alert">
        <h2 className="ds-heading" data-size="xs">
          {t("session.warningTitle")}
        </h2>
        {expired ? (
          <>
            <p className="ds-paragraph">{t("session.expired")}</p>
            <p className="ds-paragraph">
              <a className="ds-link" href={`/logg-inn?redirectTo=${encodeURIComponent(location.pathname + location.search)}`}>
                {t("session.signIn")}
              </a>
            </p>
          </>
        ) : (
          <>
            <p className="ds-paragraph">{absoluteFirst ? t("session.absoluteText") : t("session.idleText")}</p>
            <p className="ds-paragraph">{t("session.minutesLeft", { count: minutes })}</p>
            {failed ? <p className="ds-paragraph">{t("session.failed")}</p> : null}
            {absoluteFirst ? null : (
              <fetcher.Form method="post" action="/okt/forleng">
                <button type="submit" className="ds-button" data-variant="primary" disabled={fetcher.state !== "idle"}>
                  {t("session.keepAlive")}
                </button>
              </fetcher.Form>
            )}
          </>
        )}
      </div>
    </div>
  );
}
