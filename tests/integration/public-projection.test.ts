/**
 * One public projection of a case for every public surface (issue 11, findings 2, 3, 6 and the
 * measure page of 18).
 *
 * The sweep sets up a case whose title (and one more field) is withheld, an unscreened
 * (`submitted`) case, a withdrawn case and draft minutes, each with its own unique marker text,
 * and puts them where public pages look: the party's dashboard, a measure's links (as a link made
 * before this fix would have), an agenda (as a deferred item of a later withdrawn case would
 * stay), the minutes' intro. Then it requests EVERY route in app/routes (the list comes from the
 * file names, so a new route is swept without anyone adding it) with params that point at that
 * data, through Remix's real request handler (tests/support/remix-app.ts): the HTML document and
 * the `.data` answer of each page, and each download (PDF as text by pdf.js, XLSX cells, CSV,
 * ICS), as anonymous and as every signed-in role without access to these cases. No answer may
 * carry a marker.
 */
import { pdfText } from "../support/pdf-text";
import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { agendaItems, cases, measureCaseLinks, measures, plans } from "../../db/schema";
import { action as measureAction, loader as measureLoader } from "../../app/routes/handlingsplanar.$slug.tiltak.$number";
import { loader as bodyLoader } from "../../app/routes/utval.$slug._index";
import { loader as meetingLoader } from "../../app/routes/utval.$slug.moter.$meetingId._index";
import { addCaseToAgenda, approveMinutes, createMeeting, publishMinutes, recordAgendaOutcome, saveMinutesIntro } from "~/models/meetings.server";
import { actorOf } from "~/models/actor";
import { linkCase, unlinkCase, updateMeasure } from "~/models/plans.server";
import { writeAudit } from "~/services/audit.server";
import { bodyId, insertCase, userFor } from "../support/cases-secretariat";
import { useTestDatabase } from "../support/db";
import { args, BASE, cookieFor, formRequest, getRequest, run } from "../support/http";
import { createAppHandler } from "../support/remix-app";
import { loadRoute, paramNames, pathFor, routeIds, sampleParams, seedAllDemoData } from "../support/routes";
import { at, first } from "../support/one";

useTestDatabase();

const RUN = randomBytes(4).toString("hex");
/** In the withheld title and the withheld problem text. */
const WITHHELD = `Skjermamerke${RUN}`;
/** In the title and background of a case nobody has screened yet. */
const UNSCREENED = `Usiktamerke${RUN}`;
/** In the title of a withdrawn case. */
const WITHDRAWN = `Trekkmerke${RUN}`;
/** In the intro and a decision of minutes that are a draft. */
const DRAFT = `Utkastmerke${RUN}`;
const MARKERS = [WITHHELD, UNSCREENED, WITHDRAWN, DRAFT];
const BASIS = "Offl. § 13 første ledd";
/** Visible words of the three cases: what a search for them finds must carry no marker. */
const WORDS = [`synlegord${RUN}a`, `synlegord${RUN}b`, `synlegord${RUN}c`];

/** Signed in without access to these cases: reporters of the party and of others, the admin, a member of another body. */
const VIEWERS = [null, "ke-molde@demo.no", "ke-alesund@demo.no", "ke-hf@demo.no", "admin@demo.no", "fsu-rehab@demo.no"] as const;

/** Routes not swept, and why. */
const NOT_PUBLIC: Record<string, string> = {
  // The submitter's own case behind a private link: not a public view (the token is the access).
  "routes/saker.spor.$token": "the submitter's private tracking page",
};

let handler: Awaited<ReturnType<typeof createAppHandler>>;
let samples: Awaited<ReturnType<typeof sampleParams>>;
const data = {} as {
  withheld: { id: string; reference: string };
  unscreened: { id: string; reference: string };
  withdrawn: { id: string; reference: string };
  decided: { id: string; reference: string };
  meetingId: number;
  publishedMeetingId: number;
  planSlug: string;
  sweptMeasure: string;
  linkMeasure: { id: number; number: string };
  secretariatId: string;
};

beforeAll(async () => {
  await seedAllDemoData();
  samples = await sampleParams();
  handler = await createAppHandler();
  const { user: secretariat } = await userFor("sekretariat@demo.no");
  data.secretariatId = secretariat.id;
  const ssu = await bodyId("ssu");

  const withheld = await insertCase({
    status: "routed",
    bodyId: ssu,
    partyNumber: "1506",
    title: `${WITHHELD} i tittelen`,
    problem: `${WITHHELD} i problemet`,
    background: `Bakgrunnen er synleg: ${WORDS[0]}.`,
    withheld: { title: BASIS, problem: BASIS },
  });
  const unscreened = await insertCase({ status: "submitted", partyNumber: "1506", title: `${UNSCREENED} i tittelen`, background: `${UNSCREENED} ${WORDS[1]}` });
  const withdrawn = await insertCase({ status: "withdrawn", partyNumber: "1506", bodyId: ssu, title: `${WITHDRAWN} i tittelen`, background: WORDS[2] });
  Object.assign(data, { withheld, unscreened, withdrawn });

  // The agenda: the withheld case through the workflow (the item copies its title), decided in
  // draft minutes; the other two as items left behind (a deferred case later withdrawn).
  const meetingId = (await createMeeting(secretariat, { slug: "ssu", date: "2031-03-04", time: "09:00", endTime: "11:00", location: "Molde" })).id;
  data.meetingId = meetingId;
  const item = await addCaseToAgenda(secretariat, { meetingId, expectedVersion: 1, caseId: withheld.id });
  for (const [i, c] of [unscreened, withdrawn].entries()) {
    await db()
      .insert(agendaItems)
      .values({ meetingId, bodyId: ssu, position: 10 + i, kind: "case", caseId: c.id, title: c.title, bodyCaseYear: 2031, bodyCaseSeq: 900 + i });
  }
  await recordAgendaOutcome(secretariat, { meetingId, expectedVersion: 2, itemId: item.id, handling: `Handsaming ${DRAFT}`, decision: `Vedtak ${DRAFT}` });
  await saveMinutesIntro(secretariat, { meetingId, expectedVersion: 3, intro: `Innleiing ${DRAFT}` });

  // Published minutes: a decided case with a withheld title (no e-mail address, so no mail in the
  // admin's outbox), and an item of the unscreened case deferred from it.
  const decided = await insertCase({ status: "routed", bodyId: ssu, partyNumber: "1508", title: `${WITHHELD} vedteke`, submitterEmail: "", withheld: { title: BASIS } });
  const pastId = (await createMeeting(secretariat, { slug: "ssu", date: "2025-01-15", time: "09:00", endTime: "11:00", location: "Ålesund" })).id;
  const decidedItem = await addCaseToAgenda(secretariat, { meetingId: pastId, expectedVersion: 1, caseId: decided.id });
  await db().insert(agendaItems).values({
    meetingId: pastId,
    bodyId: ssu,
    position: 5,
    kind: "case",
    caseId: unscreened.id,
    title: unscreened.title,
    bodyCaseYear: 2025,
    outcome: "deferred",
    deferredToMeetingId: meetingId,
  });
  await recordAgendaOutcome(secretariat, { meetingId: pastId, expectedVersion: 2, itemId: decidedItem.id, handling: "Handsama.", decision: "Vedteke." });
  await approveMinutes(secretariat, { meetingId: pastId, expectedVersion: 3 });
  await publishMinutes(secretariat, { meetingId: pastId, expectedVersion: 4 });
  Object.assign(data, { decided, publishedMeetingId: pastId });

  // Measures of the first plan: one swept with links to all three cases (the two non-public ones
  // as links made before the projection), one left for the linkCase tests.
  const plan = first(await db().select({ id: plans.id, slug: plans.slug }).from(plans).orderBy(asc(plans.id)).limit(1));
  const planMeasures = await db()
    .select({ id: measures.id, number: measures.number, version: measures.version })
    .from(measures)
    .where(eq(measures.planId, plan.id))
    .orderBy(asc(measures.id));
  const swept = at(planMeasures, 0);
  const forLinking = at(planMeasures, 1);
  data.planSlug = plan.slug;
  data.sweptMeasure = swept.number;
  data.linkMeasure = { id: forLinking.id, number: forLinking.number };
  const actor = actorOf(secretariat);
  expect(await linkCase(secretariat, { measureId: swept.id, caseReference: withheld.reference })).toBe(true);
  await db()
    .insert(measureCaseLinks)
    .values([
      { measureId: swept.id, caseId: unscreened.id },
      { measureId: swept.id, caseId: withdrawn.id },
    ]);
  // An editor's change: the measure row then holds the editor's user id.
  await updateMeasure(secretariat, {
    measureId: swept.id,
    version: swept.version,
    title: "Tiltak under test",
    description: "",
    responsible: "both",
    responsibleBodyId: null,
    status: "in_progress",
    progress: 40,
  });
  // A public case linked and unlinked again: the history names it.
  await linkCase(secretariat, { measureId: swept.id, caseReference: samples.anyPublishedCase.reference });
  const unlinked = first(await db().select({ id: cases.id }).from(cases).where(eq(cases.reference, samples.anyPublishedCase.reference)));
  await unlinkCase(secretariat, { measureId: swept.id, caseId: unlinked.id });
  // An unlink as the history stored it before this fix: by the case's id.
  await writeAudit({ actor, action: "case.unlink", entityType: "measure", entityId: swept.id, before: { caseId: unlinked.id } });
}, 180_000);

/** Every value a param takes in the sweep: the data above, and samples for the rest. */
function paramValues(id: string, name: string): string[] {
  switch (name) {
    case "reference":
      return [data.withheld.reference, data.unscreened.reference, data.withdrawn.reference, data.decided.reference];
    case "number":
      return id.includes("handlingsplanar") ? [data.sweptMeasure] : ["1506"];
    case "slug":
      return id.includes("handlingsplanar") ? [data.planSlug] : id.includes("utval") ? ["ssu"] : ["personvern"];
    case "meetingId":
      return [String(data.meetingId), String(data.publishedMeetingId)];
    case "file": {
      const names = id.includes("$number") ? ["trend", "nokkeltal", "status"] : ["fullforing", "tiltak", "trend", "nokkeltal", "matrise"];
      return names.flatMap((n) => [`${n}.csv`, `${n}.xlsx`]);
    }
    case "id":
      if (id.includes("sekretariat.saker")) return [data.withheld.id, data.unscreened.id];
      if (id.includes("admin.brukarar")) return [data.secretariatId];
      return [String(samples.round.id)];
    case "attachmentId":
      return ["1"];
    case "checklistId":
      return [String(samples.molde.id)];
    case "provider":
      return ["sso"];
    case "token":
      return ["ukjend-lenkje"];
    default:
      throw new Error(`No sweep value for param "${name}" of ${id}: add one in paramValues()`);
  }
}

/** Query strings worth sweeping besides the bare path: searches that find the cases by visible words. */
const QUERIES: Record<string, string[]> = {
  "routes/saker._index": [...WORDS.map((w) => `?q=${w}`), "?status=submitted", "?status=withdrawn", "?sort=newest"],
  "routes/sok": WORDS.map((w) => `?q=${w}`),
};

async function sweepUrls(): Promise<string[]> {
  const urls: string[] = [];
  for (const id of routeIds()) {
    if (NOT_PUBLIC[id]) continue;
    const mod = (await loadRoute(id)) as { default?: unknown; loader?: unknown };
    let combos: Record<string, string>[] = [{}];
    for (const name of paramNames(id)) combos = combos.flatMap((c) => paramValues(id, name).map((v) => ({ ...c, [name]: v })));
    for (const params of combos) {
      const path = pathFor(id, params);
      for (const query of ["", ...(QUERIES[id] ?? [])]) {
        urls.push(path + query);
        // A page's loader data as the browser fetches it (single fetch); "/" is "/_root.data".
        if (mod.default && mod.loader) urls.push(`${path === "/" ? "/_root" : path}.data${query}`);
      }
    }
  }
  return urls;
}

/** The text of an answer: PDF through pdf.js, XLSX as its cells, anything else as is. */
async function textOf(res: Response): Promise<string> {
  const type = res.headers.get("Content-Type") ?? "";
  const bytes = Buffer.from(await res.arrayBuffer());
  if (type.includes("application/pdf")) return pdfText(bytes);
  if (type.includes("spreadsheetml")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as never);
    const cells: string[] = [];
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    return cells.join("\n");
  }
  return bytes.toString("utf8");
}

async function get(url: string, cookie?: string) {
  return handler(new Request(BASE + url, { headers: cookie ? { Cookie: cookie } : {} }), { clientIp: "198.18.0.7" });
}

describe("one public projection of a case on every public surface (issue 11: 2, 3, 6, 18)", () => {
  it("the setup is visible where it should be: internal views show the markers, public views the legal basis", async () => {
    const secretariat = await cookieFor("sekretariat@demo.no");
    const meetingPage = await textOf(await get(`/utval/ssu/moter/${data.meetingId}`, secretariat));
    expect(meetingPage).toContain(WITHHELD);
    expect(meetingPage).toContain(DRAFT);
    const dashboard = await textOf(await get("/dashbord/1506"));
    expect(dashboard).toContain(data.withheld.reference);
    expect(dashboard).toContain(`Skjerma etter ${BASIS}`);
    const measure = await textOf(await get(`/handlingsplanar/${data.planSlug}/tiltak/${data.sweptMeasure}`));
    expect(measure).toContain(data.withheld.reference);
    expect(measure).toContain(`Skjerma etter ${BASIS}`);
    const found = await textOf(await get(`/saker?q=${WORDS[0]}`));
    expect(found).toContain(data.withheld.reference);
    const minutes = await textOf(await get(`/utval/ssu/moter/${data.publishedMeetingId}/referat.pdf`));
    expect(minutes).toContain("Vedteke.");
  });

  it.each(VIEWERS.map((v) => [v ?? "anonymous", v] as const))(
    "no route's HTML, .data or download carries a withheld, unscreened, withdrawn or draft text (%s)",
    async (_label, viewer) => {
      const cookie = viewer ? await cookieFor(viewer) : undefined;
      const urls = await sweepUrls();
      const leaks: string[] = [];
      const statuses = new Map<number, number>();
      for (const url of urls) {
        const res = await get(url, cookie);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status, url).toBeLessThan(500);
        const text = await textOf(res);
        for (const marker of MARKERS) if (text.includes(marker)) leaks.push(`${url}: ${marker.replace(RUN, "")}`);
      }
      console.log(`public projection sweep (${viewer ?? "anonymous"}): ${urls.length} answers, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${leaks.length} leaks`);
      expect(leaks, leaks.join("\n")).toEqual([]);
      expect(statuses.get(200) ?? 0).toBeGreaterThan(urls.length / 2);
    },
    300_000,
  );

  describe("finding 3: a plan editor links only public cases, and the answer does not tell a hidden case from none", () => {
    const path = () => `/handlingsplanar/${data.planSlug}/tiltak/${data.linkMeasure.number}`;
    const params = () => ({ slug: data.planSlug, number: data.linkMeasure.number });
    const link = async (cookie: string, reference: string) =>
      run(() => measureAction(args(formRequest(path(), { intent: "linkCase", caseReference: reference }, { cookie }), params())));
    const links = async () => db().select().from(measureCaseLinks).where(eq(measureCaseLinks.measureId, data.linkMeasure.id));

    it("an unscreened or withdrawn case gets the same status and body as a reference that does not exist, and is not linked", async () => {
      const { cookie } = await userFor("ssu-leiar@demo.no");
      const answer = async (reference: string) => {
        const res = await link(cookie, reference);
        return { status: res.status, location: res.headers.get("Location"), body: (await res.text()).replaceAll(reference, "<ref>") };
      };
      const none = await answer("HFMR-1999-0999");
      expect(none.status).toBe(400);
      expect(await answer(data.unscreened.reference)).toEqual(none);
      expect(await answer(data.withdrawn.reference)).toEqual(none);
      expect(await answer(data.unscreened.reference.toLowerCase())).toEqual(none);
      expect(await links()).toEqual([]);
    });

    it("a public case with a withheld title is linked and shown by its legal basis", async () => {
      const { cookie } = await userFor("ssu-leiar@demo.no");
      expect((await link(cookie, data.withheld.reference)).status).toBe(302);
      expect((await links()).map((l) => l.caseId)).toEqual([data.withheld.id]);
      const page = await (await run(() => measureLoader(args(getRequest(path()), params())))).json();
      expect(page.links).toEqual([{ reference: data.withheld.reference, title: null, titleWithheld: BASIS, status: expect.any(String), caseId: null }]);
      expect(JSON.stringify(page)).not.toContain(WITHHELD);
    });
  });

  it("finding 6: draft minutes are not public: no intro, no draft status, no decision on the meeting and body pages", async () => {
    for (const viewer of VIEWERS) {
      const cookie = viewer ? await cookieFor(viewer) : undefined;
      const page = await (
        await run(() => meetingLoader(args(getRequest(`/utval/ssu/moter/${data.meetingId}`, { cookie }), { slug: "ssu", meetingId: String(data.meetingId) })))
      ).json();
      expect(page.published).toBe(false);
      expect(page.meeting).toMatchObject({ minutesStatus: "none", minutesIntro: "", minutesApprovedAt: null });
      expect(page.items.map((i: { outcome: string }) => i.outcome)).not.toContain("decided");
      expect(JSON.stringify(page)).not.toContain(DRAFT);
      const body = await (await run(() => bodyLoader(args(getRequest("/utval/ssu", { cookie }), { slug: "ssu" })))).json();
      const listed = [...body.upcoming, ...body.past].find((m: { id: number }) => m.id === data.meetingId);
      expect(listed.minutesStatus, viewer ?? "anonymous").toBe("none");
    }
    // A member of the body still sees the draft.
    const member = await cookieFor("ssu-leiar@demo.no");
    const internal = await (
      await run(() => meetingLoader(args(getRequest(`/utval/ssu/moter/${data.meetingId}`, { cookie: member }), { slug: "ssu", meetingId: String(data.meetingId) })))
    ).json();
    expect(internal.meeting).toMatchObject({ minutesStatus: "draft", minutesIntro: `Innleiing ${DRAFT}` });
  });

  it("finding 18: the measure page sends no user id and no case id (UUID) to viewers who cannot edit", async () => {
    // The measure was changed by the secretariat, links cases, and its history holds an unlink.
    const url = `/handlingsplanar/${data.planSlug}/tiltak/${data.sweptMeasure}`;
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    for (const viewer of VIEWERS) {
      const cookie = viewer ? await cookieFor(viewer) : undefined;
      for (const u of [url, `${url}.data`]) {
        const text = await textOf(await get(u, cookie));
        expect(text, `${viewer ?? "anonymous"} ${u}`).not.toMatch(uuid);
        expect(text).not.toContain(data.secretariatId);
        expect(text).toContain(data.withheld.reference);
      }
    }
  });
});
