import { redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { PageTitle } from "~/components/page";
import { destroySession } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Logg ut – Helsefellesskap Møre og Romsdal" }];

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await destroySession(request) } });
}

/** GET shows a confirmation: signing out is a state change and happens only on POST. */
export default function Logout() {
  const { t } = useTranslation();
  return (
    <div className="form-narrow">
      <PageTitle>{t("logout.title")}</PageTitle>
      <p className="ds-paragraph">{t("logout.text")}</p>
      <Form method="post">
        <button type="submit" className="ds-button" data-variant="primary">
          {t("logout.submit")}
        </button>
      </Form>
    </div>
  );
}
