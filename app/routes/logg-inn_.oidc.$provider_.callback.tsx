/**
 * GET /logg-inn/oidc/<provider>/callback: the provider sends the browser back here. The sealed
 * transaction is read and cleared, the code redeemed and the ID token validated
 * (app/services/oidc.server.ts), the identity mapped to an active user (app/models/identities.server.ts),
 * and the app's normal session created — the same createSession as the password sign-in. Anything
 * else gets a page that says what happened and no session: 400 for a failed or stale sign-in, 403
 * for an identity without access (no account is created), 503 when the provider cannot be reached.
 */
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OidcProblem } from "~/components/login/oidc";
import { clearTransaction, readTransaction } from "~/http/oidc-transaction.server";
import { createSession } from "~/http/session.server";
import { userForIdentity } from "~/models/identities.server";
import { DomainError } from "~/services/domain-error";
import { errorFields, log } from "~/services/log.server";
import { completeSignIn, OidcSignInError, oidcProvider } from "~/services/oidc.server";

export const meta: MetaFunction = () => [{ title: "Logg inn – Helsefellesskap Møre og Romsdal" }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const provider = oidcProvider(params.provider ?? "");
  if (!provider) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const headers = new Headers({ "Set-Cookie": await clearTransaction(), "Cache-Control": "no-store" });
  const problem = (code: string, status: 400 | 403 | 503, reason: string) => {
    log("info", "oidc_refused", { provider: provider.id, reason });
    return json({ problem: code }, { status, headers });
  };
  const transaction = await readTransaction(request);
  if (!transaction) return problem("login.oidc.expired", 400, "no_transaction");
  if (transaction.provider !== provider.id) return problem("login.oidc.failed", 400, "other_provider");
  let userId: string;
  try {
    const identity = await completeSignIn(provider, transaction, new URL(request.url).searchParams);
    userId = (await userForIdentity(identity)).id;
  } catch (error) {
    if (error instanceof OidcSignInError) return problem(error.reason === "cancelled" ? "login.oidc.cancelled" : "login.oidc.failed", 400, error.cause);
    if (error instanceof DomainError && error.kind === "forbidden") return problem(error.code, 403, String(error.params.reason ?? error.code));
    log("warn", "oidc_error", { provider: provider.id, ...errorFields(error) });
    return json({ problem: "login.oidc.unavailable" }, { status: 503, headers });
  }
  headers.append("Set-Cookie", await createSession(userId));
  log("info", "login_ok", { userId, method: "oidc", provider: provider.id });
  return redirect(transaction.redirectTo, { headers });
}

export default function OidcCallback() {
  const data = useLoaderData<typeof loader>();
  return <OidcProblem problem={data.problem} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
