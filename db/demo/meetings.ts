/**
 * Demo meetings (demo mode only), fitted to the demo cases of db/demo/cases.ts:
 * - SSU in 2024: three meetings before September with its cases 1/24–29/24 (earlier cases, from
 *   before the system), so that the real case gets number 30/24 when the secretariat puts it on
 *   the agenda of 11.09.2024 (the real case itself is left alone: the demo and the e2e test do that);
 * - SSU 12.02.2025 and FSU rehabilitering 10.09.2025 with published minutes for two demo cases,
 *   which are then closed (feedback given; the decision mails are in the outbox);
 * - upcoming meetings a few weeks from today: SSU, FSU rehabilitering, FSU barn og unge (with a
 *   routed demo case on its agenda).
 * Idempotent: does nothing if a demo meeting exists. Titles carry "(demodata)".
 */
import { and, eq, like } from "drizzle-orm";
import type { Db, Tx } from "../client";
import { assertRow } from "../rows";
import { agendaItems, auditLog, bodies, cases, followUpTasks, meetings } from "../schema";
import { enqueueMail } from "../../app/services/mail.server";
import { env } from "../../app/services/env.server";
import { osloParts, osloToUtc } from "../../app/services/oslo-time";

const D = " (demodata)";
const ACTOR = "system (demodata)";

const SSU_2024_EARLIER: string[] = [
  "Godkjenning av møteplan for 2024",
  "Årsmelding for helsefellesskapet 2023",
  "Handlingsplan for helsefellesskapet 2024",
  "Oppnemning av medlemar til faglege samarbeidsutval",
  "Økonomi og finansiering av felles prosjekt",
  "Samhandlingsbarometeret: resultat 2023",
  "Revisjon av delavtale om utskrivingsklare pasientar",
  "Felles plan for beredskap",
  "Digital samhandling: status for meldingsutveksling",
  "Høyring: nasjonal helse- og samhandlingsplan",
  "Rapport frå FSU barn og unge",
  "Rapport frå FSU psykisk helse og rus",
  "Praksiskonsulentordninga",
  "Kompetansedeling mellom kommunane og HF",
  "Brukarmedverknad i helsefellesskapet",
  "Prioriterte pasientgrupper: skrøpelege eldre",
  "Prioriterte pasientgrupper: barn og unge",
  "Avtale om legevaktsamarbeid",
  "Tenesteavtale om svangerskaps- og barselomsorg",
  "Rekruttering og stabilisering av helsepersonell",
  "Evaluering av partnarskapsmøtet",
  "Samarbeid om akuttmedisinske tenester",
  "Oppfølging av helsepersonellkommisjonen",
  "Ambulante tenester: status",
  "Folkehelse og førebygging i helsefellesskapet",
  "Rapport frå LSU-ane",
  "Innspel til statsbudsjettet",
  "Plan for samhandlingskonferansen",
  "Eventuelt: orienteringar frå partane",
];

function nextWeekday(from: Date, weekday: number, minDays: number): string {
  const d = new Date(from.getTime() + minDays * 86_400_000);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function audit(tx: Tx, at: Date, entityType: string, entityId: string | number, action: string, before: unknown, after: unknown) {
  await tx.insert(auditLog).values({ at, actorUserId: null, actorLabel: ACTOR, action, entityType, entityId: String(entityId), before, after });
}

interface ItemSpec {
  title: string;
  kind?: "case" | "orientation";
  caseId?: string;
  seq?: number;
  presenter?: string;
  slotStart?: string;
  durationMinutes?: number;
  handling?: string;
  decision?: string;
  task?: { what: string; responsible: string; dueDate: string; status: "open" | "in_progress" | "done" };
}

async function meeting(
  tx: Tx,
  spec: { bodyId: number; title: string; date: string; time: string; end: string; location?: string; videoLink?: string; published: boolean; items: ItemSpec[] },
) {
  const startsAt = osloToUtc(spec.date, spec.time);
  const year = osloParts(startsAt).year;
  const [m] = await tx
    .insert(meetings)
    .values({
      bodyId: spec.bodyId,
      title: spec.title,
      startsAt,
      endsAt: osloToUtc(spec.date, spec.end),
      location: spec.location ?? "",
      videoLink: spec.videoLink ?? "",
      status: spec.published ? "held" : "planned",
      minutesStatus: spec.published ? "published" : "none",
      minutesIntro: spec.published ? "Til stades: medlemane i utvalet. Innkalling og saksliste vart godkjende." : "",
      minutesApprovedAt: spec.published ? new Date(startsAt.getTime() + 7 * 86_400_000) : null,
      minutesPublishedAt: spec.published ? new Date(startsAt.getTime() + 8 * 86_400_000) : null,
      createdAt: new Date(startsAt.getTime() - 30 * 86_400_000),
      updatedAt: new Date(startsAt.getTime() - 30 * 86_400_000),
      // Numbers are given when the agenda is published: a meeting with numbered items has published it.
      agendaPublishedAt: spec.items.some((i) => i.seq) ? new Date(startsAt.getTime() - 14 * 86_400_000) : null,
    })
    .returning();
  assertRow(m, "demo meeting");
  await audit(tx, m.createdAt, "meeting", m.id, "meeting.create", null, { bodyId: spec.bodyId, startsAt: startsAt.toISOString() });
  let position = 0;
  const created = [];
  for (const item of spec.items) {
    const decided = spec.published || Boolean(item.decision);
    const [row] = await tx
      .insert(agendaItems)
      .values({
        meetingId: m.id,
        bodyId: spec.bodyId,
        position: ++position,
        kind: item.kind ?? "case",
        caseId: item.caseId ?? null,
        title: item.title,
        presenter: item.presenter ?? "",
        slotStart: item.slotStart ?? "",
        durationMinutes: item.durationMinutes ?? null,
        bodyCaseYear: item.seq ? year : null,
        bodyCaseSeq: item.seq ?? null,
        handling: item.handling ?? "",
        decision: spec.published ? (item.decision ?? "Teke til orientering.") : "",
        outcome: decided && spec.published ? "decided" : "pending",
      })
      .returning();
    if (!row) throw new Error("Internal error: expected a demo agenda item row, got none");
    if (item.task) await tx.insert(followUpTasks).values({ agendaItemId: row.id, ...item.task });
    created.push(row);
  }
  return { meeting: m, items: created };
}

/** Moves a routed demo case through the meeting: schedule (and decide + close with feedback when published). */
async function moveCase(tx: Tx, caseId: string, meetingRow: typeof meetings.$inferSelect, number: string, slug: string, decision: string | null) {
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId));
  assertRow(c, "demo case");
  const steps: { action: string; to: "on_agenda" | "handled" | "closed"; at: Date }[] = [
    { action: "case.schedule", to: "on_agenda", at: new Date(meetingRow.startsAt.getTime() - 14 * 86_400_000) },
  ];
  if (decision) {
    steps.push({ action: "case.decide", to: "handled", at: meetingRow.startsAt });
    steps.push({ action: "case.close", to: "closed", at: meetingRow.minutesPublishedAt ?? meetingRow.startsAt });
  }
  let status = c.status;
  let version = c.version;
  for (const s of steps) {
    await audit(
      tx,
      s.at,
      "case",
      caseId,
      s.action,
      { status, bodyId: c.bodyId, version },
      { status: s.to, bodyId: c.bodyId, version: version + 1, meetingId: meetingRow.id, caseNumber: number },
    );
    status = s.to;
    version++;
  }
  const lastAt = steps.at(-1)?.at ?? meetingRow.startsAt;
  await tx
    .update(cases)
    .set({ status, version, updatedAt: lastAt, closedAt: status === "closed" ? lastAt : null })
    .where(eq(cases.id, caseId));
  if (decision) {
    const link = `${env().APP_URL.replace(/\/$/, "")}/utval/${slug}/moter/${meetingRow.id}/referat`;
    await enqueueMail(
      {
        kind: "case_decision",
        to: c.submitterEmail,
        subject: `Vedtak i saka ${c.reference}: sak ${number}`,
        text: [
          `Hei ${c.submitterName},`,
          "",
          `Saka di «${c.title}» (${c.reference}) vart handsama som sak ${number}.`,
          "",
          "Vedtak:",
          decision,
          "",
          `Referatet frå møtet: ${link}`,
        ].join("\n"),
        dedupeKey: `case_decision:${caseId}:${meetingRow.id}`,
        sendAfter: meetingRow.minutesPublishedAt ?? undefined,
      },
      tx,
    );
  }
}

export async function seedDemoMeetings(db: Db, now = new Date()) {
  const [existing] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(like(meetings.title, `%${D}`))
    .limit(1);
  if (existing) return;
  const bodyIds = new Map((await db.select({ id: bodies.id, slug: bodies.slug }).from(bodies)).map((b) => [b.slug, b.id]));
  const ssu = bodyIds.get("ssu");
  const fsuRehab = bodyIds.get("fsu-rehabilitering");
  const fsuBarn = bodyIds.get("fsu-barn-og-unge");
  if (!ssu || !fsuRehab || !fsuBarn) return;
  const routed = async (titleStart: string, bodyId: number) => {
    const [c] = await db
      .select({ id: cases.id, title: cases.title })
      .from(cases)
      .where(and(like(cases.title, `${titleStart}%`), eq(cases.status, "routed"), eq(cases.bodyId, bodyId)));
    return c ?? null;
  };
  const competence = await routed("Felles kompetanseplan", ssu);
  const stroke = await routed("Rehabilitering etter hjerneslag", fsuRehab);
  const childCoordinator = await routed("Barnekoordinator", fsuBarn);

  await db.transaction(async (tx) => {
    // SSU's earlier cases of 2024: 1/24–29/24.
    const spring = [
      { date: "2024-02-14", from: 0, to: 10 },
      { date: "2024-04-17", from: 10, to: 20 },
      { date: "2024-06-12", from: 20, to: 29 },
    ];
    for (const s of spring) {
      await meeting(tx, {
        bodyId: ssu,
        title: `SSU-møte${D}`,
        date: s.date,
        time: "09:00",
        end: "14:00",
        location: "Molde sjukehus, møterom 1",
        videoLink: "https://teams.example/ssu",
        published: true,
        items: SSU_2024_EARLIER.slice(s.from, s.to).map((title, i) => ({ title: `${title}${D}`, seq: s.from + i + 1, presenter: "Sekretariatet" })),
      });
    }

    // SSU 12.02.2025 with a demo case decided and fed back.
    if (competence) {
      const handling = "Sekretariatet la fram saka. SSU drøfta behovet for ein felles kompetanseplan på tvers av kommunane og helseføretaket.";
      const decision = "SSU ber sekretariatet utarbeide eit utkast til felles kompetanseplan i samarbeid med FSU-leiarane, til handsaming hausten 2025.";
      const { meeting: m } = await meeting(tx, {
        bodyId: ssu,
        title: `SSU-møte${D}`,
        date: "2025-02-12",
        time: "09:00",
        end: "15:00",
        location: "Ålesund, Moa",
        published: true,
        items: [
          {
            title: `Orientering frå samarbeidssekretariatet${D}`,
            kind: "orientation",
            presenter: "Leiar av sekretariatet",
            slotStart: "09:00",
            durationMinutes: 20,
            decision: "SSU tek orienteringa til vitande.",
          },
          {
            title: competence.title,
            caseId: competence.id,
            seq: 1,
            presenter: "Sekretariatet",
            slotStart: "09:30",
            durationMinutes: 45,
            handling,
            decision,
            task: { what: "Utkast til felles kompetanseplan", responsible: "Sekretariatet", dueDate: "2025-09-01", status: "done" },
          },
        ],
      });
      await moveCase(tx, competence.id, m, "1/25", "ssu", decision);
    }

    // FSU rehabilitering 10.09.2025 with a demo case decided and fed back; its follow-up is overdue.
    if (stroke) {
      const handling = "Saka vart lagd fram av leiar i utvalet. Utvalet drøfta korleis eit felles forløp kan byggje på eksisterande pasientforløp for hjerneslag.";
      const decision = "FSU rehabilitering set ned ei arbeidsgruppe som lagar utkast til felles forløp for rehabilitering etter hjerneslag.";
      const { meeting: m } = await meeting(tx, {
        bodyId: fsuRehab,
        title: `Møte i FSU rehabilitering${D}`,
        date: "2025-09-10",
        time: "12:00",
        end: "15:00",
        videoLink: "https://teams.example/fsu-rehab",
        published: true,
        items: [
          {
            title: stroke.title,
            caseId: stroke.id,
            seq: 1,
            presenter: "Leiar FSU rehabilitering",
            slotStart: "12:15",
            durationMinutes: 60,
            handling,
            decision,
            task: {
              what: "Utkast til felles forløp for rehabilitering etter hjerneslag",
              responsible: "Arbeidsgruppa i FSU rehabilitering",
              dueDate: "2026-03-01",
              status: "in_progress",
            },
          },
        ],
      });
      await moveCase(tx, stroke.id, m, "1/25", "fsu-rehabilitering", decision);
    }

    // Upcoming meetings, a few weeks from today.
    await meeting(tx, {
      bodyId: ssu,
      title: `SSU-møte${D}`,
      date: nextWeekday(now, 3, 14),
      time: "09:00",
      end: "15:00",
      location: "Ålesund, Moa, møterom Sunnmøre",
      videoLink: "https://teams.example/ssu",
      published: false,
      items: [
        { title: `Orientering frå samarbeidssekretariatet${D}`, kind: "orientation", presenter: "Leiar av sekretariatet", slotStart: "09:00", durationMinutes: 20 },
        { title: `Status for handlingsplanane${D}`, kind: "orientation", presenter: "Sekretariatet", slotStart: "09:20", durationMinutes: 40 },
      ],
    });
    await meeting(tx, {
      bodyId: fsuRehab,
      title: `Møte i FSU rehabilitering${D}`,
      date: nextWeekday(now, 4, 10),
      time: "12:00",
      end: "14:00",
      videoLink: "https://teams.example/fsu-rehab",
      published: false,
      items: [{ title: `Status for arbeidsgruppa for hjerneslag${D}`, kind: "orientation", presenter: "Arbeidsgruppa", slotStart: "12:00", durationMinutes: 30 }],
    });
    const barnDate = nextWeekday(now, 2, 21);
    if (childCoordinator) {
      const year = Number(barnDate.slice(0, 4));
      const { meeting: m } = await meeting(tx, {
        bodyId: fsuBarn,
        title: `Møte i FSU barn og unge${D}`,
        date: barnDate,
        time: "10:00",
        end: "13:00",
        location: "Kristiansund sjukehus",
        published: false,
        items: [{ title: childCoordinator.title, caseId: childCoordinator.id, seq: 1, presenter: "KE Ålesund", slotStart: "10:00", durationMinutes: 45 }],
      });
      await moveCase(tx, childCoordinator.id, m, `1/${String(year % 100).padStart(2, "0")}`, "fsu-barn-og-unge", null);
    }
  });
}
