/** Knowledge pages (/kunnskap) and the public search (/sok). */
import { registerMessages } from "./index";
const nn = {
  index: {
    title: "Kunnskap",
    intro: "Retningslinja for saker, handlingsplanen for KE, IP og koordinator, lovverket om koordinerte tenester, personvern og tilgjengelegheit.",
    lastReviewed: "Sist gjennomgått {{date}}",
    onlyNynorsk: "Berre på nynorsk",
  },
  page: {
    toc: "Innhald på sida",
    lastReviewed: "Sist gjennomgått",
    sources: "Kjeldedokument",
    fallback: "Denne sida finst berre på nynorsk.",
    backToList: "Alle kunnskapssidene",
  },
  sources: {
    "000": "Presentasjon av handlingsplanen for KE, IP og koordinator, koordinerande eining i Helse Møre og Romsdal HF (2018)",
    "001": "Presentasjon av handlingsplanen for KE, IP og koordinator 2017–2020, koordinerande eining i Sykkylven kommune og i Helse Møre og Romsdal HF",
    "002": "Retningslinje for innmelding og handsaming av saker til Helsefellesskap Møre og Romsdal",
    "003": "Handbok for koordinerte tenester, Ålesund kommune",
    "004": "Koordinering, KE og IP – presentasjon frå Statsforvaltaren i Møre og Romsdal (16. oktober 2024)",
  },
  externalLink: "(ekstern lenke)",
  search: {
    title: "Søk",
    intro: "Søk i kunnskapssidene og i offentlege saker.",
    label: "Søkjeord",
    description: "Skriv eitt eller fleire ord. Vi viser sider og saker som inneheld alle orda.",
    submit: "Søk",
    tooLong: "Søket er for langt. Bruk færre ord.",
    knowledgeHeading: "Kunnskapssider",
    casesHeading: "Saker",
    resultCount_one: "{{count}} treff",
    resultCount_other: "{{count}} treff",
    noKnowledge: "Ingen kunnskapssider passar med søket.",
    noCases: "Ingen offentlege saker passar med søket.",
    allCases: "Sjå alle {{count}} sakene i sakslista",
    empty: "Skriv eit søkjeord for å søkje.",
    resultsFor: "Resultat for «{{q}}»",
  },
} as const;

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

const nb: Messages<typeof nn> = {
  index: {
    title: "Kunnskap",
    intro: "Retningslinjen for saker, handlingsplanen for KE, IP og koordinator, lovverket om koordinerte tjenester, personvern og tilgjengelighet.",
    lastReviewed: "Sist gjennomgått {{date}}",
    onlyNynorsk: "Bare på nynorsk",
  },
  page: {
    toc: "Innhold på siden",
    lastReviewed: "Sist gjennomgått",
    sources: "Kildedokumenter",
    fallback: "Denne siden finnes bare på nynorsk.",
    backToList: "Alle kunnskapssidene",
  },
  sources: {
    "000": "Presentasjon av handlingsplanen for KE, IP og koordinator, koordinerende enhet i Helse Møre og Romsdal HF (2018)",
    "001": "Presentasjon av handlingsplanen for KE, IP og koordinator 2017–2020, koordinerende enhet i Sykkylven kommune og i Helse Møre og Romsdal HF",
    "002": "Retningslinje for innmelding og behandling av saker til Helsefellesskap Møre og Romsdal",
    "003": "Håndbok for koordinerte tjenester, Ålesund kommune",
    "004": "Koordinering, KE og IP – presentasjon fra Statsforvalteren i Møre og Romsdal (16. oktober 2024)",
  },
  externalLink: "(ekstern lenke)",
  search: {
    title: "Søk",
    intro: "Søk i kunnskapssidene og i offentlige saker.",
    label: "Søkeord",
    description: "Skriv ett eller flere ord. Vi viser sider og saker som inneholder alle ordene.",
    submit: "Søk",
    tooLong: "Søket er for langt. Bruk færre ord.",
    knowledgeHeading: "Kunnskapssider",
    casesHeading: "Saker",
    resultCount_one: "{{count}} treff",
    resultCount_other: "{{count}} treff",
    noKnowledge: "Ingen kunnskapssider passer med søket.",
    noCases: "Ingen offentlige saker passer med søket.",
    allCases: "Se alle {{count}} sakene i sakslisten",
    empty: "Skriv et søkeord for å søke.",
    resultsFor: "Resultater for «{{q}}»",
  },
};

const en: Messages<typeof nn> = {
  index: {
    title: "Knowledge",
    intro: "The guideline for cases, the action plan for coordinating units, individual plans and coordinators, the law on coordinated services, privacy and accessibility.",
    lastReviewed: "Last reviewed {{date}}",
    onlyNynorsk: "Only in Nynorsk",
  },
  page: {
    toc: "On this page",
    lastReviewed: "Last reviewed",
    sources: "Source documents",
    fallback: "This page is only available in Nynorsk.",
    backToList: "All knowledge pages",
  },
  sources: {
    "000": "Presentation of the action plan for coordinating units, individual plans and coordinators, coordinating unit of Helse Møre og Romsdal HF (2018)",
    "001": "Presentation of the action plan 2017–2020, coordinating units of Sykkylven municipality and Helse Møre og Romsdal HF",
    "002": "Guideline for submitting and handling cases in Helsefellesskap Møre og Romsdal",
    "003": "Handbook for coordinated services, Ålesund municipality",
    "004": "Coordination, coordinating units and individual plans – presentation by the County Governor of Møre og Romsdal (16 October 2024)",
  },
  externalLink: "(external link)",
  search: {
    title: "Search",
    intro: "Search the knowledge pages and public cases.",
    label: "Search terms",
    description: "Enter one or more words. We show pages and cases that contain all the words.",
    submit: "Search",
    tooLong: "The search is too long. Use fewer words.",
    knowledgeHeading: "Knowledge pages",
    casesHeading: "Cases",
    resultCount_one: "{{count}} result",
    resultCount_other: "{{count}} results",
    noKnowledge: "No knowledge pages match the search.",
    noCases: "No public cases match the search.",
    allCases: "See all {{count}} cases in the case list",
    empty: "Enter a search term to search.",
    resultsFor: "Results for “{{q}}”",
  },
};

const messages = { nn, nb, en };
// Registers itself: a page that uses this namespace imports this file (tests/unit/i18n-imports.test.ts).
registerMessages("knowledge", messages);
export default messages;
