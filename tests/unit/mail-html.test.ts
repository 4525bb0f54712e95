/** The HTML part made from a mail's plain text: escaped, paragraphs and line breaks kept, addresses as links. */
import { parse } from "node-html-parser";
import { describe, expect, it } from "vitest";
import { mailHtml } from "~/services/mail-html.server";

describe("mailHtml", () => {
  it("escapes markup, keeps paragraphs and line breaks, and links addresses", () => {
    const html = mailHtml("Sak <1> & «2»", 'Hei,\n\nTittel: <script>alert(1)</script> & "sitat"\nOpne: https://hf.example.no/saker/spor/abc?x=1&y=2\n\n\nHelsing');
    const doc = parse(html);
    expect(doc.querySelector("html")?.getAttribute("lang")).toBe("nn");
    expect(doc.querySelector("title")?.text).toBe("Sak <1> & «2»");
    expect(doc.querySelectorAll("script")).toHaveLength(0);
    const paragraphs = doc.querySelectorAll("p");
    expect(paragraphs.map((p) => p.text.replace(/\s+/g, " "))).toEqual([
      "Hei,",
      'Tittel: <script>alert(1)</script> & "sitat" Opne: https://hf.example.no/saker/spor/abc?x=1&y=2',
      "Helsing",
    ]);
    const link = doc.querySelector("a");
    expect(link?.getAttribute("href")).toBe("https://hf.example.no/saker/spor/abc?x=1&y=2");
    expect(paragraphs[1]?.querySelectorAll("br")).toHaveLength(1);
  });
});
