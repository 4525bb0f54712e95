/**
 * /admin/utval/<slug> — one body: rename, describe, close; its memberships with role in the body,
 * whom they represent and their term; add, edit and end (with confirmation); ended memberships
 * listed separately (history). Admins change; the secretariat may read. One action, a
 * discriminated union on `intent`; every operation checks permission itself (bodies.server.ts).
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import "~/i18n/bodies";
import { CloseBodyForm, EditBodyForm } from "~/components/bodies/body-forms";
import { Done, usePeriod } from "~/components/bodies/fields";
import { AddMemberForm, MemberActions, MemberTable } from "~/components/bodies/members";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageTitle, Section } from "~/components/page";
import { useFormatters } from "~/components/secretariat";
import { pageParam } from "~/models/admin.server";
import { addMembership, closeBody, endMembership, getBodyAdmin, updateBody, updateMembership, type BodyAdmin } from "~/models/bodies.server";
import { bodyPageSchema, type BodyPageInput } from "~/models/body-forms.server";
import { readForm, replyWithError, rethrowAsResponse } from "~/http/http.server";
import { requireRole } from "~/http/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.body.shortName ?? "Utval"} – Helsefellesskap Møre og Romsdal` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "admin", "secretariat");
  const search = new URL(request.url).searchParams;
  return getBodyAdmin(user, { slug: params.slug ?? "", page: pageParam(search.get("side")), endedPage: pageParam(search.get("tidlegare")) }).catch(rethrowAsResponse);
}

/** The operation of an intent, and the confirmation shown after it. */
async function perform(user: BodyAdmin, slug: string, input: BodyPageInput): Promise<string> {
  switch (input.intent) {
    case "update":
      await updateBody(user, { ...input, slug });
      return "saved";
    case "close":
      await closeBody(user, { slug, closedOn: input.closedOn });
      return "closed";
    case "add":
      await addMembership(user, { ...input, slug });
      return "added";
    case "edit":
      await updateMembership(user, { ...input, slug });
      return "updated";
    case "end":
      await endMembership(user, { slug, membershipId: input.membershipId, version: input.version, endsOn: input.endsOn });
      return "ended";
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Only admins get as far as the form (403 before any validation).
  const user = await requireRole(request, "admin");
  const slug = params.slug ?? "";
  const submission = parseWithZod(await readForm(request), { schema: bodyPageSchema });
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  try {
    const done = await perform(user, slug, submission.value);
    return redirect(`/admin/utval/${slug}?ok=${done}`);
  } catch (error) {
    return replyWithError(submission, error);
  }
}

const DONE = { created: "create.created", saved: "body.saved", closed: "body.closedDone", added: "members.added", updated: "members.updated", ended: "members.endedDone" } as const;

export default function AdminBody() {
  const { t } = useTranslation("bodies");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>()?.result;
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const period = usePeriod();
  const f = useFormatters();
  const ok = params.get("ok");
  const done = ok && ok in DONE ? t(DONE[ok as keyof typeof DONE]) : null;
  const { body } = data;
  const link = (key: "side" | "tidlegare", p: number) => {
    const next = new URLSearchParams(params);
    next.delete("ok");
    if (p > 1) next.set(key, String(p));
    else next.delete(key);
    const q = next.toString();
    return `/admin/utval/${body.slug}${q ? `?${q}` : ""}`;
  };
  return (
    <>
      <p>
        <Link className="ds-link" to="/admin/utval">
          {t("body.back")}
        </Link>
      </p>
      <PageTitle>{body.shortName}</PageTitle>
      <p className="ds-paragraph">
        {t(`kind.${body.kind}`)} · {t("body.period", { period: period(body.establishedOn, body.closedOn) })}
      </p>
      {body.kind === "secretariat" ? null : (
        <p>
          <Link className="ds-link" to={`/utval/${body.slug}`}>
            {t("body.publicPage")}
          </Link>
        </p>
      )}
      <Done message={done} />
      {body.closedOn ? (
        <div className="ds-alert" data-color="warning">
          <p className="ds-paragraph">{t("body.closedAlert", { date: f.day(body.closedOn) })}</p>
        </div>
      ) : null}
      {data.canEdit ? null : <p className="ds-paragraph">{t("list.readOnly")}</p>}
      {data.canEdit ? (
        <div className="stack page-section">
          <EditBodyForm body={body} result={result} busy={busy} />
          {body.closedOn || body.kind === "secretariat" ? null : <CloseBodyForm today={data.today} result={result} busy={busy} />}
        </div>
      ) : null}

      <Section title={t("members.title")}>
        <MemberTable caption={t("members.caption", { count: data.current.length })} rows={data.current} page={data.page} pages={data.pageCount} href={(p) => link("side", p)}>
          {data.canEdit ? (m) => <MemberActions m={m} result={result} parties={data.partyOptions} today={data.today} busy={busy} /> : undefined}
        </MemberTable>
      </Section>
      {data.canEdit && body.open ? (
        <Section title={t("members.add")}>
          <AddMemberForm result={result} parties={data.partyOptions} today={data.today} busy={busy} />
        </Section>
      ) : null}
      <Section title={t("members.endedTitle")}>
        <MemberTable
          caption={t("members.endedCaption", { count: data.ended.length })}
          rows={data.ended}
          page={data.endedPage}
          pages={data.endedPageCount}
          href={(p) => link("tidlegare", p)}
        />
      </Section>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
