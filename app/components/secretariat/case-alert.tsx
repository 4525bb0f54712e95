/** A refused form of the case page, announced (role=alert); the fields show their own errors too. */
import { ReloadLink } from "~/components/reload-link";
import { decodeMessage } from "~/services/domain-error";
import { allErrors, useMessages } from "./messages";
import type { CaseReply } from "./case-page";

export function CaseAlert({ result }: { result: CaseReply }) {
  const { t, message } = useMessages("cases-secretariat");
  const errors = allErrors(result);
  if (errors.length === 0) return null;
  const stale = errors.some((e) => decodeMessage(e).code.endsWith("errors.stale"));
  return (
    <div className="ds-alert" data-color="danger" role="alert">
      {[...new Set(errors)].map((e) => (
        <p key={e} className="ds-paragraph">
          {message(e)}
        </p>
      ))}
      {stale ? (
        <p className="ds-paragraph">
          <ReloadLink>{t("common.reload")}</ReloadLink>
        </p>
      ) : null}
    </div>
  );
}
