/**
 * Property-based fuzzing of every route action (fast-check): arbitrary form fields — the route's
 * own field names and intents, `__proto__`/`constructor` keys, huge strings (100,000 characters),
 * control characters, wrong types and formats, extra fields, files where text is expected, wrong
 * content types — must give a 4xx, a redirect or a success, never a 5xx or a thrown error, and a
 * refused input (4xx) must leave every table's row count unchanged (no partial write).
 *
 * Besides arbitrary forms it generates (issue 11, finding 13): a valid example form per action
 * with one field mutated (NUL and other hostile values in any field, a field dropped) — so that a
 * share of the inputs reach each action's success path, counted per action; malformed multipart
 * bodies; and impossible ids (overflowing, negative, NUL) in the URL's numeric params.
 *
 * `npm test` runs a smoke budget with a fixed seed; `npm run test:fuzz` (FUZZ=full) runs 10,000+
 * inputs with a random seed, printed; FUZZ_SEED=<n> replays a seed.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, rowsOf } from "../../db/client";
import { saveChecklistDraft } from "~/models/checklists.server";
import { requestGate } from "~/http/csrf.server";
import { bodies, meetings, userParties, users } from "../../db/schema";
import { useTestDatabase } from "../support/db";
import { BASE, cookieFor, getRequest, run } from "../support/http";
import { loadRoute, paramNames, ROUTES_DIR, routeIds, sampleParams, seedAllDemoData } from "../support/routes";
import { first } from "../support/one";

useTestDatabase();

const FULL = process.env.FUZZ === "full";
const TOTAL_TARGET = FULL ? 10_500 : 400;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : FULL ? Math.floor(Math.random() * 2 ** 31) : 20261123;
type Samples = Awaited<ReturnType<typeof sampleParams>>;
let samples: Samples;
/** An SSU meeting whose agenda and minutes are still open, so that the meeting actions can succeed. */
let openMeetingId: number;
let fuzzTarget: string;
let tables: string[];

beforeAll(async () => {
  await seedAllDemoData();
  samples = await sampleParams();
  const [open] = await db()
    .select({ id: meetings.id })
    .from(meetings)
    .innerJoin(bodies, eq(bodies.id, meetings.bodyId))
    .where(and(eq(bodies.slug, "ssu"), inArray(meetings.minutesStatus, ["none", "draft"])))
    .orderBy(asc(meetings.id))
    .limit(1);
  openMeetingId = open?.id ?? samples.meeting.id;
  // The admin's user page acts on a user of its own, so role changes do not disturb other actions.
  const u = first(await db().insert(users).values({ email: "fuzz-target@demo.no", name: "Fuzz Target", role: "reporter" }).returning({ id: users.id }));
  await db().insert(userParties).values({ userId: u.id, partyNumber: "1506" });
  fuzzTarget = u.id;
  tables = rowsOf<{ name: string }>(
    await db().execute(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'rate_limits' order by 1`,
    ),
  ).map((r) => r.name);
}, 120_000);

/** Row counts of every table (rate-limit counters aside: they count refused requests by design) in one statement. */
async function rowCounts(): Promise<Record<string, number>> {
  const select = tables.map((t) => `(select count(*)::int from "${t}") as "${t}"`).join(", ");
  return first(rowsOf<Record<string, number>>(await db().execute(sql.raw(`select ${select}`))));
}

function paramsFor(id: string): Record<string, string> {
  const p: Record<string, string> = {};
  for (const name of paramNames(id)) {
    if (name === "id") p.id = id.includes("admin.brukarar") ? fuzzTarget : id.includes("sekretariat.saker") ? samples.realCase.id : String(samples.round.id);
    else if (name === "attachmentId") p.attachmentId = String(samples.attachment?.id ?? 1);
    else if (name === "slug") p.slug = id.includes("handlingsplanar") ? samples.plan.slug : id.includes("utval") ? samples.meeting.slug : "personvern";
    else if (name === "number") p.number = id.includes("handlingsplanar") ? samples.measure.number : "1506";
    else if (name === "checklistId") p.checklistId = String(samples.molde.id);
    else if (name === "meetingId") p.meetingId = String(openMeetingId);
    else if (name === "token") p.token = samples.trackingToken;
    else if (name === "reference") p.reference = samples.anyPublishedCase.reference;
    else if (name === "file") p.file = "status.csv";
    else if (name === "provider")
      p.provider = "sso"; // no OIDC provider is configured here: the start of a sign-in answers 404
    else throw new Error(`No sample for param ${name} of ${id}: add one`);
  }
  return p;
}

/** Numeric params, and the impossible values the fuzz puts in them (a 404 or 400, never a 500). */
const NUMERIC_PARAMS = new Set(["meetingId", "checklistId", "attachmentId"]);
const isNumericParam = (id: string, name: string) => NUMERIC_PARAMS.has(name) || (name === "id" && id.includes("sjekkliste.runde"));
const BAD_IDS = ["99999999999999999999", "2147483648", "-1", "0", "1e3", "1.5", "%00", "9".repeat(400)];

/**
 * A form each action accepts (its success path), or null where the fuzz has none yet. The fuzz
 * mutates one field of it, so most such inputs are refused and some succeed.
 */
async function validExample(id: string, cookie: string | null): Promise<Record<string, string | File> | null> {
  const ssu = first(await db().select({ id: bodies.id }).from(bodies).where(eq(bodies.slug, "ssu")));
  const meetingVersion = async () => String(first(await db().select({ version: meetings.version }).from(meetings).where(eq(meetings.id, openMeetingId))).version);
  const loaded = async (routeId: string, path: string, params: Record<string, string>) =>
    run(async () => (await loadRoute(routeId)).loader!({ request: getRequest(path, cookie ? { cookie } : {}), params, context: {} }));
  switch (id.replace(/^routes\//, "")) {
    case "saker.ny": {
      // The form-start token the page hands out (bot guard), as a browser would send it back.
      const { formStarted } = (await (await loaded(id, "/saker/ny", {})).json()) as { formStarted: string };
      return {
        title: "Betre samhandling om individuell plan",
        submitterName: "Kari Innbyggjar",
        submitterEmail: "kari@example.no",
        submitterDate: "2024-02-20",
        background: "Delavtale 2.",
        urgency: "normal",
        skjemaStarta: formStarted,
        nettside: "",
      };
    }
    case "sjekkliste.$checklistId_.last-opp": {
      // The checklist's own Excel template, uploaded back unchanged.
      const checklistId = String(samples.molde.id);
      const template = await loaded("routes/sjekkliste.$checklistId_.mal[.xlsx]", `/sjekkliste/${checklistId}/mal.xlsx`, { checklistId });
      return { file: new File([await template.arrayBuffer()], "sjekkliste.xlsx", { type: template.headers.get("Content-Type") ?? "" }) };
    }
    case "sjekkliste.$checklistId_.send-inn": {
      // Submitting needs a complete checklist: every measure answered, the key figures filled in.
      const checklistId = samples.molde.id;
      const page = (await (await loaded("routes/sjekkliste.$checklistId", `/sjekkliste/${checklistId}`, { checklistId: String(checklistId) })).json()) as {
        measures: { id: number }[];
      };
      const saved = await saveChecklistDraft(
        { id: null, name: "fuzz", role: "reporter", partyNumbers: ["1506"] },
        {
          checklistId,
          version: null,
          lastWriteWins: true,
          answers: page.measures.map((m) => ({ measureId: m.id, status: "gjennomfort", comment: "" })),
          keyFigures: {
            coordinators: 12,
            individualPlans: 30,
            childCoordinators: 4,
            cooperationMeetings: 80,
            coordinationMeetings: 45,
            kePlacement: "Tildelingskontoret",
            keOnWebsite: true,
            keWebsiteUrl: "https://www.molde.kommune.no/ke",
          },
        },
      );
      return saved.version ? {} : null;
    }
    case "utval.$slug.moter.$meetingId._index":
      return { intent: "add_orientation", title: "Orientering om samhandling", version: await meetingVersion() };
    case "utval.$slug.moter.$meetingId.referat":
      return { intent: "save_intro", intro: "Innleiing til referatet.", version: await meetingVersion() };
    case "sprak":
      return { lang: "en", redirectTo: "/" };
    case "logg-inn":
      return { email: "ke-hf@demo.no", password: "demo-passord", redirectTo: "/" };
    case "logg-ut":
    case "okt.forleng":
      return {};
    case "admin.brukarar.$id":
      return { intent: "role", role: "reporter" };
    case "admin.brukarar.ny":
      return { name: "Ny Brukar", email: "ny.brukar@example.no", role: "reporter", parties: "1506" };
    case "glemt-passord":
      return { email: "ke-hf@demo.no" };
    case "handlingsplanar.$slug._index":
      return { intent: "addGoal", goalTitle: "Eit nytt mål for samhandlinga" };
    case "handlingsplanar.$slug.tiltak.$number":
      return { intent: "addMilestone", milestoneTitle: "Ein milepæl", dueDate: "2030-06-01" };
    case "handlingsplanar.ny":
      return { titleNn: "Ny handlingsplan for fuzzing", periodStart: "2026-01-01", periodEnd: "2027-12-31", ownerBodyId: String(ssu.id), status: "draft" };
    case "sekretariat.saker.$id._index":
      return { intent: "note", note: "Eit internt notat." };
    case "sjekkliste.$checklistId":
      return { intent: "autosave" };
    case "sjekkliste.runde.ny":
      return { planId: String(samples.plan.id), title: "Ny runde", referenceDate: "2026-01-01", deadline: "2026-03-01", reminderDaysBefore: "7" };
    case "sjekkliste.runde.$id":
      return { intent: "remind" };
    case "utval.$slug.moter.ny":
      return { title: "Ekstramøte", date: "2031-05-05", time: "10:00", endTime: "12:00", location: "Molde" };
    case "mi-side.varsel":
      return { case_submitted: "digest", case_advice: "off", follow_up: "instant" };
    case "profil.passord":
      return { current: "demo-passord", next: "eit-nytt-passord-2026", repeat: "eit-nytt-passord-2026" };
    case "saker.spor.$token":
      return { intent: "withdraw", confirm: "yes" };
    case "saker.spor._index":
      return { email: "leiar.fsu-rehab@example.no" };
    case "admin.utval._index":
      return { intent: "create", kind: "lsu", establishedOn: "2025-01-01", shortName: "LSU Fuzz", name_nn: "Lokalt samarbeidsutval Fuzz" };
    case "admin.utval.$slug":
      return { intent: "add", email: "ke-hf@demo.no", role: "member", startsOn: "2025-01-01", representsParty: "HMR" };
    default:
      return null;
  }
}

function pathFor(id: string, params: Record<string, string>): string {
  const segments = id
    .replace(/^routes\//, "")
    .split(/(?<!\[[^\]]*)\.(?![^[]*\])/)
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) =>
      s
        .replace(/_$/, "")
        .replace(/^\$(\w+)$/, (_, n) => String(params[n]))
        .replace(/\[(.*)\]/, "$1"),
    );
  return "/" + segments.join("/");
}

/** Who acts: a role that passes the route's gate, so the fuzz reaches the input handling. */
function actorFor(id: string): string | null {
  if (/admin/.test(id)) return "admin@demo.no";
  if (/sekretariat|handlingsplanar|sjekkliste\.runde|utval|mi-side/.test(id)) return "sekretariat@demo.no";
  if (/sjekkliste/.test(id)) return "ke-molde@demo.no";
  if (/logg-ut|okt|profil/.test(id)) return "fsu-rehab@demo.no";
  return null;
}

const APP_DIR = path.resolve(ROUTES_DIR, "..");

function readModule(file: string): string {
  for (const candidate of [file, `${file}.tsx`, `${file}.ts`, path.join(file, "index.ts")]) {
    try {
      return readFileSync(candidate, "utf8");
    } catch {
      /* try the next spelling */
    }
  }
  return "";
}

/**
 * The route's source and the app modules it imports (components, form schemas, models), two
 * levels deep: a page split into components or with its schema in a model keeps its vocabulary.
 */
function sourcesOf(routeFile: string): string {
  const seen = new Set<string>();
  let frontier = [routeFile];
  for (let depth = 0; depth <= 2 && frontier.length; depth++) {
    const next: string[] = [];
    for (const file of frontier) {
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readModule(file);
      for (const m of text.matchAll(/from\s+["']~\/((?:components|models)\/[\w./-]+)["']/g)) next.push(path.join(APP_DIR, m[1]!));
    }
    frontier = next;
  }
  return [...seen].map(readModule).join("\n");
}

/** Field names, intents and literal values the route and its components and schemas use. */
function vocabulary(id: string) {
  const source = sourcesOf(path.join(ROUTES_DIR, id.replace(/^routes\//, "")));
  const names = new Set<string>();
  for (const m of source.matchAll(/(?:name=|\.get\(|\.getAll\(|name:\s*)["'`]([\w.[\]-]{1,40})["'`]/g)) names.add(m[1]!);
  // Keys of zod objects: `title: freeText(…)`, `date: z.string()`, `deadline: isoDateSchema()`.
  for (const m of source.matchAll(/^\s*["']?([A-Za-z_][\w.-]{0,39})["']?\s*:\s*(?:z\.|freeText|optionalFreeText|\w+Schema\b|\w+Field\()/gm)) names.add(m[1]!);
  const literals = new Set<string>();
  for (const m of source.matchAll(/(?:===|value=|case|z\.literal\()\s*["'`]([\w.-]{1,40})["'`]/g)) literals.add(m[1]!);
  for (const m of source.matchAll(/z\.enum\(\[([^\]]{1,400})\]/g)) for (const v of m[1]!.matchAll(/["'`]([\w.-]{1,40})["'`]/g)) literals.add(v[1]!);
  // Names of Object.prototype's members: a parser that indexes a plain object by a field name
  // (conform's error map once did, through a zod catch-all) must not trip over them.
  const prototypeNames = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"];
  return { names: [...names, ...prototypeNames, "intent", "idempotencyKey", "version", "confirm", "redirectTo"], literals: [...literals, "yes", "on", "1", "0"] };
}

const HUGE = "x".repeat(100_000);
const HUGE_UNICODE = "æøå🙂\u0000".repeat(20_000);
const nasty = fc.constantFrom(
  "",
  " ",
  "0",
  "-1",
  "1.5",
  "1e309",
  "NaN",
  "Infinity",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  '{"__proto__":{"admin":true}}',
  "<script>alert(1)</script>",
  "'; drop table cases; --",
  "../../etc/passwd",
  "%00",
  "\u0000",
  "\u0007\u0008\u001b[31m",
  "\r\n\r\n",
  "\u202eevil",
  "2024-02-30",
  "9999-12-31",
  "1900-01-01",
  "00000000-0000-0000-0000-000000000000",
  "//evil.example",
  "javascript:alert(1)",
  "12345678901",
  HUGE,
  HUGE_UNICODE,
);

type Value = { kind: "text"; v: string } | { kind: "file"; v: Uint8Array; name?: string; type?: string };

function inputArbitrary(vocab: ReturnType<typeof vocabulary>, example: Record<string, string | File> | null, exampleFiles: Record<string, Value>, numericParams: string[]) {
  // Mostly the route's own field names (so the input gets past "field missing"), some hostile keys.
  const key = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...vocab.names) },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "__defineGetter__") },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );
  const text = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...vocab.literals) },
    { weight: 3, arbitrary: nasty },
    { weight: 2, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 60 }) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
  );
  const value = fc.oneof(
    { weight: 9, arbitrary: text.map((v) => ({ kind: "text" as const, v })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((v) => ({ kind: "file" as const, v })) },
  );
  const arbitrary = fc.record({
    fields: fc.array(fc.tuple(key, value), { minLength: Math.min(vocab.names.length, 8), maxLength: vocab.names.length + 6 }),
    encoding: fc.constantFrom("urlencoded", "urlencoded", "multipart", "multipart", "json", "none", "broken-multipart"),
    ip: fc.integer({ min: 1, max: 250 }),
    badIds: fc.constant({} as Record<string, string>),
  });
  const withNul = fc.oneof(
    text.map((v) => `${v}\u0000`),
    text.map((v) => `\u0000${v}`),
    fc.constant("\u0000"),
  );
  // The valid example with (mostly) one field changed: a hostile value, NUL, or the field dropped.
  const mutated = example
    ? fc.record({
        fields: fc
          .tuple(
            fc.constantFrom(...new Set([...Object.keys(example), ...vocab.names])),
            fc.oneof(
              { weight: 3, arbitrary: fc.constant(null) },
              { weight: 2, arbitrary: text },
              { weight: 2, arbitrary: withNul },
              { weight: 1, arbitrary: fc.constant(undefined) },
            ),
          )
          .map(([name, v]) => {
            const form: Record<string, Value> = {
              ...Object.fromEntries(Object.entries(example).map(([k, x]) => [k, exampleFiles[k] ?? { kind: "text", v: String(x) }])),
              idempotencyKey: { kind: "text", v: crypto.randomUUID() },
            };
            if (v === undefined) delete form[name];
            else if (v !== null) form[name] = { kind: "text", v };
            return Object.entries(form);
          }),
        encoding: Object.keys(exampleFiles).length ? fc.constant("multipart") : fc.constantFrom("urlencoded", "multipart"),
        ip: fc.integer({ min: 1, max: 250 }),
        badIds: fc.constant({} as Record<string, string>),
      })
    : arbitrary;
  // A numeric param replaced by an impossible id.
  const badId = numericParams.length
    ? fc.record({
        fields: fc.constant([] as [string, { kind: "text"; v: string }][]),
        encoding: fc.constantFrom("urlencoded", "multipart"),
        ip: fc.integer({ min: 1, max: 250 }),
        badIds: fc.tuple(fc.constantFrom(...numericParams), fc.constantFrom(...BAD_IDS)).map(([name, v]) => ({ [name]: v })),
      })
    : arbitrary;
  return fc.oneof({ weight: 5, arbitrary }, { weight: 4, arbitrary: mutated }, { weight: 1, arbitrary: badId });
}

type Input = { fields: [string, Value][]; encoding: string; ip: number; badIds: Record<string, string> };

/** Remix hands routes decoded params; a malformed escape stays as it is. */
function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

function buildRequest(url: string, input: Input, cookie: string | null): Request {
  const headers: Record<string, string> = { Origin: BASE };
  if (cookie) headers.Cookie = cookie;
  let body: BodyInit | undefined;
  if (input.encoding === "urlencoded") {
    const p = new URLSearchParams();
    for (const [k, v] of input.fields) p.append(k, v.kind === "text" ? v.v : "file");
    body = p;
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  } else if (input.encoding === "multipart") {
    const f = new FormData();
    for (const [k, v] of input.fields) f.append(k, v.kind === "text" ? v.v : new File([v.v as BlobPart], v.name ?? "fil.pdf", { type: v.type ?? "application/pdf" }));
    body = f;
  } else if (input.encoding === "broken-multipart") {
    // A multipart body that stops before its closing boundary, with a header that never ends.
    const names = input.fields.map(([k]) => k).join("");
    body = `--XyZ\r\nContent-Disposition: form-data; name="${names.replace(/["\r\n]/g, "")}"\r\n\r\nx\r\n--XyZ\r\nContent-Disposition: form-da`;
    headers["Content-Type"] = "multipart/form-data; boundary=XyZ";
  } else if (input.encoding === "json") {
    body = JSON.stringify(Object.fromEntries(input.fields.map(([k, v]) => [k, v.kind === "text" ? v.v : [...v.v]])));
    headers["Content-Type"] = "application/json";
  }
  return new Request(url, { method: "POST", body, headers });
}

describe("fuzzing every action", async () => {
  const ids = [];
  for (const id of routeIds()) if ((await loadRoute(id)).action) ids.push(id);
  const runsPerAction = Math.ceil(TOTAL_TARGET / ids.length);
  let total = 0;
  const histogram: string[] = [];
  const withoutExample: string[] = [];
  let clean = 0;
  console.log(`fuzz: ${FULL ? "full" : "smoke"} run, seed ${SEED} (replay with FUZZ_SEED=${SEED})`);

  it.each(ids)(
    "%s: 4xx, redirect or success for arbitrary input; never a 5xx, a thrown error or a partial write",
    async (id) => {
      const mod = await loadRoute(id);
      const params = paramsFor(id);
      const vocab = vocabulary(id);
      const numericParams = paramNames(id).filter((n) => isNumericParam(id, n));
      let succeeded = 0;
      const email = actorFor(id);
      let cookie = email ? await cookieFor(email) : null;
      const example = await validExample(id, email ? await cookieFor(email) : null);
      const exampleFiles: Record<string, Value> = {};
      for (const [k, x] of Object.entries(example ?? {}))
        if (x instanceof File) exampleFiles[k] = { kind: "file", v: new Uint8Array(await x.arrayBuffer()), name: x.name, type: x.type };
      if (!example) withoutExample.push(id);
      const statuses = new Map<number, number>();
      let known: Record<string, number> | undefined;
      await fc.assert(
        fc.asyncProperty(inputArbitrary(vocab, example, exampleFiles, numericParams), async (generated) => {
          total++;
          const input = generated as Input;
          const before = known ?? (known = await rowCounts());
          let res: Response;
          const inputParams = { ...params, ...input.badIds };
          const request = buildRequest(BASE + pathFor(id, inputParams), input, cookie);
          const params_ = Object.fromEntries(Object.entries(inputParams).map(([k, v]) => [k, safeDecode(v)]));
          // The same gate server.ts puts in front of every route (CSRF, form bodies only).
          const gate = requestGate(request, [BASE]);
          try {
            res = gate
              ? new Response(gate.message, { status: gate.status })
              : await run(async () => mod.action!({ request, params: params_, context: { clientIp: `192.0.2.${input.ip}` } }));
          } catch (error) {
            throw new Error(`${id} threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
          }
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status < 400) succeeded++;
          expect(res.status, `${id} answered ${res.status}`).toBeLessThan(500);
          const after = await rowCounts();
          if (res.status >= 400) expect(after, `${id}: a refused input (${res.status}) changed rows`).toEqual(before);
          known = after;
          // Sign-out and similar may end the session: take a fresh one so the fuzz keeps its depth.
          if (email && res.headers.get("Set-Cookie")?.includes("hf_session=;")) {
            cookie = await cookieFor(email);
            known = undefined;
          }
        }),
        { numRuns: runsPerAction, seed: SEED, endOnFailure: true },
      );
      // A share of the inputs must get through: a fuzz that only ever hears "400" tests the parser, not the action.
      if (example) expect(succeeded, `${id}: no generated input reached the success path (statuses ${JSON.stringify([...statuses])})`).toBeGreaterThan(0);
      clean++;
      histogram.push(
        `${id.replace(/^routes\//, "")} ${[...statuses]
          .sort((a, b) => a[0] - b[0])
          .map(([s, n]) => `${s}×${n}`)
          .join(" ")}`,
      );
    },
    600_000,
  );

  // A summary for the log, not an assertion: each action's test above fails on its own.
  afterAll(() => {
    console.log(`fuzz statuses per action:\n  ${histogram.join("\n  ")}`);
    console.log(
      `fuzz: ${total} generated inputs over ${ids.length} actions (${runsPerAction} each, seed ${SEED}); ${clean}/${ids.length} actions without a 5xx, a thrown error or a partial write`,
    );
    if (withoutExample.length) console.log(`fuzz: no valid example (success path not asserted) for ${withoutExample.join(", ")}`);
  });
});
