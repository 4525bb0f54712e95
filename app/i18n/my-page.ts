/** Mi side (/mi-side): each person's own work, by role and membership (issue 14). */
import { registerMessages } from "./index";
const nn = {
  title: "Mi side",
  intro: "Det som ventar på deg no, det som hastar mest først.",
  preferences: "Varselinnstillingar",
  nothing: "Du har ingen arbeidslister her.",
  showAll: "Vis alle",
  showing: "Viser dei {{shown}} første av {{count}}.",
  urgencyHigh: "Hastar",
  sections: {
    newCases: {
      title: "Nye saker som ikkje er mottekne",
      empty: "Ingen nye saker.",
      meta: "Kom inn {{date}}",
      age_one: "{{count}} dag gammal",
      age_other: "{{count}} dagar gammal",
      today: "kom i dag",
    },
    awaitingAdvice: {
      title: "Saker som ventar på tilråding frå leiar og nestleiar i SSU",
      empty: "Ingen saker ventar på tilråding.",
      meta: "Send til vurdering {{date}}",
      unknown: "Send til vurdering (dato ukjend)",
    },
    forAssessment: {
      title: "Saker til vurdering hos deg",
      empty: "Ingen saker ventar på vurderinga di.",
      meta: "Send til deg {{date}}",
      unknown: "Send til deg (dato ukjend)",
    },
    advised: {
      title: "Saker med tilråding som ventar på avgjerd",
      empty: "Ingen tilrådingar ventar på avgjerd.",
      meta: "Tilråding {{date}}: {{recommendation}}",
      recommendation: { route: "send til utval", reject: "avvis", ask_info: "be om meir informasjon" },
    },
    routed: {
      title: "Fordelte saker som ikkje står på ei saksliste",
      empty: "Ingen fordelte saker ventar på ei saksliste.",
      meta: "Fordelt til {{body}} {{date}}",
    },
    meetings: {
      title: "Møte utan saksliste eller med referat som ikkje er publisert",
      empty: "Ingen møte ventar på saksliste eller referat.",
      meta: "{{date}} kl. {{time}} · {{body}}",
      agenda: "Ingen saker på sakslista enno",
      minutes: "Referatet er ikkje publisert",
    },
    overdueTasks: {
      title: "Oppfølgingsoppgåver på overtid",
      empty: "Ingen oppgåver på overtid.",
      meta: "Frist {{date}} · {{body}} · {{item}}",
    },
    rounds: {
      title: "Evalueringsrundar med partar som ikkje har sendt inn",
      empty: "Ingen rundar nær fristen manglar svar.",
      meta: "Frist {{date}} · {{missing}} av {{parties}} partar har ikkje sendt inn",
      passed: "Fristen er ute",
    },
    nextMeetings: {
      title: "Neste møte i utvala dine",
      empty: "Ingen møte er planlagde i utvala dine.",
      meta: "{{date}} kl. {{time}} · {{body}}",
      items_one: "{{count}} sak på sakslista",
      items_other: "{{count}} saker på sakslista",
      noItems: "Sakslista er tom enno",
      agendaPdf: "Sakslista som PDF",
    },
    myTasks: {
      title: "Oppfølgingsoppgåvene dine",
      empty: "Du har ingen opne oppfølgingsoppgåver.",
      meta: "Frist {{date}} · {{body}}",
      noDue: "Utan frist · {{body}}",
      overdue: "På overtid",
    },
    checklists: {
      title: "Sjekklistene dine",
      empty: "Du har ingen opne sjekklister.",
      meta: "Frist {{date}} · {{answered}} av {{total}} tiltak svara",
      notStarted: "Ikkje starta",
      draft: "Utkast",
    },
    invitations: {
      title: "Ventande invitasjonar",
      empty: "Ingen invitasjonar ventar.",
      meta: "Gyldig til {{date}} kl. {{time}}",
    },
  },
};

type Messages = typeof nn;

const nb: Messages = {
  title: "Min side",
  intro: "Det som venter på deg nå, det som haster mest først.",
  preferences: "Varslingsinnstillinger",
  nothing: "Du har ingen arbeidslister her.",
  showAll: "Vis alle",
  showing: "Viser de {{shown}} første av {{count}}.",
  urgencyHigh: "Haster",
  sections: {
    newCases: {
      title: "Nye saker som ikke er mottatt",
      empty: "Ingen nye saker.",
      meta: "Kom inn {{date}}",
      age_one: "{{count}} dag gammel",
      age_other: "{{count}} dager gammel",
      today: "kom i dag",
    },
    awaitingAdvice: {
      title: "Saker som venter på tilrådning fra leder og nestleder i SSU",
      empty: "Ingen saker venter på tilrådning.",
      meta: "Sendt til vurdering {{date}}",
      unknown: "Sendt til vurdering (dato ukjent)",
    },
    forAssessment: {
      title: "Saker til vurdering hos deg",
      empty: "Ingen saker venter på din vurdering.",
      meta: "Sendt til deg {{date}}",
      unknown: "Sendt til deg (dato ukjent)",
    },
    advised: {
      title: "Saker med tilrådning som venter på avgjørelse",
      empty: "Ingen tilrådninger venter på avgjørelse.",
      meta: "Tilrådning {{date}}: {{recommendation}}",
      recommendation: { route: "send til utvalg", reject: "avvis", ask_info: "be om mer informasjon" },
    },
    routed: {
      title: "Fordelte saker som ikke står på en saksliste",
      empty: "Ingen fordelte saker venter på en saksliste.",
      meta: "Fordelt til {{body}} {{date}}",
    },
    meetings: {
      title: "Møter uten saksliste eller med referat som ikke er publisert",
      empty: "Ingen møter venter på saksliste eller referat.",
      meta: "{{date}} kl. {{time}} · {{body}}",
      agenda: "Ingen saker på sakslisten ennå",
      minutes: "Referatet er ikke publisert",
    },
    overdueTasks: {
      title: "Oppfølgingsoppgaver på overtid",
      empty: "Ingen oppgaver på overtid.",
      meta: "Frist {{date}} · {{body}} · {{item}}",
    },
    rounds: {
      title: "Evalueringsrunder med parter som ikke har sendt inn",
      empty: "Ingen runder nær fristen mangler svar.",
      meta: "Frist {{date}} · {{missing}} av {{parties}} parter har ikke sendt inn",
      passed: "Fristen er ute",
    },
    nextMeetings: {
      title: "Neste møter i utvalgene dine",
      empty: "Ingen møter er planlagt i utvalgene dine.",
      meta: "{{date}} kl. {{time}} · {{body}}",
      items_one: "{{count}} sak på sakslisten",
      items_other: "{{count}} saker på sakslisten",
      noItems: "Sakslisten er tom ennå",
      agendaPdf: "Sakslisten som PDF",
    },
    myTasks: {
      title: "Oppfølgingsoppgavene dine",
      empty: "Du har ingen åpne oppfølgingsoppgaver.",
      meta: "Frist {{date}} · {{body}}",
      noDue: "Uten frist · {{body}}",
      overdue: "På overtid",
    },
    checklists: {
      title: "Sjekklistene dine",
      empty: "Du har ingen åpne sjekklister.",
      meta: "Frist {{date}} · {{answered}} av {{total}} tiltak besvart",
      notStarted: "Ikke startet",
      draft: "Utkast",
    },
    invitations: {
      title: "Ventende invitasjoner",
      empty: "Ingen invitasjoner venter.",
      meta: "Gyldig til {{date}} kl. {{time}}",
    },
  },
};

const en: Messages = {
  title: "My page",
  intro: "What is waiting for you now, the most urgent first.",
  preferences: "Notification settings",
  nothing: "You have no work lists here.",
  showAll: "Show all",
  showing: "Showing the first {{shown}} of {{count}}.",
  urgencyHigh: "Urgent",
  sections: {
    newCases: {
      title: "New cases not yet received",
      empty: "No new cases.",
      meta: "Submitted {{date}}",
      age_one: "{{count}} day old",
      age_other: "{{count}} days old",
      today: "came in today",
    },
    awaitingAdvice: {
      title: "Cases waiting for the advice of the SSU leader and deputy leader",
      empty: "No cases are waiting for advice.",
      meta: "Sent for assessment {{date}}",
      unknown: "Sent for assessment (date unknown)",
    },
    forAssessment: {
      title: "Cases for your assessment",
      empty: "No cases are waiting for your assessment.",
      meta: "Sent to you {{date}}",
      unknown: "Sent to you (date unknown)",
    },
    advised: {
      title: "Cases with advice waiting for a decision",
      empty: "No advice is waiting for a decision.",
      meta: "Advice {{date}}: {{recommendation}}",
      recommendation: { route: "send to a body", reject: "reject", ask_info: "ask for more information" },
    },
    routed: {
      title: "Routed cases not on an agenda",
      empty: "No routed cases are waiting for an agenda.",
      meta: "Routed to {{body}} {{date}}",
    },
    meetings: {
      title: "Meetings without an agenda or with unpublished minutes",
      empty: "No meetings are waiting for an agenda or minutes.",
      meta: "{{date}} at {{time}} · {{body}}",
      agenda: "No items on the agenda yet",
      minutes: "The minutes are not published",
    },
    overdueTasks: {
      title: "Overdue follow-up tasks",
      empty: "No overdue tasks.",
      meta: "Due {{date}} · {{body}} · {{item}}",
    },
    rounds: {
      title: "Evaluation rounds with parties that have not submitted",
      empty: "No round near its deadline is missing answers.",
      meta: "Deadline {{date}} · {{missing}} of {{parties}} parties have not submitted",
      passed: "The deadline has passed",
    },
    nextMeetings: {
      title: "Next meetings of your committees",
      empty: "No meetings are planned in your committees.",
      meta: "{{date}} at {{time}} · {{body}}",
      items_one: "{{count}} item on the agenda",
      items_other: "{{count}} items on the agenda",
      noItems: "The agenda is empty so far",
      agendaPdf: "The agenda as PDF",
    },
    myTasks: {
      title: "Your follow-up tasks",
      empty: "You have no open follow-up tasks.",
      meta: "Due {{date}} · {{body}}",
      noDue: "No due date · {{body}}",
      overdue: "Overdue",
    },
    checklists: {
      title: "Your checklists",
      empty: "You have no open checklists.",
      meta: "Deadline {{date}} · {{answered}} of {{total}} measures answered",
      notStarted: "Not started",
      draft: "Draft",
    },
    invitations: {
      title: "Pending invitations",
      empty: "No invitations are pending.",
      meta: "Valid until {{date}} at {{time}}",
    },
  },
};

const messages = { nn, nb, en };
// Registers itself: a page that uses this namespace imports this file (tests/unit/i18n-imports.test.ts).
registerMessages("my-page", messages);
export default messages;
