/**
 * The HTML part of every outgoing mail, made from its plain text when the mail is sent (issue 14).
 * The outbox stores one body, the plain text, so retention scrubs and the admin's view read one
 * thing; the HTML says the same: paragraphs at blank lines, line breaks kept, every address a link
 * (linkify-it finds them, the same library markdown-it uses), everything else escaped.
 */
import LinkifyIt from "linkify-it";

const linkify = new LinkifyIt();

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** One line of text with its addresses as links. */
function lineHtml(line: string): string {
  const matches = linkify.match(line) ?? [];
  let html = "";
  let at = 0;
  for (const m of matches) {
    html += escapeHtml(line.slice(at, m.index));
    html += `<a href="${escapeHtml(m.url)}">${escapeHtml(m.text)}</a>`;
    at = m.lastIndex;
  }
  return html + escapeHtml(line.slice(at));
}

/** A complete HTML document for a mail's plain text (nynorsk unless told otherwise). */
export function mailHtml(subject: string, text: string, lang = "nn"): string {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.split("\n").map(lineHtml).join("<br>\n")}</p>`);
  return [
    "<!DOCTYPE html>",
    `<html lang="${escapeHtml(lang)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Inter, system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1e2b3c; max-width: 40em">',
    ...paragraphs,
    "</body>",
    "</html>",
  ].join("\n");
}
