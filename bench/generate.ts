/**
 * Fills a database with a large, realistic history for the benchmark, in set-based SQL (fast on
 * PostgreSQL and PGlite alike). Scale 1 = the "realistic large history": 20,000 cases over
 * ten years (2016–2025) with meetings, agenda items and decisions, and two evaluation rounds a
 * year with full checklists and key figures for every party valid on the round's date.
 * Scale 10 and 100 multiply cases, meetings and rounds. Everything generated is marked BENCH.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { hashPassword } from "../app/services/password.server";

export const BENCH_USER = { email: "bench-sekretariat@example.invalid", password: "bench-passord-123" };

export interface GenerateResult {
  cases: number;
  meetings: number;
  agendaItems: number;
  rounds: number;
  checklists: number;
  answers: number;
  ms: number;
}

export async function generateHistory(db: Db, scale: number): Promise<GenerateResult> {
  const started = Date.now();
  const nCases = Math.round(20_000 * scale);
  const meetingsPerBodyYear = Math.max(1, Math.round(8 * scale));
  // The archive grows with the scale; evaluation stays two rounds a year for ten years (the
  // process does not change with the number of cases), so dashboards show the same plan history.
  const roundsPerYear = 2;

  await db.execute(sql`
    insert into users (email, name, role, password_hash)
    values (${BENCH_USER.email}, 'Benchmark (sekretariat)', 'secretariat', ${await hashPassword(BENCH_USER.password)})
    on conflict (email) do nothing`);

  // Cases: spread over 2016–2025, statuses in realistic proportions, parties and bodies rotating.
  await db.execute(sql`
    with p as (select array_agg(number order by number) a from parties where kind = 'municipality' and (valid_to is null or valid_to >= '2020-01-01')),
         b as (select array_agg(id order by id) a from bodies where kind <> 'secretariat'),
         s as (select array['closed','closed','closed','closed','handled','on_agenda','routed','under_assessment','received','submitted','rejected','withdrawn']::case_status[] a)
    insert into cases (reference, year, seq, status, title, submitter_name, submitter_org, submitter_email, submitter_phone,
                       submitter_date, background, urgency, problem, patient_groups, service_providers, proposal,
                       party_number, body_id, tracking_token_hash, idempotency_key, created_at, updated_at, closed_at, rejection_reason)
    select 'BENCH-' || t.y || '-' || lpad(t.s::text, 7, '0'), t.y, 1000000 + t.s,
           st, 'Benchmark-sak ' || t.g || ': ' || (array['utskriving frå sjukehus','legemiddelsamstemming','rehabilitering etter hjerneslag','barn og unge med samansette behov','psykisk helse og rus','elektroniske meldingar','koordinator og individuell plan','ambulante tenester'])[1 + t.g % 8],
           'Benchmark melder', 'Benchmark-eining', 'bench' || t.g || '@example.invalid', '',
           make_date(t.y, 1 + t.g % 12, 1 + t.g % 28),
           'Samhandlinga mellom kommunen og helseføretaket fungerer ikkje godt nok når pasientar blir skrivne ut. Samarbeidsavtalen punkt ' || (1 + t.g % 12) || ' gjeld.',
           (array['low','normal','normal','high']::urgency[])[1 + t.g % 4],
           'Uklar ansvarsdeling og manglande informasjon ved overgangar.',
           'Eldre med samansette behov', 'Heimetenesta, fastlege, sjukehuset',
           'Felles rutine og opplæring.',
           p.a[1 + t.g % array_length(p.a, 1)],
           case when st in ('submitted','received','under_assessment','rejected','withdrawn') then null else b.a[1 + t.g % array_length(b.a, 1)] end,
           md5('bench-token-' || t.g), 'bench-' || t.g,
           make_timestamptz(t.y, 1 + t.g % 12, 1 + t.g % 28, 9, 0, 0, 'Europe/Oslo'),
           make_timestamptz(t.y, 1 + t.g % 12, 1 + t.g % 28, 9, 0, 0, 'Europe/Oslo'),
           case when st = 'closed' then make_timestamptz(t.y, 1 + t.g % 12, 1 + t.g % 28, 15, 0, 0, 'Europe/Oslo') end,
           case when st = 'rejected' then 'Saka høyrer ikkje under helsefellesskapet.' end
    from (select g, 2016 + g % 10 as y, g / 10 as s from generate_series(1, ${nCases}) g) t, p, b, s,
         lateral (select s.a[1 + (t.g * 7) % 12] as st) x
    on conflict do nothing`);

  // Meetings: per body, per year, spread over the year.
  await db.execute(sql`
    insert into meetings (body_id, title, starts_at, location, status, minutes_status, minutes_published_at)
    select b.id, 'BENCH-' || k, make_timestamptz(y, 1 + (k * 11 / ${meetingsPerBodyYear}) % 12, 10, 9, 0, 0, 'Europe/Oslo'), 'Molde', 'held', 'published',
           make_timestamptz(y, 1 + (k * 11 / ${meetingsPerBodyYear}) % 12, 20, 9, 0, 0, 'Europe/Oslo')
    from bodies b, generate_series(2016, 2025) y, generate_series(0, ${meetingsPerBodyYear - 1}) k
    where b.kind <> 'secretariat'`);

  // Agenda items with the body's case number, handling and decision for cases that reached a meeting.
  await db.execute(sql`
    insert into agenda_items (meeting_id, body_id, position, kind, case_id, title, body_case_year, body_case_seq, handling, decision, outcome)
    select m.id, c.body_id, row_number() over (partition by m.id order by c.seq), 'case', c.id, c.title,
           c.year % 100, 100000 + row_number() over (partition by c.body_id, c.year order by c.seq),
           'Saka vart drøfta. Utvalet viste til samarbeidsavtalen.', 'Utvalet sluttar seg til forslaget og ber sekretariatet følgje opp.',
           case when c.status = 'on_agenda' then 'pending' else 'decided' end::agenda_outcome
    from cases c
    join meetings m on m.body_id = c.body_id and m.title = 'BENCH-' || (c.seq % ${meetingsPerBodyYear})
                   and extract(year from m.starts_at at time zone 'Europe/Oslo') = c.year
    where c.reference like 'BENCH-%' and c.status in ('on_agenda','handled','closed')`);

  // Evaluation rounds on the 2017–2020 plan: roundsPerYear a year for ten years, all closed.
  await db.execute(sql`
    insert into evaluation_rounds (plan_id, title, description, reference_date, deadline, status, reminder_days_before)
    select p.id, 'BENCH-runde ' || y || '-' || k, '(benchmarkdata)', make_date(y, 1 + (k * 12 / ${roundsPerYear}) % 12, 1),
           make_date(y, 1 + (k * 12 / ${roundsPerYear}) % 12, 1) + 30, 'closed', 7
    from plans p, generate_series(2016, 2025) y, generate_series(0, ${roundsPerYear - 1}) k
    where p.slug = 'ke-ip-koordinator-2017-2020'
    on conflict do nothing`);

  // One submitted checklist per round and party valid on the round's date (and the trust).
  await db.execute(sql`
    insert into checklists (round_id, party_number, status, submitted_at, updated_at, version)
    select r.id, pa.number, 'submitted', r.deadline::timestamptz, r.deadline::timestamptz, 2
    from evaluation_rounds r
    join parties pa on pa.valid_from <= r.reference_date and (pa.valid_to is null or pa.valid_to >= r.reference_date)
    where r.title like 'BENCH-%'
    on conflict do nothing`);

  await db.execute(sql`
    insert into checklist_answers (checklist_id, measure_id, status, comment)
    select c.id, m.id,
           (array['ikkje_starta','planlagt','i_gang','i_gang','gjennomfort','gjennomfort','ikkje_aktuelt']::checklist_answer_status[])[1 + (c.id * 31 + m.id * 7) % 7],
           'Benchmark-kommentar'
    from checklists c
    join evaluation_rounds r on r.id = c.round_id and r.title like 'BENCH-%'
    join measures m on m.plan_id = r.plan_id
    on conflict do nothing`);

  await db.execute(sql`
    insert into checklist_key_figures (checklist_id, coordinators, individual_plans, child_coordinators, cooperation_meetings, coordination_meetings, ke_placement, ke_on_website)
    select c.id, 5 + c.id % 40, 10 + c.id % 120, c.id % 9, 20 + c.id % 200, 15 + c.id % 150, 'Tildelingskontoret', c.id % 3 <> 0
    from checklists c join evaluation_rounds r on r.id = c.round_id and r.title like 'BENCH-%'
    on conflict do nothing`);

  const count = async (q: string) => {
    const res = await db.execute(sql.raw(q));
    const rows = Array.isArray(res) ? res : (res as { rows: unknown[] }).rows;
    return Number((rows[0] as { n: number | string }).n);
  };
  // As the app's job would have done by now: fold the per-status count rows the trigger added.
  await db.execute(sql`
    with folded as (delete from case_status_counts returning status, n)
    insert into case_status_counts (status, n) select status, sum(n)::int from folded group by status having sum(n) <> 0`);
  // As autovacuum would have done by now: visibility map (index-only scans) and statistics.
  await db.execute(sql`vacuum analyze`);
  return {
    cases: await count(`select count(*) n from cases where reference like 'BENCH-%'`),
    meetings: await count(`select count(*) n from meetings where title like 'BENCH-%'`),
    agendaItems: await count(`select count(*) n from agenda_items a join meetings m on m.id = a.meeting_id where m.title like 'BENCH-%'`),
    rounds: await count(`select count(*) n from evaluation_rounds where title like 'BENCH-%'`),
    checklists: await count(`select count(*) n from checklists c join evaluation_rounds r on r.id = c.round_id where r.title like 'BENCH-%'`),
    answers: await count(
      `select count(*) n from checklist_answers a join checklists c on c.id = a.checklist_id join evaluation_rounds r on r.id = c.round_id where r.title like 'BENCH-%'`,
    ),
    ms: Date.now() - started,
  };
}
