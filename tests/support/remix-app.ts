/**
 * The whole Remix app in the test process, without a build: the route modules from app/routes
 * (named and nested by Remix's own flat-routes convention), root and entry.server, behind Remix's
 * real request handler. Document requests render the real HTML (entry.server.tsx), and `.data`
 * requests get the real single-fetch answer, on the test's database (db() is process-wide).
 */
import path from "node:path";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import * as entry from "../../app/entry.server";
import * as root from "../../app/root";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
const modules = import.meta.glob<Record<string, unknown>>("../../app/routes/*.{ts,tsx}");

type Module = Record<string, unknown>;
const FUTURE = { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true };

/** A request handler for the app as the server runs it (remix.config.js's routes and future flags). */
export async function createAppHandler(): Promise<(request: Request, context?: Record<string, unknown>) => Promise<Response>> {
  const manifest = flatRoutes(APP_DIR, ["**/.*", "**/*.test.*"]);
  const serverRoutes: ServerBuild["routes"] = { root: { id: "root", path: "", module: root as never } };
  const entryRoutes: ServerBuild["assets"]["routes"] = {};
  const describe = (id: string, parentId: string | undefined, r: { path?: string; index?: boolean; caseSensitive?: boolean }, mod: Module) => {
    entryRoutes[id] = {
      id,
      parentId,
      path: r.path,
      index: r.index,
      caseSensitive: r.caseSensitive,
      module: `/build/${id}.js`,
      imports: [],
      hasAction: typeof mod.action === "function",
      hasLoader: typeof mod.loader === "function",
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: typeof mod.ErrorBoundary === "function",
    } as never;
  };
  describe("root", undefined, { path: "" }, root as Module);
  for (const route of Object.values(manifest)) {
    const key = Object.keys(modules).find((k) => path.resolve(import.meta.dirname, k) === path.join(APP_DIR, route.file));
    const load = key ? modules[key] : undefined;
    if (!load) throw new Error(`No module for ${route.file}`);
    const mod = await load();
    serverRoutes[route.id] = { id: route.id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: route.caseSensitive, module: mod as never };
    describe(route.id, route.parentId, route, mod);
  }
  const build: ServerBuild = {
    mode: "production",
    entry: { module: entry as never },
    routes: serverRoutes,
    assets: { entry: { module: "/build/entry.client.js", imports: [] }, routes: entryRoutes, url: "/build/manifest-test.js", version: "test" },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: FUTURE as ServerBuild["future"],
    isSpaMode: false,
  };
  const handler = createRequestHandler(build, "production");
  return (request, context = {}) => handler(request, context as never);
}
