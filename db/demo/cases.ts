/**
 * Demo cases (demo mode only): about fifteen invented cases over 2023–2025 in various statuses,
 * each marked "(demodata)", plus the real case of seeds 002/004: the FSU for rehabilitation's
 * submission of 20.02.2024 about coordination (KE, barnekoordinator, IP), left "received" so
 * that the secretariat can route it to SSU (case 30/24 on 11.09.2024) in the demo and the e2e flow.
 * No meetings here (the meetings seed makes them). Idempotent: keyed on the reference.
 * No real names or contact data: submitters are roles, e-mail addresses are @demo.no.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, bodies, caseAdvice, cases, users } from "../schema";

type Status = (typeof cases.$inferSelect)["status"];
type Urgency = "low" | "normal" | "high";

interface DemoCase {
  date: string; // submitted, YYYY-MM-DD
  status: Status;
  title: string;
  submitterName: string;
  submitterOrg: string;
  submitterEmail: string;
  urgency: Urgency;
  background: string;
  problem?: string;
  patientGroups?: string;
  serviceProviders?: string;
  changeNeeds?: string;
  triedBefore?: string;
  proposal?: string;
  economy?: string;
  referencesText?: string;
  agreementPoints?: string;
  partyNumber?: string;
  bodySlug?: string;
  rejectionReason?: string;
  withheld?: Record<string, string>;
}

/** The real case (DOMAIN.md): its reference, so that other seeds and tests can find it. */
export const REAL_CASE_REFERENCE = "HFMR-2024-0002";

/** Deterministic tracking token of a demo case (demo mode only; real cases get random tokens). */
export function demoTrackingToken(reference: string) {
  return createHash("sha256").update(`hf-demo-tracking:${reference}`).digest("base64url");
}

const D = " (demodata)";

const REAL_CASE: DemoCase = {
  date: "2024-02-20",
  status: "received",
  title: "Brei satsing på koordinering, koordinerande eining, barnekoordinator og individuell plan",
  submitterName: "Fagleg samarbeidsutval for rehabilitering",
  submitterOrg: "Fagleg samarbeidsutval for rehabilitering, v/leiar",
  submitterEmail: "fsu-rehab@demo.no",
  urgency: "normal",
  background:
    "I møte for Faglig samarbeidsutvalg for rehabilitering 05.11.23 ble handlingsplan gjennomgått og evaluert. Utvalget ønsker i 2024 å prioritere arbeid med koordinering, koordinerende enhet, barnekoordinator og individuell plan.\n\n" +
    "Utvalget mener en styrking på dette feltet er en forutsetting for å oppnå samhandlingsreformens målsetning om helhetlige og gode behandlingsforløp. Det er behov for et kompetanseløft og (re)etablering av prosedyrer og rutiner.\n\n" +
    "Vi vurderer at dette er et stort arbeid som overgår utvalgets kapasitet. Videre er dette et tema som går på tvers av de fleste fagutvalg og bør ha bredest mulig forankring. Et felles prosjekt i regi av Helsefellesskapet vil kunne gi stor kraft og styrke til slikt arbeid.\n\n" +
    "Faglig samarbeidsutvalg for rehabilitering ønsker med dette å oppfordre Strategisk samarbeidsutvalg til å vurdere om det er grunnlag for å initiere en bred satsing på forbedrings- og utviklingsarbeid for arbeid med koordinering, koordinerende enhet, barnekoordinator og individuell plan, og hvordan dette kan organiseres.",
  problem:
    "Pasienter og brukere med behov for sammensatte tjenester opplever svikt i koordinering av tjenestene mellom nivåene, innad i spesialisthelsetjenesten og innad i kommunene.",
  patientGroups: "Alle pasientgrupper med behov for sammensatte og koordinerte tjenester.",
  serviceProviders: "Alle helse- og velferdstjenester, og i tillegg tenester knytt til opplæring.",
  changeNeeds:
    "Forbedret praksis på området vil ikke innebære vesentlige organisatoriske endringer, men sørge for bedre oppfyllelse av retningslinjer gitt i lover, forskrifter og nasjonale veiledere.\n\nKommunene benytter i dag ulike digitale verktøy for arbeid med koordinering og individuell plan. Helseplattformen mangler funksjonalitet for dette. På sikt er det ønskelig med en felles løsning på tvers av kommuner og nivå.",
  triedBefore: "Det har tidligere vært eget faglig samarbeidsutvalg for koordinerende enheter, individuell plan og koordinator. Koordinatoropplæring i regi av enkeltkommuner.",
  proposal:
    "Vi ser for oss at det etableres et prosjekt for alle parter i Helsefellesskap Møre og Romsdal, og at det vurderes andre samarbeidsparter som for eksempel høyskolemiljø (FoU) og/eller Statsforvalteren.\n\nBedre sammenhengende og samordnede tjenester med klarere oppgavefordeling pekes på som viktige forbedringspunkt av mange, blant andre Helsepersonellkommisjonen og Opptrappingsplan for psykisk helse 2023–33.",
  economy: "Prosjektet må finansieres. Gevinstene er vanskelige å tallfeste, men vil kunne bli svært store både menneskelig og økonomisk.",
  referencesText:
    "Forskrift om habilitering, rehabilitering, individuell plan og koordinator: https://lovdata.no/dokument/SF/forskrift/2011-12-16-1256\n" +
    "Nasjonal veileder Rehabilitering, habilitering, individuell plan og koordinator: https://www.helsedirektoratet.no/veiledere/rehabilitering-habilitering-individuell-plan-og-koordinator\n" +
    "Nasjonal veileder Samarbeid om tjenester til barn, unge og deres familier: https://www.helsedirektoratet.no/veiledere/samarbeid-om-tjenester-til-barn-unge-og-deres-familier",
  agreementPoints: "Samarbeidsavtalen: formål (klar ansvarsfordeling og god ressursutnyttelse på tvers av forvaltningsnivå)",
};

const DEMO: DemoCase[] = [
  {
    date: "2023-03-14",
    status: "routed",
    bodySlug: "lsu-molde",
    title: `Felles rutine for utskrivingsklare pasientar i helgene${D}`,
    submitterName: "Einingsleiar heimetenesta",
    submitterOrg: "Heimetenesta, Molde kommune",
    submitterEmail: "heimetenesta@demo.no",
    partyNumber: "1506",
    urgency: "high",
    background: "Utskrivingar fredag ettermiddag og i helgene gjev ofte manglande informasjon til kommunen, jf. tenesteavtalen om utskrivingsklare pasientar.",
    problem: "Epikrise og legemiddelliste kjem ikkje fram før måndag.",
    patientGroups: "Eldre med samansette behov; pasientar med heimesjukepleie.",
    proposal: "Ein felles sjekkliste for utskriving i helgene og ein kontaktperson i kommunen.",
    agreementPoints: "Delavtale om utskrivingsklare pasientar",
  },
  {
    date: "2023-05-02",
    status: "rejected",
    title: `Parkeringsavgift ved sjukehuset for pårørande${D}`,
    submitterName: "Pårørande",
    submitterOrg: "Pårørande",
    submitterEmail: "parorande@demo.no",
    urgency: "low",
    background: "Pårørande som følgjer pasientar, betaler høg parkeringsavgift.",
    rejectionReason: "Saka gjeld drifta av helseføretaket og ikkje samhandlinga mellom partane. Ho er send vidare til Helse Møre og Romsdal HF.",
  },
  {
    date: "2023-08-21",
    status: "routed",
    bodySlug: "fsu-barn-og-unge",
    title: `Barnekoordinator: felles opplæring for kommunane${D}`,
    submitterName: "Koordinerande eining",
    submitterOrg: "Koordinerande eining, Ålesund kommune",
    submitterEmail: "ke-alesund@demo.no",
    partyNumber: "1508",
    urgency: "normal",
    background: "Ordninga med barnekoordinator frå 2022 krev opplæring som kvar kommune ikkje kan gi åleine, jf. hol. § 7-2 a.",
    problem: "Ulik praksis mellom kommunane.",
    patientGroups: "Familiar med barn med alvorleg sjukdom eller skade.",
    proposal: "Felles koordinatorskule i regi av FSU barn og unge.",
  },
  {
    date: "2023-10-09",
    status: "withdrawn",
    title: `Felles mal for individuell plan${D}`,
    submitterName: "Rådgivar",
    submitterOrg: "Helse- og omsorg, ein kommune",
    submitterEmail: "radgivar@demo.no",
    urgency: "normal",
    background: "Ønskje om éin mal for individuell plan i heile fylket. Trekt fordi arbeidet går i FSU rehabilitering.",
  },
  {
    date: "2023-11-27",
    status: "under_assessment",
    title: `Elektronisk meldingsutveksling med private fysioterapeutar${D}`,
    submitterName: "Fagleiar",
    submitterOrg: "Fysioterapitenesta",
    submitterEmail: "fysio@demo.no",
    urgency: "normal",
    background: "Private fysioterapeutar med driftsavtale manglar elektroniske meldingar med sjukehuset.",
    changeNeeds: "Teknologisk: PLO-meldingar og dialogmeldingar.",
    economy: "Lisenskostnader for meldingsløysing.",
  },
  {
    date: "2024-01-15",
    status: "received",
    title: `Ventetid på habiliteringstenesta for vaksne${D}`,
    submitterName: "Brukarrepresentant",
    submitterOrg: "Brukarutvalet",
    submitterEmail: "brukarutval@demo.no",
    urgency: "high",
    background: "Lang ventetid gjer at kommunane står åleine med oppfølginga.",
    patientGroups: "Vaksne med utviklingshemming.",
  },
  {
    date: "2024-04-03",
    status: "routed",
    bodySlug: "fsu-behandlarsamarbeid",
    title: `Tilvisingar med manglande opplysningar${D}`,
    submitterName: "Avdelingsleiar",
    submitterOrg: "Helse Møre og Romsdal HF",
    submitterEmail: "avdeling-hf@demo.no",
    partyNumber: "HMR",
    urgency: "normal",
    background: "Mange tilvisingar må returnerast fordi opplysningar manglar.",
    proposal: "Felles tilvisingsmalar og ei opplæringsøkt for fastlegane.",
  },
  {
    date: "2024-06-18",
    status: "submitted",
    title: `Samhandling om rus og psykisk helse i ambulante team${D}`,
    submitterName: "Teamleiar",
    submitterOrg: "Ambulant team",
    submitterEmail: "ambulant@demo.no",
    urgency: "normal",
    background: "Behov for avklaring av ansvar mellom kommunale og spesialiserte ambulante team.",
  },
  {
    date: "2024-09-02",
    status: "routed",
    bodySlug: "ssu",
    title: `Felles kompetanseplan for helsepersonell i fylket${D}`,
    submitterName: "Leiar",
    submitterOrg: "Fagleg samarbeidsutval for behandlarsamarbeid",
    submitterEmail: "fsu-behandlar@demo.no",
    urgency: "normal",
    background: "Rekruttering og kompetanse er felles utfordringar; Helsepersonellkommisjonen peikar på samarbeid.",
    economy: "Ingen nye kostnader i første fase.",
    withheld: { economy: "offl. § 23 første ledd" },
  },
  {
    date: "2024-11-11",
    status: "rejected",
    title: `Ønskje om ny legevaktstasjon${D}`,
    submitterName: "Innbyggjar",
    submitterOrg: "Innbyggjar",
    submitterEmail: "innbyggjar@demo.no",
    urgency: "normal",
    background: "Lang reiseveg til legevakta.",
    rejectionReason: "Legevakt er eit kommunalt ansvar. Saka er send tilbake med råd om å kontakte kommunen.",
  },
  {
    date: "2025-01-20",
    status: "received",
    title: `Digital heimeoppfølging etter utskriving${D}`,
    submitterName: "Prosjektleiar",
    submitterOrg: "Kristiansund kommune",
    submitterEmail: "prosjekt-ksu@demo.no",
    partyNumber: "1505",
    urgency: "normal",
    background: "Erfaringar frå utprøving av digital heimeoppfølging bør delast i helsefellesskapet.",
    changeNeeds: "Teknologisk: felles plattform.",
  },
  {
    date: "2025-03-05",
    status: "under_assessment",
    title: `Beredskap for legemiddelmangel i sjukeheimane${D}`,
    submitterName: "Kommuneoverlege",
    submitterOrg: "Kommuneoverlegane i fylket",
    submitterEmail: "kommuneoverlege@demo.no",
    urgency: "high",
    background: "Legemiddelmangel rammar sjukeheimane; det trengst ein felles plan med sjukehusapoteket.",
  },
  {
    date: "2025-05-12",
    status: "routed",
    bodySlug: "fsu-rehabilitering",
    title: `Rehabilitering etter hjerneslag: felles forløp${D}`,
    submitterName: "Fagutviklingssjukepleiar",
    submitterOrg: "Helse Møre og Romsdal HF",
    submitterEmail: "slag@demo.no",
    partyNumber: "HMR",
    urgency: "normal",
    background: "Ulik tilgang på rehabilitering i kommunane etter hjerneslag.",
    proposal: "Eit felles pasientforløp med tydeleg ansvar i overgangane.",
  },
  {
    date: "2025-08-25",
    status: "submitted",
    title: `Tolketenester i samhandlinga${D}`,
    submitterName: "Sakshandsamar",
    submitterOrg: "Flyktningtenesta",
    submitterEmail: "flyktning@demo.no",
    urgency: "low",
    background: "Manglande tolk ved overføringar mellom nivå.",
  },
  {
    date: "2025-10-01",
    status: "received",
    title: `Avtale om ambulansetransport mellom sjukehusa${D}`,
    submitterName: "Leiar",
    submitterOrg: "Lokalt samarbeidsutval Volda",
    submitterEmail: "lsu-volda@demo.no",
    urgency: "normal",
    background: "Uklar ansvarsdeling ved overføring av pasientar mellom Volda og Ålesund.",
  },
];

const CHAIN: Record<Status, { status: Status; action: string }[]> = {
  submitted: [],
  received: [{ status: "received", action: "case.receive" }],
  under_assessment: [
    { status: "received", action: "case.receive" },
    { status: "under_assessment", action: "case.assess" },
  ],
  routed: [
    { status: "received", action: "case.receive" },
    { status: "under_assessment", action: "case.assess" },
    { status: "routed", action: "case.route" },
  ],
  on_agenda: [],
  handled: [],
  closed: [],
  rejected: [
    { status: "received", action: "case.receive" },
    { status: "rejected", action: "case.reject" },
  ],
  withdrawn: [{ status: "withdrawn", action: "case.withdrawn" }],
};

/** All demo cases with their references (numbered per year in date order). */
export function demoCases(): (DemoCase & { reference: string; year: number; seq: number })[] {
  const all = [...DEMO, REAL_CASE].sort((a, b) => a.date.localeCompare(b.date));
  const perYear = new Map<number, number>();
  return all.map((c) => {
    const year = Number(c.date.slice(0, 4));
    const seq = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, seq);
    return { ...c, year, seq, reference: `HFMR-${year}-${String(seq).padStart(4, "0")}` };
  });
}

/** The demo's SSU leader, who gives the tilråding on the routed demo cases (guideline point 3). */
const DEMO_ADVISER = { email: "ssu-leiar@demo.no", label: "SSU-leiar (demo)", role: "leader" } as const;
/** Why the secretariat rejected the demo cases without a tilråding (they never went to assessment). */
const DEMO_WAIVER = "Openbert utanfor mandatet til helsefellesskapet; leiinga i SSU vart orientert i etterkant (demodata).";

export async function seedDemoCases(db: Db) {
  const bodyIds = new Map((await db.select({ id: bodies.id, slug: bodies.slug }).from(bodies)).map((b) => [b.slug, b.id]));
  const [adviser] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADVISER.email));
  for (const c of demoCases()) {
    await db.transaction(async (tx) => {
      const created = new Date(`${c.date}T09:00:00Z`);
      const [row] = await tx
        .insert(cases)
        .values({
          reference: c.reference,
          year: c.year,
          seq: c.seq,
          status: c.status,
          title: c.title,
          submitterName: c.submitterName,
          submitterOrg: c.submitterOrg,
          submitterEmail: c.submitterEmail,
          submitterDate: c.date,
          background: c.background,
          urgency: c.urgency,
          problem: c.problem ?? "",
          patientGroups: c.patientGroups ?? "",
          serviceProviders: c.serviceProviders ?? "",
          changeNeeds: c.changeNeeds ?? "",
          triedBefore: c.triedBefore ?? "",
          proposal: c.proposal ?? "",
          economy: c.economy ?? "",
          referencesText: c.referencesText ?? "",
          agreementPoints: c.agreementPoints ?? "",
          partyNumber: c.partyNumber ?? null,
          bodyId: c.bodySlug ? (bodyIds.get(c.bodySlug) ?? null) : null,
          trackingTokenHash: createHash("sha256").update(demoTrackingToken(c.reference)).digest("hex"),
          idempotencyKey: `demo:${c.reference}`,
          rejectionReason: c.rejectionReason ?? null,
          withheld: c.withheld ?? {},
          createdAt: created,
          updatedAt: created,
        })
        .onConflictDoNothing({ target: cases.reference })
        .returning({ id: cases.id });
      if (!row) return; // seeded before
      const steps = [{ status: "submitted" as Status, action: "case.submitted" }, ...CHAIN[c.status]];
      const stepAt = (i: number) => new Date(created.getTime() + i * 3 * 86_400_000);
      // A routed case was routed on the SSU leader's tilråding, given the day before; a rejected one
      // was rejected with the secretariat's reason to go on without one.
      const routeStep = steps.findIndex((s) => s.action === "case.route");
      const bodyId = c.bodySlug ? (bodyIds.get(c.bodySlug) ?? null) : null;
      let adviceId: number | null = null;
      if (routeStep > 0) {
        const adviceAt = new Date(stepAt(routeStep).getTime() - 86_400_000);
        const [advice] = await tx
          .insert(caseAdvice)
          .values({
            caseId: row.id,
            authorId: adviser?.id ?? null,
            authorLabel: DEMO_ADVISER.label,
            authorRole: DEMO_ADVISER.role,
            recommendation: "route",
            bodyId,
            justification: `Saka høyrer heime i ${c.bodySlug ?? "utvalet"}: tema og mandat passar (demodata).`,
            createdAt: adviceAt,
          })
          .returning({ id: caseAdvice.id });
        adviceId = advice?.id ?? null;
        await tx.insert(auditLog).values({
          at: adviceAt,
          actorUserId: adviser?.id ?? null,
          actorLabel: DEMO_ADVISER.label,
          action: "case.advice",
          entityType: "case",
          entityId: row.id,
          before: null,
          after: { adviceId, recommendation: "route", authorRole: DEMO_ADVISER.role, ...(bodyId ? { bodyId } : {}) },
        });
      }
      await tx.insert(auditLog).values(
        steps.map((s, i) => ({
          at: stepAt(i),
          actorUserId: null,
          actorLabel: s.action === "case.submitted" || s.action === "case.withdrawn" ? "innsendar" : "system (demodata)",
          action: s.action,
          entityType: "case",
          entityId: row.id,
          before: null,
          after: {
            status: s.status,
            ...(s.action === "case.submitted" ? { reference: c.reference } : {}),
            ...(s.action === "case.route" && adviceId ? { adviceId } : {}),
            ...(s.action === "case.reject" ? { waiverReason: DEMO_WAIVER } : {}),
          },
        })),
      );
    });
  }
}
