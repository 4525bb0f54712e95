/** Remix v2 on the classic compiler (see docs/decisions/001-stack.md). */
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Recharts and the design system ship ESM only; bundle them so the server build can require them.
  serverDependenciesToBundle: [/^@digdir\//, /^recharts/, /^d3-/, /^internmap/, /^decimal\.js-light/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
  watchPaths: ["./db/**/*.ts", "./content/**/*.mdx"],
};
