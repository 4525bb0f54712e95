import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanFilename, freeTextProblem } from "~/models/text-rules";

describe("the free-text rule (issue 11, findings 1, 4 and 13)", () => {
  it("accepts ordinary text with tabs and line breaks, and empty or missing text", () => {
    expect(freeTextProblem("Møte 01.01.2024 kl. 10.00\r\n\tTlf. 70 10 20 30, org.nr. 974 745 569")).toBeNull();
    expect(freeTextProblem("")).toBeNull();
    expect(freeTextProblem(null)).toBeNull();
    expect(freeTextProblem(undefined)).toBeNull();
  });

  it("refuses NUL and every other control character but tab, CR and LF; one-line fields refuse line breaks too", () => {
    for (let cp = 0; cp < 0xa0; cp++) {
      if (cp >= 0x20 && cp < 0x7f) continue;
      const text = `a${String.fromCharCode(cp)}b`;
      const allowed = cp === 0x09 || cp === 0x0a || cp === 0x0d;
      expect(freeTextProblem(text), `U+${cp.toString(16)}`).toBe(allowed ? null : "errors.controlCharacters");
      if (cp !== 0x09) expect(freeTextProblem(text, { singleLine: true }), `U+${cp.toString(16)} one line`).toBe("errors.controlCharacters");
    }
    expect(freeTextProblem("a\u2028b", { singleLine: true })).toBe("errors.controlCharacters");
  });

  it("refuses a national identity number in any spelling", () => {
    for (const s of ["010190-10046", "01.01.90 10046", "０１０１９０ １００４６", "010190\u200b10046"]) expect(freeTextProblem(`Sjå ${s}`)).toBe("errors.nationalId");
  });
});

describe("stored file names", () => {
  it("lose bidi controls, zero-width and other invisible characters and control characters, keep letters and marks", () => {
    expect(cleanFilename("rapport\u202etxt.pdf")).toBe("rapporttxt.pdf");
    expect(cleanFilename("\u2066plan\u200b\u2069 2024\u200f\u00ad.pdf")).toBe("plan 2024.pdf");
    expect(cleanFilename("C:\\Users\\kari\\Skjema.docx")).toBe("Skjema.docx");
    expect(cleanFilename("notat\u0000\u0007.pdf")).toBe("notat.pdf");
    expect(cleanFilename("नमस्ते.pdf")).toBe("नमस्ते.pdf");
    expect(cleanFilename("\u202e\u200b")).toBe("vedlegg");
  });

  it("never keeps a bidi control or format character, whatever the name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (name) => {
        // eslint-disable-next-line no-control-regex -- the property is about control characters
        expect(cleanFilename(name)).not.toMatch(/[\p{Cf}\u0000-\u001f\u007f-\u009f]/u);
      }),
      { numRuns: 2000 },
    );
    // CPU-bound (2,000 cases): on a loaded 2-core machine it needs more than vitest's 5 s default.
  }, 30_000);
});

describe("the public form's browser hints use the same rule", () => {
  it("checkFiles names a file whose name holds a national identity number", async () => {
    const { checkFiles } = await import("~/models/case-form");
    expect(checkFiles([{ name: "Epikrise 010190-10046.pdf", size: 10 }])).toBe("errors.fileNameNationalId");
    expect(checkFiles([{ name: "Epikrise ０１０１９０ １００４６.pdf", size: 10 }])).toBe("errors.fileNameNationalId");
    expect(checkFiles([{ name: "Referat 2024-02-20.pdf", size: 10 }])).toBeNull();
  });
});
