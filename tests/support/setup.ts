import { afterEach, beforeEach, vi } from "vitest";
// As the server does (entry.server.tsx): every namespace's messages registered.
import "~/i18n/all";

// Tests fail on an unexpected console.error (STYLE.md): an error logged is an error missed.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`Unexpected console.error: ${errors.map((e) => e.map(String).join(" ")).join("\n")}`);
});
