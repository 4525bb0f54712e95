/**
 * The sections of Mi side: one per list, each with a heading and a count, a plain sentence when
 * the list is empty, the items (a direct link each) and a link to the full list where there is one.
 * Dates arrive as Oslo dates (YYYY-MM-DD) and clock times; they are written in the reader's language.
 */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import "~/i18n/my-page";
import { formatDate } from "~/i18n/dates";
import { useTranslation } from "~/i18n/react";
import type { Lang } from "~/i18n";
import type { MyWorkSection } from "~/models/my-page.server";

type SectionOf<Id extends MyWorkSection["id"]> = Extract<MyWorkSection, { id: Id }>;

export function MyWorkSections({ sections, lang }: { sections: MyWorkSection[]; lang: Lang }) {
  const { t } = useTranslation("my-page");
  if (sections.length === 0) return <p className="ds-paragraph">{t("nothing")}</p>;
  return (
    <>
      {sections.map((s) => (
        <SectionBlock key={s.id} section={s} lang={lang} />
      ))}
    </>
  );
}

function SectionBlock({ section, lang }: { section: MyWorkSection; lang: Lang }) {
  const { t } = useTranslation("my-page");
  const title = t(`sections.${section.id}.title`);
  const headingId = `mi-side-${section.id}`;
  return (
    <section className="page-section" aria-labelledby={headingId} data-section={section.id}>
      <h2 className="ds-heading" data-size="sm" id={headingId}>
        {title} ({section.count})
      </h2>
      {section.count === 0 ? <p className="ds-paragraph">{t(`sections.${section.id}.empty`)}</p> : <ul className="ds-list">{items(section, lang)}</ul>}
      {section.count > section.items.length ? (
        <p className="ds-paragraph" data-size="sm">
          {t("showing", { shown: section.items.length, count: section.count })}
        </p>
      ) : null}
      {section.showAll && section.count > 0 ? (
        <p className="ds-paragraph" data-size="sm">
          <Link to={section.showAll} className="ds-link">
            {t("showAll")}
            <span className="visually-hidden">: {title}</span>
          </Link>
        </p>
      ) : null}
    </section>
  );
}

function Item({ href, label, children }: { href: string; label: ReactNode; children?: ReactNode }) {
  return (
    <li>
      <Link to={href} className="ds-link">
        {label}
      </Link>
      {children ? (
        <>
          <br />
          <span className="ds-paragraph" data-size="sm">
            {children}
          </span>
        </>
      ) : null}
    </li>
  );
}

function items(section: MyWorkSection, lang: Lang): ReactNode {
  switch (section.id) {
    case "newCases":
      return <NewCases section={section} lang={lang} />;
    case "awaitingAdvice":
    case "forAssessment":
      return <Assessment section={section} lang={lang} />;
    case "advised":
      return <Advised section={section} lang={lang} />;
    case "routed":
      return <Routed section={section} lang={lang} />;
    case "meetings":
      return <Meetings section={section} lang={lang} />;
    case "overdueTasks":
      return <OverdueTasks section={section} lang={lang} />;
    case "rounds":
      return <Rounds section={section} lang={lang} />;
    case "nextMeetings":
      return <NextMeetings section={section} lang={lang} />;
    case "myTasks":
      return <MyTasks section={section} lang={lang} />;
    case "checklists":
      return <Checklists section={section} lang={lang} />;
    case "invitations":
      return <Invitations section={section} lang={lang} />;
  }
}

type Props<Id extends MyWorkSection["id"]> = { section: SectionOf<Id>; lang: Lang };

function Urgent({ urgency }: { urgency: string }) {
  const { t } = useTranslation("my-page");
  return urgency === "high" ? (
    <>
      {" "}
      <span className="ds-tag" data-color="danger">
        {t("urgencyHigh")}
      </span>
    </>
  ) : null;
}

function NewCases({ section, lang }: Props<"newCases">) {
  const { t } = useTranslation("my-page");
  return section.items.map((c) => (
    <Item key={c.id} href={c.href} label={`${c.reference} ${c.title}`}>
      {t("sections.newCases.meta", { date: formatDate(c.received, lang) })} · {c.ageDays === 0 ? t("sections.newCases.today") : t("sections.newCases.age", { count: c.ageDays })}
      <Urgent urgency={c.urgency} />
    </Item>
  ));
}

function Assessment({ section, lang }: Props<"awaitingAdvice" | "forAssessment">) {
  const { t } = useTranslation("my-page");
  return section.items.map((c) => (
    <Item key={c.id} href={c.href} label={`${c.reference} ${c.title}`}>
      {c.sentOn ? t(`sections.${section.id}.meta`, { date: formatDate(c.sentOn, lang) }) : t(`sections.${section.id}.unknown`)}
      <Urgent urgency={c.urgency} />
    </Item>
  ));
}

function Advised({ section, lang }: Props<"advised">) {
  const { t } = useTranslation("my-page");
  return section.items.map((c) => (
    <Item key={c.id} href={c.href} label={`${c.reference} ${c.title}`}>
      {t("sections.advised.meta", { date: formatDate(c.advisedOn, lang), recommendation: t(`sections.advised.recommendation.${c.recommendation}`) })}
      <Urgent urgency={c.urgency} />
    </Item>
  ));
}

function Routed({ section, lang }: Props<"routed">) {
  const { t } = useTranslation("my-page");
  return section.items.map((c) => (
    <Item key={c.id} href={c.href} label={`${c.reference} ${c.title}`}>
      {t("sections.routed.meta", { body: c.body ?? "–", date: formatDate(c.routedOn, lang) })}
      <Urgent urgency={c.urgency} />
    </Item>
  ));
}

function Meetings({ section, lang }: Props<"meetings">) {
  const { t } = useTranslation("my-page");
  return section.items.map((m) => (
    <Item key={m.id} href={m.href} label={m.title || m.body}>
      {t("sections.meetings.meta", { date: formatDate(m.date, lang), time: m.time, body: m.body })} ·{" "}
      <span className="ds-tag" data-color="warning">
        {t(`sections.meetings.${m.need}`)}
      </span>
    </Item>
  ));
}

function OverdueTasks({ section, lang }: Props<"overdueTasks">) {
  const { t } = useTranslation("my-page");
  return section.items.map((task) => (
    <Item key={task.id} href={task.href} label={task.what}>
      {t("sections.overdueTasks.meta", { date: task.dueDate ? formatDate(task.dueDate, lang) : "–", body: task.body, item: task.itemTitle })}
    </Item>
  ));
}

function Rounds({ section, lang }: Props<"rounds">) {
  const { t } = useTranslation("my-page");
  return section.items.map((r) => (
    <Item key={r.id} href={r.href} label={r.title}>
      {t("sections.rounds.meta", { date: formatDate(r.deadline, lang), missing: r.missing, parties: r.parties })}
      {r.deadlinePassed ? (
        <>
          {" "}
          <span className="ds-tag" data-color="danger">
            {t("sections.rounds.passed")}
          </span>
        </>
      ) : null}
    </Item>
  ));
}

function NextMeetings({ section, lang }: Props<"nextMeetings">) {
  const { t } = useTranslation("my-page");
  return section.items.map((m) => (
    <Item key={m.id} href={m.href} label={m.title || m.body}>
      {t("sections.nextMeetings.meta", { date: formatDate(m.date, lang), time: m.time, body: m.body })} ·{" "}
      {m.agendaItems > 0 ? t("sections.nextMeetings.items", { count: m.agendaItems }) : t("sections.nextMeetings.noItems")}
      {m.agendaPdf ? (
        <>
          {" · "}
          <a href={m.agendaPdf} className="ds-link">
            {t("sections.nextMeetings.agendaPdf")}
            <span className="visually-hidden">: {m.title || m.body}</span>
          </a>
        </>
      ) : null}
    </Item>
  ));
}

function MyTasks({ section, lang }: Props<"myTasks">) {
  const { t } = useTranslation("my-page");
  return section.items.map((task) => (
    <Item key={task.id} href={task.href} label={task.what}>
      {task.dueDate ? t("sections.myTasks.meta", { date: formatDate(task.dueDate, lang), body: task.body }) : t("sections.myTasks.noDue", { body: task.body })} · {task.itemTitle}
      {task.overdue ? (
        <>
          {" "}
          <span className="ds-tag" data-color="danger">
            {t("sections.myTasks.overdue")}
          </span>
        </>
      ) : null}
    </Item>
  ));
}

function Checklists({ section, lang }: Props<"checklists">) {
  const { t } = useTranslation("my-page");
  return section.items.map((c) => (
    <Item key={c.id} href={c.href} label={`${c.roundTitle} – ${c.partyName}`}>
      {t("sections.checklists.meta", { date: formatDate(c.deadline, lang), answered: c.answered, total: c.measures })} ·{" "}
      <span className="ds-tag" data-color={c.started ? "warning" : "neutral"}>
        {c.started ? t("sections.checklists.draft") : t("sections.checklists.notStarted")}
      </span>
    </Item>
  ));
}

function Invitations({ section, lang }: Props<"invitations">) {
  const { t } = useTranslation("my-page");
  return section.items.map((i) => (
    <Item key={i.id} href={i.href} label={i.name}>
      {t("sections.invitations.meta", { date: formatDate(i.expiresOn, lang), time: i.expiresAt })}
    </Item>
  ));
}
