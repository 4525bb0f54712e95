import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NewPasswordFields } from "~/components/form";
import { PASSWORD_MIN } from "~/models/password-rules";

/** The attributes of the input with this id, as rendered (names in lower case, as HTML reads them). */
function input(html: string, id: string): Record<string, string> {
  const tag = html.match(new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`))?.[0];
  if (!tag) throw new Error(`no input #${id}`);
  return Object.fromEntries([...tag.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)].map((m) => [(m[1] ?? "").toLowerCase(), m[2] ?? ""]));
}

describe("NewPasswordFields (the set-password page and the password change)", () => {
  const html = renderToStaticMarkup(
    <NewPasswordFields
      password={{ id: "pw", name: "password", label: "Nytt passord", description: "Minst 12 teikn", error: "For kort" }}
      repeat={{ id: "pw-repeat", name: "repeat", label: "Gjenta passordet" }}
    />,
  );

  it("renders the new password with the minimum length as a hint, its description and its error wired by id", () => {
    expect(input(html, "pw")).toMatchObject({
      name: "password",
      type: "password",
      autocomplete: "new-password",
      minlength: String(PASSWORD_MIN),
      "aria-invalid": "true",
      "aria-describedby": "pw-desc pw-error",
      "aria-required": "true",
    });
    expect(html).toContain('<label class="ds-label" for="pw">Nytt passord</label>');
    expect(html).toMatch(/id="pw-error"[^>]*>For kort</);
  });

  it("renders the repeat as a second new password, required, with its own label", () => {
    expect(input(html, "pw-repeat")).toMatchObject({ name: "repeat", type: "password", autocomplete: "new-password", "aria-required": "true" });
    expect(input(html, "pw-repeat")["aria-invalid"]).toBeUndefined();
    expect(html).toContain('<label class="ds-label" for="pw-repeat">Gjenta passordet</label>');
  });
});
