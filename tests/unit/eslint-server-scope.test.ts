/**
 * The local ESLint rule (eslint-rules/no-server-at-module-scope.js): a route or component module
 * must not use a `*.server` import while it is evaluated, because the browser bundle replaces
 * .server modules with empty ones.
 */
import { RuleTester } from "eslint";
import tseslint from "typescript-eslint";
import { describe, it } from "vitest";
import plugin from "../../eslint-rules/no-server-at-module-scope.js";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const rule = plugin.rules["no-server-at-module-scope"];
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } } });
const error = (name: string) => ({ messageId: "moduleScope", data: { name, source: "~/models/x.server" } });

tester.run("no-server-at-module-scope", rule, {
  valid: [
    // Inside the loader, the action and helpers: runs on the server only.
    `import { getThing } from "~/models/x.server"; export async function loader() { return getThing(); }`,
    `import { ERRORS } from "~/models/x.server"; const schema = () => z.string().min(1, ERRORS + "required"); export const action = async () => schema();`,
    `import { ERRORS } from "~/models/x.server"; export const action = async () => ERRORS;`,
    `import { roles } from "~/models/x.server"; class Form { field = roles; }`,
    // Type-only imports and type positions.
    `import type { Thing } from "~/models/x.server"; const things: Thing[] = [];`,
    `import { type Thing } from "~/models/x.server"; let thing: Thing | undefined;`,
    `import { getThing } from "~/models/x.server"; type Loaded = Awaited<ReturnType<typeof getThing>>;`,
    // Server-only route exports are removed from the browser bundle with what only they use.
    `import { makeLoader } from "~/models/x.server"; export const loader = makeLoader("cases");`,
    // Not a .server module.
    `import { ROLES } from "~/models/roles"; const options = ROLES.map((r) => r);`,
    `import { server } from "~/models/server-things"; const s = server;`,
  ],
  invalid: [
    { code: `import { roleSchema } from "~/models/x.server"; const schema = z.object({ role: roleSchema });`, errors: [error("roleSchema")] },
    { code: 'import { ERRORS } from "~/models/x.server"; const required = `${ERRORS}required`;', errors: [error("ERRORS")] },
    { code: `import { FIELDS } from "~/models/x.server"; const shape = Object.fromEntries(FIELDS.map((f) => [f, true]));`, errors: [error("FIELDS")] },
    { code: `import * as x from "~/models/x.server"; const y = x.thing;`, errors: [error("x")] },
    { code: `import thing from "~/models/x.server"; if (thing) console.log(1);`, errors: [error("thing")] },
    { code: `import { a } from "~/models/x.server"; { const b = a; }`, errors: [error("a")] },
    { code: `import { a } from "~/models/x.server"; export const meta = a;`, errors: [error("a")] },
    { code: `import { a } from "~/models/x.server"; export default function Page() { return null; } const used = [a, a];`, errors: [error("a"), error("a")] },
  ],
});
