/**
 * Agenda (saksliste) and minutes (referat) as PDF, generated on the server with pdfkit. The
 * built-in Helvetica with WinAnsi encoding covers æ, ø, å and the dashes and quotes we use; the
 * document carries title, author, subject and language metadata.
 */
import PDFDocument from "pdfkit";
import { osloParts } from "~/services/oslo-time";
import type { getMeeting } from "./meetings.server";

type MeetingData = Awaited<ReturnType<typeof getMeeting>>;

const dateText = (d: Date) => osloParts(d).date.split("-").reverse().join(".");

function render(build: (doc: PDFKit.PDFDocument) => void, info: { title: string; subject: string }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: "A4",
      margin: 56,
      lang: "nn-NO",
      displayTitle: true,
      info: { Title: info.title, Author: "Helsefellesskap Møre og Romsdal", Subject: info.subject, Creator: "Helsefellesskap Møre og Romsdal" },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      build(doc);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

function header(doc: PDFKit.PDFDocument, data: MeetingData, heading: string) {
  const { meeting, body } = data;
  const start = osloParts(meeting.startsAt);
  const end = meeting.endsAt ? osloParts(meeting.endsAt).time : "";
  doc.font("Helvetica").fontSize(10).fillColor("#444").text("Helsefellesskap Møre og Romsdal");
  doc.moveDown(0.5);
  doc.font("Helvetica-Bold").fontSize(18).fillColor("#000").text(`${heading} – ${body.name.nn}`);
  doc.moveDown(0.3);
  doc.font("Helvetica").fontSize(11);
  doc.text(`Dato: ${dateText(meeting.startsAt)}, kl. ${start.time}${end ? `–${end}` : ""}`);
  if (meeting.location) doc.text(`Stad: ${meeting.location}`);
  if (meeting.videoLink) doc.text(`Videomøte: ${meeting.videoLink}`);
  doc.moveDown();
}

function itemHeading(item: MeetingData["items"][number]) {
  const prefix = item.number ? `Sak ${item.number}` : item.kind === "orientation" ? "Orientering" : "Sak";
  return `${prefix}: ${item.title ?? "Skjerma sak"}`;
}

function slotText(item: MeetingData["items"][number]) {
  return [item.slotStart ? `Kl. ${item.slotStart}` : "", item.durationMinutes ? `${item.durationMinutes} min` : "", item.presenter ? `Innleiar: ${item.presenter}` : ""]
    .filter(Boolean)
    .join(" · ");
}

export function renderAgendaPdf(data: MeetingData): Promise<Buffer> {
  const title = `Saksliste – ${data.body.shortName} ${dateText(data.meeting.startsAt)}`;
  return render(
    (doc) => {
      header(doc, data, "Saksliste");
      if (data.items.length === 0) doc.text("Sakslista er tom.");
      for (const item of data.items) {
        doc.font("Helvetica-Bold").fontSize(12).text(itemHeading(item));
        doc.font("Helvetica").fontSize(10);
        const slot = slotText(item);
        if (slot) doc.text(slot);
        if (item.caseReference) doc.text(`Referanse: ${item.caseReference}`);
        if (item.outcome === "deferred") doc.text(`Utsett${item.deferredToStartsAt ? ` til møtet ${dateText(item.deferredToStartsAt)}` : ""}.`);
        doc.moveDown(0.6);
      }
    },
    { title, subject: "Saksliste" },
  );
}

export function renderMinutesPdf(data: MeetingData): Promise<Buffer> {
  const title = `Referat – ${data.body.shortName} ${dateText(data.meeting.startsAt)}`;
  return render(
    (doc) => {
      header(doc, data, "Referat");
      const status = { none: "Utkast", draft: "Utkast", approved: "Godkjent", published: "Publisert" }[data.meeting.minutesStatus];
      doc.font("Helvetica-Oblique").fontSize(10).text(`Status: ${status}`);
      doc.moveDown();
      if (data.meeting.minutesIntro) {
        doc.font("Helvetica").fontSize(11).text(data.meeting.minutesIntro);
        doc.moveDown();
      }
      for (const item of data.items) {
        doc.font("Helvetica-Bold").fontSize(12).text(itemHeading(item));
        doc.font("Helvetica").fontSize(11);
        if (item.outcome === "deferred") {
          doc.text(`Utsett${item.deferredToStartsAt ? ` til møtet ${dateText(item.deferredToStartsAt)}` : ""}.`);
        } else {
          if (item.handling) {
            doc.font("Helvetica-Bold").text("Behandling");
            doc.font("Helvetica").text(item.handling);
          }
          if (item.decision) {
            doc.font("Helvetica-Bold").text("Vedtak");
            doc.font("Helvetica").text(item.decision);
          }
          for (const task of item.tasks) {
            doc.fontSize(10).text(`Oppfølging: ${task.what} – ansvarleg: ${task.responsible}${task.dueDate ? `, frist ${task.dueDate.split("-").reverse().join(".")}` : ""}`);
          }
        }
        doc.moveDown(0.8);
      }
    },
    { title, subject: "Referat" },
  );
}
