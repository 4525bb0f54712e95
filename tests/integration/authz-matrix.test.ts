/**
 * The authorisation matrix: every route in app/routes (so a new route without an entry here fails
 * this test) × anonymous, each role and a reporter of another municipality × loader and action
 * (a loader call is what a document request and a direct data request (`?_data` / `.data`) both
 * run). Only the cells marked allowed may succeed.
 *
 * A cell is one character, per viewer in this order:
 *   anonymous · secretariat · SSU leader · FSU member · reporter Molde · reporter Ålesund · admin
 *   y  allowed and done: 2xx, or a redirect that is not to sign-in
 *   v  allowed, but the input was refused (actions): a 4xx about the input (400 with the field's
 *      error, 409, 413, 415, 422, 429) — the viewer got past the permission check
 *   l  302 to /logg-inn          f  403          n  404          u  401          m  405
 *   -  the route has no loader / no action (a POST gets 405 from Remix)
 * Params point at Molde's data (checklist, dashboard) and at the real FSU case, so the Ålesund
 * reporter is "another municipality".
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { caseAttachments, users } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { BASE, cookieFor, run } from "../support/http";
import { loadRoute, paramNames, pathFor, routeIds, sampleParams, seedAllDemoData } from "../support/routes";
import { first } from "../support/one";

useTestDatabase();

const VIEWERS = [null, "sekretariat@demo.no", "ssu-leiar@demo.no", "fsu-rehab@demo.no", "ke-molde@demo.no", "ke-alesund@demo.no", "admin@demo.no"] as const;
const LABELS = ["anonymous", "secretariat", "ssu leader", "fsu member", "reporter Molde", "reporter Ålesund", "admin"];

// prettier-ignore
const MATRIX: Record<string, { loader: string; action: string }> = {
  //                                                          viewers: anon · sekr · ssu · fsu · Molde · Ålesund · admin
  // Public pages (the public half: cases, plans, dashboards, knowledge): everyone reads.
  "routes/$":                                              { loader: "nnnnnnn", action: "-------" },
  "routes/_index":                                         { loader: "-------", action: "-------" },
  "routes/om":                                             { loader: "-------", action: "-------" },
  "routes/helse":                                          { loader: "yyyyyyy", action: "-------" },
  "routes/sok":                                            { loader: "yyyyyyy", action: "-------" },
  "routes/kunnskap._index":                                { loader: "yyyyyyy", action: "-------" },
  "routes/kunnskap.$slug":                                 { loader: "yyyyyyy", action: "-------" },
  "routes/saker._index":                                   { loader: "yyyyyyy", action: "-------" },
  "routes/saker.$reference":                               { loader: "yyyyyyy", action: "-------" },
  "routes/saker.ny":                                       { loader: "yyyyyyy", action: "vvvvvvv" },
  "routes/saker.ny_.kvittering":                           { loader: "yyyyyyy", action: "-------" },
  // The tracking page: whoever holds the token (the submitter, often without an account).
  "routes/saker.spor.$token":                              { loader: "yyyyyyy", action: "vvvvvvv" },
  "routes/dashbord._index":                                { loader: "yyyyyyy", action: "-------" },
  "routes/dashbord.tabell.$file":                          { loader: "yyyyyyy", action: "-------" },
  "routes/dashbord.$number":                               { loader: "yyyyyyy", action: "-------" },
  "routes/dashbord.$number_.tabell.$file":                 { loader: "yyyyyyy", action: "-------" },
  "routes/handlingsplanar._index":                         { loader: "yyyyyyy", action: "-------" },
  // Plans: everyone reads; the secretariat and members of the owning body (SSU) edit.
  "routes/handlingsplanar.$slug._index":                   { loader: "yyyyyyy", action: "lvvffff" },
  "routes/handlingsplanar.$slug.tiltak.$number":           { loader: "yyyyyyy", action: "lvvffff" },
  "routes/handlingsplanar.ny":                             { loader: "lyfffff", action: "lvfffff" },
  // Bodies and meetings: public pages; only the secretariat runs the agenda and the minutes.
  "routes/utval._index":                                   { loader: "yyyyyyy", action: "-------" },
  "routes/utval.$slug._index":                             { loader: "yyyyyyy", action: "-------" },
  "routes/utval.$slug.moter.ny":                           { loader: "lyfffff", action: "lvfffff" },
  "routes/utval.$slug.moter.$meetingId._index":            { loader: "yyyyyyy", action: "lvfffff" },
  "routes/utval.$slug.moter.$meetingId.mote[.ics]":        { loader: "yyyyyyy", action: "-------" },
  "routes/utval.$slug.moter.$meetingId.referat":           { loader: "yyyyyyy", action: "lvfffff" },
  "routes/utval.$slug.moter.$meetingId.referat[.pdf]":     { loader: "yyyyyyy", action: "-------" },
  "routes/utval.$slug.moter.$meetingId.saksliste[.pdf]":   { loader: "yyyyyyy", action: "-------" },
  // Session and account.
  "routes/logg-inn":                                       { loader: "yyyyyyy", action: "vvvvvvv" },
  "routes/logg-ut":                                        { loader: "-------", action: "yyyyyyy" },
  "routes/sprak":                                          { loader: "yyyyyyy", action: "vvvvvvv" },
  "routes/okt.forleng":                                    { loader: "mmmmmmm", action: "uyyyyyy" },
  "routes/profil.passord":                                 { loader: "lyyyyyy", action: "lvvvvvv" },
  // The secretariat's inbox and case pages (the real FSU case, not yet routed: the secretariat only).
  "routes/sekretariat._index":                             { loader: "lyfffff", action: "-------" },
  "routes/sekretariat.saker.$id._index":                   { loader: "lyfffff", action: "lyfffff" },
  "routes/sekretariat.saker.$id.vedlegg.$attachmentId":    { loader: "lyfffff", action: "-------" },
  // Checklists: Molde's checklist — Molde's reporter writes, the secretariat reads, another
  // municipality gets 404 (not even its existence), others 403.
  "routes/sjekkliste._index":                              { loader: "lyyyyyy", action: "-------" },
  "routes/sjekkliste.$checklistId":                        { loader: "lyffynf", action: "lfffvnf" },
  "routes/sjekkliste.$checklistId_.mal[.xlsx]":            { loader: "lyffynf", action: "-------" },
  "routes/sjekkliste.$checklistId_.last-opp":              { loader: "lfffynf", action: "lfffvnf" },
  "routes/sjekkliste.$checklistId_.send-inn":              { loader: "lfffynf", action: "lfffvnf" },
  // Evaluation rounds: the secretariat; the export of a closed round (submitted, no comments) is public.
  "routes/sjekkliste.runde.ny":                            { loader: "lyfffff", action: "lvfffff" },
  "routes/sjekkliste.runde.$id":                           { loader: "lyfffff", action: "lvfffff" },
  "routes/sjekkliste.runde.$id_.eksport[.xlsx]":           { loader: "yyyyyyy", action: "-------" },
  // Administration: admins only.
  "routes/admin._index":                                   { loader: "lfffffy", action: "-------" },
  "routes/admin.e-post":                                   { loader: "lfffffy", action: "-------" },
  "routes/admin.brukarar.$id":                             { loader: "lfffffy", action: "lfffffv" },
};

type Samples = Awaited<ReturnType<typeof sampleParams>>;
let samples: Samples;
let adminTarget: string;

beforeAll(async () => {
  await seedAllDemoData();
  samples = await sampleParams();
  const u = first(await db().insert(users).values({ email: "matrix-target@demo.no", name: "Matrix Target", role: "reporter", partyNumber: "1506" }).returning({ id: users.id }));
  adminTarget = u.id;
  if (!samples.attachment) {
    const [a] = await db()
      .insert(caseAttachments)
      .values({ caseId: samples.realCase.id, filename: "notat.pdf", contentType: "application/pdf", size: 9, data: Buffer.from("%PDF-1.4\n") })
      .returning({ id: caseAttachments.id, caseId: caseAttachments.caseId });
    samples.attachment = a;
  }
}, 120_000);

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
            ? samples.attachment.caseId
            : samples.realCase.id
          : String(samples.round.id);
    else if (name === "attachmentId") p.attachmentId = String(samples.attachment.id);
    else if (name === "slug") p.slug = id.includes("handlingsplanar") ? samples.plan.slug : id.includes("utval") ? samples.meeting.slug : "personvern";
    else if (name === "number") p.number = id.includes("handlingsplanar") ? samples.measure.number : "1506";
    else if (name === "checklistId") p.checklistId = String(samples.molde.id);
    else if (name === "meetingId") p.meetingId = String(samples.meeting.id);
    else if (name === "token") p.token = samples.trackingToken;
    else if (name === "reference") p.reference = samples.anyPublishedCase.reference;
    else if (name === "file") p.file = id.includes("$number") ? "status.csv" : "fullforing.csv";
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
  return `?${res.status}`;
}

async function cell(id: string, kind: "loader" | "action", viewer: string | null): Promise<string> {
  const mod = await loadRoute(id);
  const fn = mod[kind];
  if (!fn) return "-";
  const params = paramsFor(id);
  const url = BASE + pathFor(id, params);
  const cookie = viewer ? await cookieFor(viewer) : undefined;
  const headers: Record<string, string> = cookie ? { Cookie: cookie } : {};
  const request =
    kind === "loader"
      ? new Request(url, { headers })
      : new Request(url, { method: "POST", headers: { ...headers, Origin: BASE, "Content-Type": "application/x-www-form-urlencoded" }, body: PROBES[id] ?? "intent=matrix-probe" });
  const res = await run(async () => fn({ request, params, context: { clientIp: "198.18.0.1" } }));
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
