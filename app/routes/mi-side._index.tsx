/**
 * /mi-side — each signed-in person's own page (issue 14): what is theirs to do now, by role and
 * current membership (app/models/my-page.server.ts), and the way to their notice settings.
 * Signed out: to sign-in and back here. People land here after signing in.
 */
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import "~/i18n/my-page";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { MyWorkSections } from "~/components/my-page/sections";
import { PageTitle } from "~/components/page";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/http/session.server";
import { myWork } from "~/models/my-page.server";
import { useRootData } from "~/root";

export const meta: MetaFunction = () => [{ title: "Mi side – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const work = await myWork(user, { now: new Date() });
  return json(work, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyPage() {
  const { t } = useTranslation("my-page");
  const { sections } = useLoaderData<typeof loader>();
  const lang = useRootData()?.lang ?? "nn";
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <p className="ds-paragraph">{t("intro")}</p>
      <p className="ds-paragraph">
        <Link to="/mi-side/varsel" className="ds-link">
          {t("preferences")}
        </Link>
      </p>
      <MyWorkSections sections={sections} lang={lang} />
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
