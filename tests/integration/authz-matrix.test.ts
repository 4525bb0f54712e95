/**
 * The authorisation matrix: every route in app/routes (so a new route without an entry here fails
 * this test) × anonymous, each role and a reporter of another municipality × loader and action
 * (a loader call is what a document request and a direct data request (`?_data` / `.data`) both
 * run). Only the cells marked allowed may succeed.
 *
 * A cell is one character, per viewer in this order:
 *   anonymous · secretariat · SSU leader · FSU member · reporter Molde · reporter Ålesund · admin ·
 *   SSU deputy leader · LSU member · Partnarskapsmøte member · former FSU member (ended yesterday) ·
 *   a reporter for two parties, Molde and Fjord (a KE coordinator serving both by agreement)
 *   y  allowed and done: 2xx, or a redirect that is not to sign-in
 *   v  allowed, but the input was refused: a 4xx about the input (400 with the field's error, 409,
 *      413, 415, 422, 429; for a loader, 400) — the viewer got past the permission check
 *   l  302 to /logg-inn          f  403          n  404          u  401          m  405
 *   -  the route has no loader / no action (a POST gets 405 from Remix)
 * Organisational sign-in runs against a real OpenID provider on a loopback port (as in
 * tests/integration/oidc.test.ts); its callback without a started sign-in answers 400 to everyone.
 * Params point at Molde's data (checklist, dashboard) and at the real FSU case, so the Ålesund
 * reporter is "another municipality".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "~/services/env.server";
import { db } from "../../db/client";
import { eq } from "drizzle-orm";
import { bodies, bodyMemberships, caseAttachments, userParties, users } from "../../db/schema";
import { osloDate } from "~/services/oslo-time";
import { useTestDatabase } from "../support/db";
import { insertCase } from "../support/cases-secretariat";
import { BASE, cookieFor, run } from "../support/http";
import { startTestProvider, type TestProvider } from "../support/oidc-provider";
import { loadRoute, paramNames, pathFor, routeIds, sampleParams, seedAllDemoData } from "../support/routes";
import { first, present } from "../support/one";

useTestDatabase();

const ENDED_YESTERDAY = "tidlegare-fsu@demo.no";
const TWO_PARTIES = "ke-molde-fjord@demo.no";
const VIEWERS = [
  null,
  "sekretariat@demo.no",
  "ssu-leiar@demo.no",
  "fsu-rehab@demo.no",
  "ke-molde@demo.no",
  "ke-alesund@demo.no",
  "admin@demo.no",
  // Access from membership (issue 13): the SSU deputy leader, a member of an LSU and of the
  // Partnarskapsmøte, and a former FSU member whose membership ended yesterday.
  "ssu-nestleiar@demo.no",
  "lsu-molde@demo.no",
  "partnarskap@demo.no",
  ENDED_YESTERDAY,
  // A reporter for two parties (issue 13): Molde's data is theirs as it is Molde's reporter's.
  TWO_PARTIES,
] as const;
const LABELS = [
  "anonymous",
  "secretariat",
  "ssu leader",
  "fsu member",
  "reporter Molde",
  "reporter Ålesund",
  "admin",
  "ssu deputy",
  "lsu member",
  "partnership member",
  "ended yesterday",
  "reporter Molde + Fjord",
];

// prettier-ignore
const MATRIX: Record<string, { loader: string; action: string }> = {
  //                                                          viewers: anon · sekr · ssu · fsu · Molde · Ålesund · admin · ssu deputy · lsu · partnership · ended yesterday · Molde + Fjord
  // Public pages (the public half: cases, plans, dashboards, knowledge): everyone reads.
  "routes/$":                                              { loader: "nnnnnnnnnnnn", action: "------------" },
  "routes/_index":                                         { loader: "------------", action: "------------" },
  "routes/om":                                             { loader: "------------", action: "------------" },
  "routes/helse":                                          { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/sok":                                            { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/kunnskap._index":                                { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/kunnskap.$slug":                                 { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/saker._index":                                   { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/saker.$reference":                               { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/saker.ny":                                       { loader: "yyyyyyyyyyyy", action: "vvvvvvvvvvvv" },
  "routes/saker.ny_.kvittering":                           { loader: "yyyyyyyyyyyy", action: "------------" },
  // The tracking page: whoever holds the token (the submitter, often without an account).
  "routes/saker.spor.$token":                              { loader: "yyyyyyyyyyyy", action: "vvvvvvvvvvvv" },
  "routes/saker.spor._index":                              { loader: "------------", action: "vvvvvvvvvvvv" },
  "routes/dashbord._index":                                { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/dashbord.tabell.$file":                          { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/dashbord.$number":                               { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/dashbord.$number_.tabell.$file":                 { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/handlingsplanar._index":                         { loader: "yyyyyyyyyyyy", action: "------------" },
  // Plans: everyone reads; the secretariat and members of the owning body (SSU) edit.
  "routes/handlingsplanar.$slug._index":                   { loader: "yyyyyyyyyyyy", action: "lvvffffvffff" },
  "routes/handlingsplanar.$slug.tiltak.$number":           { loader: "yyyyyyyyyyyy", action: "lvvffffvffff" },
  "routes/handlingsplanar.ny":                             { loader: "lyffffffffff", action: "lvffffffffff" },
  // Bodies and meetings: public pages; only the secretariat runs the agenda and the minutes.
  "routes/utval._index":                                   { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/utval.$slug._index":                             { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/utval.$slug.moter[.ics]":                         { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/utval.$slug.moter.ny":                           { loader: "lyffffffffff", action: "lvffffffffff" },
  "routes/utval.$slug.moter.$meetingId._index":            { loader: "yyyyyyyyyyyy", action: "lvffffffffff" },
  "routes/utval.$slug.moter.$meetingId.mote[.ics]":        { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/utval.$slug.moter.$meetingId.referat":           { loader: "yyyyyyyyyyyy", action: "lvffffffffff" },
  "routes/utval.$slug.moter.$meetingId.referat[.pdf]":     { loader: "yyyyyyyyyyyy", action: "------------" },
  "routes/utval.$slug.moter.$meetingId.saksliste[.pdf]":   { loader: "yyyyyyyyyyyy", action: "------------" },
  // Session and account.
  "routes/logg-inn":                                       { loader: "yyyyyyyyyyyy", action: "vvvvvvvvvvvv" },
  "routes/logg-ut":                                        { loader: "------------", action: "yyyyyyyyyyyy" },
  // Organisational sign-in (OIDC): anyone may start one; the callback without a started sign-in is a 400.
  "routes/logg-inn_.oidc.$provider":                       { loader: "------------", action: "yyyyyyyyyyyy" },
  "routes/logg-inn_.oidc.$provider_.callback":             { loader: "vvvvvvvvvvvv", action: "------------" },
  "routes/sprak":                                          { loader: "yyyyyyyyyyyy", action: "vvvvvvvvvvvv" },
  "routes/okt.forleng":                                    { loader: "mmmmmmmmmmmm", action: "uyyyyyyyyyyy" },
  "routes/profil.passord":                                 { loader: "lyyyyyyyyyyy", action: "lvvvvvvvvvvv" },
  // Mi side (issue 14): every signed-in person's own page, whatever their role or memberships.
  "routes/mi-side._index":                                 { loader: "lyyyyyyyyyyy", action: "------------" },
  "routes/mi-side.varsel":                                 { loader: "lyyyyyyyyyyy", action: "lyyyyyyyyyyy" },
  // The secretariat's inbox and case pages (the real FSU case, not yet routed: the secretariat only).
  "routes/sekretariat._index":                             { loader: "lyyffffyffff", action: "------------" },
  "routes/sekretariat.saker.$id._index":                   { loader: "lyffffffffff", action: "lyffffffffff" },
  "routes/sekretariat.saker.$id.vedlegg.$attachmentId":    { loader: "lyffffffffff", action: "------------" },
  // Checklists: Molde's checklist — Molde's reporter writes, the secretariat reads, another
  // municipality gets 404 (not even its existence), others 403.
  "routes/sjekkliste._index":                              { loader: "lyyyyyyyyyyy", action: "------------" },
  "routes/sjekkliste.$checklistId":                        { loader: "lyffynfffffy", action: "lfffvnfffffv" },
  "routes/sjekkliste.$checklistId_.mal[.xlsx]":            { loader: "lyffynfffffy", action: "------------" },
  "routes/sjekkliste.$checklistId_.last-opp":              { loader: "lfffynfffffy", action: "lfffvnfffffv" },
  "routes/sjekkliste.$checklistId_.send-inn":              { loader: "lfffynfffffy", action: "lfffvnfffffv" },
  // Evaluation rounds: the secretariat; the export of a closed round (submitted, no comments) is public.
  "routes/sjekkliste.runde.ny":                            { loader: "lyffffffffff", action: "lvffffffffff" },
  "routes/sjekkliste.runde.$id":                           { loader: "lyffffffffff", action: "lvffffffffff" },
  "routes/sjekkliste.runde.$id_.eksport[.xlsx]":           { loader: "yyyyyyyyyyyy", action: "------------" },
  // Administration: admins only.
  "routes/admin._index":                                   { loader: "lfffffyfffff", action: "------------" },
  "routes/admin.e-post":                                   { loader: "lfffffyfffff", action: "------------" },
  "routes/admin.brukarar._index":                          { loader: "lfffffyfffff", action: "------------" },
  "routes/admin.brukarar.ny":                              { loader: "lfffffyfffff", action: "lfffffvfffff" },
  "routes/admin.brukarar.$id":                             { loader: "lfffffyfffff", action: "lfffffvfffff" },
  // Bodies and memberships: admins change; the secretariat reads.
  "routes/admin.utval._index":                             { loader: "lyffffyfffff", action: "lfffffvfffff" },
  "routes/admin.utval.$slug":                              { loader: "lyffffyfffff", action: "lfffffvfffff" },
  // People (issue 13): set-password links (an unknown token: 404 for everyone) and the forgotten password.
  "routes/passord.$token":                                 { loader: "nnnnnnnnnnnn", action: "nnnnnnnnnnnn" },
  "routes/glemt-passord":                                  { loader: "------------", action: "vvvvvvvvvvvv" },
};

type Samples = Awaited<ReturnType<typeof sampleParams>>;
let samples: Samples;
let adminTarget: string;
let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider({ redirectUris: [`${BASE}/logg-inn/oidc/matrix/callback`] });
  Object.assign(process.env, { OIDC_MATRIX_ISSUER: op.issuer, OIDC_MATRIX_CLIENT_ID: op.clientId, OIDC_MATRIX_CLIENT_SECRET: op.clientSecret, OIDC_MATRIX_NAME: "Matrise" });
  resetEnvForTests();
  await seedAllDemoData();
  samples = await sampleParams();
  const u = first(await db().insert(users).values({ email: "matrix-target@demo.no", name: "Matrix Target", role: "reporter" }).returning({ id: users.id }));
  await db().insert(userParties).values({ userId: u.id, partyNumber: "1506" });
  adminTarget = u.id;
  // A former member of FSU rehabilitering (the handling body of the sample case): the term ended
  // yesterday (today is the first day outside the half-open term), so it gives no access today.
  const [former] = await db().insert(users).values({ email: ENDED_YESTERDAY, name: "Tidlegare FSU-medlem", role: "committee_member" }).returning({ id: users.id });
  const [fsu] = await db().select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, "fsu-rehabilitering"));
  if (!former || !fsu) throw new Error("matrix fixtures missing");
  await db().insert(bodyMemberships).values({ userId: former.id, bodyId: fsu.id, role: "member", startsOn: "2022-01-01", endsOn: osloDate() });
  const twoParties = first(await db().insert(users).values({ email: TWO_PARTIES, name: "KE Molde og Fjord", role: "reporter" }).returning({ id: users.id }));
  await db()
    .insert(userParties)
    .values(["1506", "1578"].map((partyNumber) => ({ userId: twoParties.id, partyNumber })));
  if (!samples.attachment) {
    const [a] = await db()
      .insert(caseAttachments)
      .values({ caseId: samples.realCase.id, filename: "notat.pdf", contentType: "application/pdf", size: 9, data: Buffer.from("%PDF-1.4\n") })
      .returning({ id: caseAttachments.id, caseId: caseAttachments.caseId });
    samples.attachment = a;
  }
}, 120_000);

afterAll(async () => {
  for (const key of ["OIDC_MATRIX_ISSUER", "OIDC_MATRIX_CLIENT_ID", "OIDC_MATRIX_CLIENT_SECRET", "OIDC_MATRIX_NAME"]) delete process.env[key];
  resetEnvForTests();
  await op.close();
});

/**
 * The body posted to each action: a real intent with empty fields where the route has intents, so
 * that a viewer without access meets the permission check, not an "unknown intent" reply.
 */
const PROBES: Record<string, string> = {
  "routes/sekretariat.saker.$id._index": "intent=note&note=Matrise",
  "routes/utval.$slug.moter.$meetingId._index": "intent=add_orientation&title=Matrise&version=1",
  "routes/utval.$slug.moter.$meetingId.referat": "intent=save_intro&intro=Matrise&version=1",
};

function paramsFor(id: string): Record<string, string> {
  const p: Record<string, string> = {};
  for (const name of paramNames(id)) {
    if (name === "id")
      p.id = id.includes("admin.brukarar")
        ? adminTarget
        : id.includes("sekretariat.saker")
          ? id.includes("vedlegg")
            ? present(samples.attachment, "an attachment").caseId
            : samples.realCase.id
          : String(samples.round.id);
    else if (name === "attachmentId") p.attachmentId = String(present(samples.attachment, "an attachment").id);
    else if (name === "slug") p.slug = id.includes("handlingsplanar") ? samples.plan.slug : id.includes("utval") ? samples.meeting.slug : "personvern";
    else if (name === "number") p.number = id.includes("handlingsplanar") ? samples.measure.number : "1506";
    else if (name === "checklistId") p.checklistId = String(samples.molde.id);
    else if (name === "meetingId") p.meetingId = String(samples.meeting.id);
    else if (name === "token") p.token = samples.trackingToken;
    else if (name === "reference") p.reference = samples.anyPublishedCase.reference;
    else if (name === "file") p.file = id.includes("$number") ? "status.csv" : "fullforing.csv";
    else if (name === "provider") p.provider = "matrix";
    else throw new Error(`No sample for param "${name}" of ${id}: add one in paramsFor()`);
  }
  return p;
}

/** One character for what a viewer got (see the legend above). */
function classify(res: Response, kind: "loader" | "action"): string {
  const location = res.headers.get("Location") ?? "";
  if (res.status >= 300 && res.status < 400) return location.startsWith("/logg-inn") ? "l" : "y";
  if (res.status === 401) return "u";
  if (res.status === 405) return "m";
  if (res.status === 403) return "f";
  if (res.status === 404) return "n";
  if (res.status >= 500) return `!${res.status}`;
  if (res.status < 300) return "y";
  if (kind === "action" && [400, 409, 413, 415, 422, 429].includes(res.status)) return "v";
  if (kind === "loader" && res.status === 400) return "v";
  return `?${res.status}`;
}

/**
 * One signed-in session per viewer, reused from cell to cell (signing in for each of the ~1,000
 * cells cost a fifth of this file's time). A cell whose answer sets the session cookie (sign-out
 * clears it; an extension or a password change replaces it) ends that reuse: the viewer's next
 * cell signs in afresh, so every cell runs with a live session of its viewer.
 */
const sessions = new Map<string, string>();
async function sessionOf(viewer: string): Promise<string> {
  const known = sessions.get(viewer);
  if (known) return known;
  const cookie = await cookieFor(viewer);
  sessions.set(viewer, cookie);
  return cookie;
}

async function cell(id: string, kind: "loader" | "action", viewer: string | null, override: Record<string, string> = {}, body?: string): Promise<string> {
  const mod = await loadRoute(id);
  const fn = mod[kind];
  if (!fn) return "-";
  const params = { ...paramsFor(id), ...override };
  const url = BASE + pathFor(id, params);
  const cookie = viewer ? await sessionOf(viewer) : undefined;
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const request =
    kind === "loader"
      ? new Request(url, { headers })
      : new Request(url, {
          method: "POST",
          headers: { ...headers, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" },
          body: body ?? PROBES[id] ?? "intent=matrix-probe",
        });
  const res = await run(async () => fn({ request, params, context: { clientIp: "198.18.0.1" } }));
  if (viewer && /(?:^|,\s*)hf_session=/.test(res.headers.get("Set-Cookie") ?? "")) sessions.delete(viewer);
  return classify(res, kind);
}

describe("authorisation matrix", () => {
  const ids = routeIds();
  const seen = new Map<string, string>();

  it("has an entry for every route in app/routes", () => {
    const missing = ids.filter((id) => !MATRIX[id]);
    const stale = Object.keys(MATRIX).filter((id) => !ids.includes(id));
    expect(missing, "routes without an entry in MATRIX (add one: who may load it, who may post to it)").toEqual([]);
    expect(stale, "entries for routes that no longer exist").toEqual([]);
  });

  it.each(ids)("%s: only the allowed cells succeed", async (id) => {
    const actual = { loader: "", action: "" };
    for (const kind of ["loader", "action"] as const) {
      for (const viewer of VIEWERS) actual[kind] += await cell(id, kind, viewer);
    }
    seen.set(`${id} loader`, actual.loader).set(`${id} action`, actual.action);
    const expected = MATRIX[id];
    expect(actual, `${id}\n  viewers: ${LABELS.join(" · ")}\n  actual:  { loader: "${actual.loader}", action: "${actual.action}" }`).toEqual(
      expected ?? { loader: "(no entry)", action: "(no entry)" },
    );
  });

  // Access from membership: the case page of a case under assessment (the secretariat and SSU's
  // leader and deputy) and of a case routed to FSU rehabilitering (its current members: not SSU's
  // leadership, not the former member whose term ended yesterday). Same viewers and legend.
  const MEMBERSHIP_CELLS = {
    "case under assessment": { status: "under_assessment", loader: "lyyffffyffff", action: "lyyffffyffff" },
    "case routed to FSU rehabilitering": { status: "routed", loader: "lyfyffffffff", action: "lyffffffffff" },
  } as const;
  it.each(Object.entries(MEMBERSHIP_CELLS))("routes/sekretariat.saker.$id._index, %s: only the allowed cells succeed", async (_, { status, loader, action }) => {
    const [fsu] = await db().select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, "fsu-rehabilitering"));
    const c = await insertCase({ status, bodyId: status === "routed" ? fsu?.id : null });
    if (!c) throw new Error("no case");
    const actual = { loader: "", action: "" };
    for (const kind of ["loader", "action"] as const) {
      for (const viewer of VIEWERS) actual[kind] += await cell("routes/sekretariat.saker.$id._index", kind, viewer, { id: c.id });
    }
    expect(actual, `viewers: ${LABELS.join(" · ")}`).toEqual({ loader, action });
  });

  // Guideline point 3 (issue 14): on a case under assessment, the tilråding is the SSU leader's and
  // deputy's alone; asking the submitter a question is the secretariat's alone. Same viewers and legend.
  const INTENT_CELLS = {
    "advice (tilråding)": { body: "intent=advice&recommendation=reject&justification=Matrise", action: "lfyffffyffff" },
    "ask (question to the submitter)": { body: "intent=ask&question=Matrise", action: "lyffffffffff" },
  } as const;
  it.each(Object.entries(INTENT_CELLS))("routes/sekretariat.saker.$id._index, intent %s: only the allowed cells succeed", async (_, { body, action }) => {
    const c = await insertCase({ status: "under_assessment" });
    let actual = "";
    for (const viewer of VIEWERS) actual += await cell("routes/sekretariat.saker.$id._index", "action", viewer, { id: c.id }, body);
    expect(actual, `viewers: ${LABELS.join(" · ")}`).toBe(action);
  });

  // The three outcomes, counted over the cells that ran (not an assertion: the cells are asserted above).
  afterAll(() => {
    const all = [...seen.values()].join("");
    const count = (chars: string) => [...all].filter((c) => chars.includes(c)).length;
    console.log(
      `authz matrix: ${seen.size / 2} routes × ${VIEWERS.length} viewers × {loader, action} = ${all.length} cells: ` +
        `${count("y")} allowed, ${count("v")} allowed but refused by validation, ${count("lfnu")} refused (sign-in/403/404/401), ${count("-m")} no loader/action`,
    );
  });
});
