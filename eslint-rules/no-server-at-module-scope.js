/**
 * ESLint rule: no use of a `*.server` import at module scope of a route or component module.
 *
 * The browser bundle replaces `*.server` modules with empty ones, so a route module that uses such a
 * binding when it is evaluated (e.g. a zod schema built at top level from a .server function) crashes
 * in the browser — on the server and in the integration tests it works, and only the e2e caught it
 * (commit e327626). Uses inside functions (loader, action, helpers they call) run on the server only
 * and are fine; so are type-only imports and references in type positions.
 *
 * Exception: the value of `export const loader|action|headers = …` — Remix removes those exports and
 * what only they use from the browser bundle.
 */

const SERVER_MODULE = /\.server(\.[cm]?[jt]sx?)?$/;
const SERVER_ONLY_EXPORTS = new Set(["loader", "action", "headers"]);
/** Scopes whose code runs later than the module's evaluation. */
const DEFERRED_SCOPES = new Set(["function", "class-field-initializer"]);
/** Node types under which an identifier is a type, not a value. */
const TYPE_CONTEXTS = new Set(["TSTypeQuery", "TSTypeReference", "TSTypeAnnotation", "TSTypeAliasDeclaration", "TSInterfaceDeclaration", "TSQualifiedName"]);

/** @param {import("eslint").Scope.Scope | null} scope */
function runsAtModuleEvaluation(scope) {
  for (let s = scope; s; s = s.upper) {
    if (DEFERRED_SCOPES.has(s.type)) return false;
    if (s.type === "module" || s.type === "global") return true;
  }
  return true;
}

/** @param {any} node */
function inTypePosition(node) {
  for (let n = node.parent; n; n = n.parent) {
    if (TYPE_CONTEXTS.has(n.type)) return true;
    if (n.type.endsWith("Statement") || n.type.endsWith("Declaration")) return false;
  }
  return false;
}

/** The value of `export const loader = …` (and action, headers): not in the browser bundle. @param {any} node */
function inServerOnlyExport(node) {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === "VariableDeclarator" && n.id.type === "Identifier" && SERVER_ONLY_EXPORTS.has(n.id.name)) {
      return n.parent?.parent?.type === "ExportNamedDeclaration";
    }
    if (n.type === "Program") return false;
  }
  return false;
}

/** @type {import("eslint").Rule.RuleModule} */
const rule = {
  meta: {
    type: "problem",
    docs: { description: "Disallow using a binding imported from a *.server module at module scope of a route or component (the browser bundle has no .server modules)." },
    schema: [],
    messages: {
      moduleScope:
        "'{{name}}' comes from a .server module ({{source}}), which the browser bundle replaces with an empty module: use it inside the loader/action or a function they call, not at module level.",
    },
  },
  create(context) {
    return {
      ImportDeclaration(node) {
        const source = String(node.source.value);
        if (!SERVER_MODULE.test(source)) return;
        if (/** @type {any} */ (node).importKind === "type") return;
        for (const specifier of node.specifiers) {
          if (/** @type {any} */ (specifier).importKind === "type") continue;
          for (const variable of context.sourceCode.getDeclaredVariables(specifier)) {
            for (const reference of variable.references) {
              if (/** @type {any} */ (reference).isValueReference === false) continue;
              if (!runsAtModuleEvaluation(reference.from)) continue;
              if (inTypePosition(reference.identifier) || inServerOnlyExport(reference.identifier)) continue;
              context.report({ node: reference.identifier, messageId: "moduleScope", data: { name: variable.name, source } });
            }
          }
        }
      },
    };
  },
};

export default { meta: { name: "local" }, rules: { "no-server-at-module-scope": rule } };
