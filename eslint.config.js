// ESLint flat config (`npm run lint` runs this, then `prettier --check .` and `knip`).
// Recommended sets only: @eslint/js, typescript-eslint, react-hooks, jsx-a11y; plus the layer
// boundary of docs/decisions/009-one-feature-contract.md for app/models and app/services.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import local from "./eslint-rules/no-server-at-module-scope.js";

/** What domain code and cross-cutting services must not see (ADR 009): HTTP lives in app/http and the routes. */
const httpGlobals = ["Request", "Response", "Headers"].map((name) => ({
  name,
  message: `ADR 009: domain code and services never see ${name}; take (actor, input), throw DomainError, and let the route / app/http build the HTTP answer.`,
}));

export default tseslint.config(
  { ignores: ["build/", "public/build/", ".cache/", "data/", "backups/", "test-results/", "bench/results/", "db/migrations/", "node_modules/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  // React code lives in app/ only; tests name their fixtures useApp/useDb, which are not hooks.
  { ...reactHooks.configs.flat.recommended, files: ["app/**/*.{ts,tsx}"] },
  { ...jsxA11y.flatConfigs.recommended, files: ["app/**/*.{ts,tsx}"] },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_`-prefixed names mark a value deliberately ignored (destructuring one key out, unused callback arguments).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      // Wide tables sit in a scrolling <div role="region" tabIndex={0} aria-label…> so keyboard users can
      // scroll them (WCAG 2.1.1; axe's scrollable-region-focusable). That is the one non-interactive role allowed a tab stop.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
  {
    // The browser bundle has no *.server modules: a route or component may use their exports only inside functions.
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}"],
    plugins: { local },
    rules: { "local/no-server-at-module-scope": "error" },
  },
  {
    // ADR 009: the layer boundary. Domain operations and services are plain TypeScript.
    files: ["app/models/**/*.{ts,tsx}", "app/services/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["~/http/*", "~/http", "**/http/*"], message: "ADR 009: app/models and app/services must not import the HTTP layer (app/http)." },
            { group: ["@remix-run/*"], message: "ADR 009: no Remix in domain code (no json/redirect/Request); throw DomainError and let the route respond." },
          ],
        },
      ],
      "no-restricted-globals": ["error", ...httpGlobals],
      // no-restricted-globals sees values (`new Response`, `Response.json`); this catches the types (`request: Request`, `Promise<Response>`).
      "no-restricted-syntax": ["error", ...httpGlobals.map(({ name, message }) => ({ selector: `TSTypeReference > Identifier.typeName[name="${name}"]`, message }))],
    },
  },
  {
    // Tests, benchmarks, scripts and config files run in Node only.
    files: ["tests/**", "bench/**", "db/**", "eslint-rules/**", "*.config.{js,ts}", "server.js"],
    languageOptions: { globals: { ...globals.node } },
  },
);
