import type { KnipConfig } from "knip";

// `npx knip` (part of `npm run lint`): dead files, exports and dependencies.
// Remix's plugin finds remix.config.js, app/root.tsx, app/entry.*.tsx and app/routes/**; vitest's and
// drizzle-kit's find their configs. Listed here: what runs outside them.
const config: KnipConfig = {
  entry: [
    // The production server (server.js today; server.ts once it is built with the app).
    "server.{js,ts}",
  ],
  // util-linux's runuser (tests/support/pg-cluster.ts runs PostgreSQL's tools as the postgres user when the tests run as root).
  ignoreBinaries: ["runuser"],
  // An export used in its own file is alive (the `export` is only extra surface); report what nothing uses.
  ignoreExportsUsedInFile: true,
  project: ["app/**/*.{ts,tsx}", "db/**/*.ts", "tests/**/*.{ts,tsx}", "bench/**/*.ts", "server.{js,ts}"],
};

export default config;
