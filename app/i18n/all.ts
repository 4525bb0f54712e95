/**
 * Every namespace's messages, registered: the server (entry.server.tsx) and the tests import this;
 * the browser gets a namespace with the pages that import it.
 */
import bodies from "./bodies";
import casesPublic from "./cases-public";
import casesSecretariat from "./cases-secretariat";
import common from "./common";
import knowledge from "./knowledge";
import myPage from "./my-page";
import notices from "./notices";
import people from "./people";
import plans from "./plans";
import security from "./security";

export const namespaces = {
  common,
  plans,
  knowledge,
  "cases-public": casesPublic,
  "cases-secretariat": casesSecretariat,
  security,
  bodies,
  people,
  notices,
  "my-page": myPage,
} as const;
