import { describe, expect, it } from "vitest";
import { errorFields } from "~/services/log.server";

describe("errorFields", () => {
  it("keeps the error class and message but never the bound parameters of a failed query", () => {
    const error = new Error('Failed query: select "id" from "users" where "users"."email" = $1\nparams: kari.nordmann@example.no,1');
    const fields = errorFields(error);
    expect(fields.error).toBe("Error");
    expect(fields.message).toContain("Failed query");
    expect(JSON.stringify(fields)).not.toContain("kari.nordmann@example.no");
  });

  it("caps long messages", () => {
    expect(errorFields(new Error("x".repeat(1000))).message).toHaveLength(300);
  });
});
