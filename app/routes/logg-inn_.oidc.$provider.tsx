/**
 * POST /logg-inn/oidc/<provider>: starts an organisational sign-in (OpenID Connect). The
 * transaction (state, nonce, PKCE verifier, provider, where to go afterwards) goes into a sealed
 * cookie and the browser to the provider. A plain form POST from /logg-inn, so it works without
 * JavaScript; the cross-site gate in server.ts guards it like every other form.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { OidcProblem } from "~/components/login/oidc";
import { readForm } from "~/http/http.server";
import { storeTransaction } from "~/http/oidc-transaction.server";
import { errorFields, log } from "~/services/log.server";
import { beginSignIn, oidcProvider } from "~/services/oidc.server";
import { safeRedirect, SIGNED_IN_HOME } from "~/services/safe-redirect";

export const meta: MetaFunction = () => [{ title: "Logg inn – Helsefellesskap Møre og Romsdal" }];

const startSchema = z.object({ redirectTo: z.string().max(2000).optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const provider = oidcProvider(params.provider ?? "");
  if (!provider) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const submission = parseWithZod(await readForm(request), { schema: startSchema });
  const redirectTo = safeRedirect(submission.status === "success" ? submission.value.redirectTo : undefined, SIGNED_IN_HOME);
  let started: Awaited<ReturnType<typeof beginSignIn>>;
  try {
    started = await beginSignIn(provider, redirectTo);
  } catch (error) {
    // Discovery failed (the provider is down or misconfigured): say so, keep password sign-in open.
    log("warn", "oidc_unavailable", { provider: provider.id, ...errorFields(error) });
    return json({ problem: "login.oidc.unavailable" }, { status: 503 });
  }
  log("info", "oidc_started", { provider: provider.id });
  return redirect(started.url, { headers: { "Set-Cookie": await storeTransaction(started.transaction), "Cache-Control": "no-store" } });
}

/** Shown only when the provider could not be reached (a document POST without JavaScript lands here). */
export default function OidcStart() {
  const data = useActionData<typeof action>();
  return <OidcProblem problem={data?.problem ?? "login.oidc.failed"} />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
