/** Notices at the hand-overs: the choices at /mi-side/varsel (app/models/notices.server.ts). */
import { registerMessages } from "./index";
const nn = {
  settings: {
    title: "Varsel",
    intro: "Vel korleis du vil bli varsla når noko ventar på deg. «Dagleg samandrag» samlar varsla i éin e-post kvar morgon klokka 07.00.",
    none: "Rolla di gir ingen varsel å velje mellom.",
    save: "Lagre",
    saved: "Vala dine er lagra.",
    errorSummary: "Vala kunne ikkje lagrast",
    back: "Tilbake til Mi side",
  },
  kinds: {
    case_submitted: "Ei ny sak er meld inn",
    case_assessment: "Ei sak er send til deg for vurdering (tilråding)",
    case_advice: "Leiar eller nestleiar i SSU har gitt ei tilråding",
    case_answer: "Innsendaren har svart på spørsmål om ei sak",
    case_routed: "Ei sak er send til eller sett på sakslista i utvalet du er sekretær for",
    checklist_submitted: "Ei sjekkliste er send inn",
    follow_up: "Ei oppfølgingsoppgåve er gitt deg eller har gått over fristen",
  },
  modes: { instant: "Med ein gong", digest: "Dagleg samandrag", off: "Av" },
  errors: {
    lastReceiver: "Du er den siste i sekretariatet som får varsel om nye saker. Nokon andre må få dei før du kan slå dei av.",
    modeInvalid: "Vel eitt av vala.",
  },
};
const nb: typeof nn = {
  settings: {
    title: "Varsler",
    intro: "Velg hvordan du vil bli varslet når noe venter på deg. «Daglig sammendrag» samler varslene i én e-post hver morgen klokken 07.00.",
    none: "Rollen din gir ingen varsler å velge mellom.",
    save: "Lagre",
    saved: "Valgene dine er lagret.",
    errorSummary: "Valgene kunne ikke lagres",
    back: "Tilbake til Min side",
  },
  kinds: {
    case_submitted: "En ny sak er meldt inn",
    case_assessment: "En sak er sendt til deg for vurdering (tilrådning)",
    case_advice: "Leder eller nestleder i SSU har gitt en tilrådning",
    case_answer: "Innsenderen har svart på spørsmål om en sak",
    case_routed: "En sak er sendt til eller satt på sakslisten i utvalget du er sekretær for",
    checklist_submitted: "En sjekkliste er sendt inn",
    follow_up: "En oppfølgingsoppgave er gitt deg eller har gått over fristen",
  },
  modes: { instant: "Med en gang", digest: "Daglig sammendrag", off: "Av" },
  errors: {
    lastReceiver: "Du er den siste i sekretariatet som får varsel om nye saker. Noen andre må få dem før du kan slå dem av.",
    modeInvalid: "Velg ett av valgene.",
  },
};
const en: typeof nn = {
  settings: {
    title: "Notifications",
    intro: "Choose how you are told when something is waiting for you. “Daily digest” collects the notifications in one e-mail every morning at 07:00.",
    none: "Your role has no notifications to choose from.",
    save: "Save",
    saved: "Your choices have been saved.",
    errorSummary: "The choices could not be saved",
    back: "Back to My page",
  },
  kinds: {
    case_submitted: "A new case has been submitted",
    case_assessment: "A case has been sent to you for assessment (advice)",
    case_advice: "The SSU leader or deputy has given advice",
    case_answer: "The submitter has answered a question about a case",
    case_routed: "A case has been sent to or put on the agenda of the body you are secretary of",
    checklist_submitted: "A checklist has been submitted",
    follow_up: "A follow-up task has been given to you or is past its deadline",
  },
  modes: { instant: "At once", digest: "Daily digest", off: "Off" },
  errors: {
    lastReceiver: "You are the last member of the secretariat who receives notices of new cases. Someone else must receive them before you can turn them off.",
    modeInvalid: "Choose one of the options.",
  },
};

const messages = { nn, nb, en };
// Registers itself: a page that uses this namespace imports this file (tests/unit/i18n-imports.test.ts).
registerMessages("notices", messages);
export default messages;
