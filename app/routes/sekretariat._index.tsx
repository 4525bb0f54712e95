import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { PageTitle } from "~/components/page";
import { requireRole } from "~/services/session.server";

export const meta: MetaFunction = () => [{ title: "Sekretariatet – Helsefellesskap Møre og Romsdal" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "secretariat");
  return null;
}

export default function SecretariatInbox() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t("placeholder.secretariatTitle")}</PageTitle>
      <p className="ds-paragraph">{t("placeholder.secretariatText")}</p>
    </>
  );
}
