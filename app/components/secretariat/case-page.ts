/** Types the case page's components share: the loader's data as the browser gets it. */
import type { SerializeFrom } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import type { loader } from "~/routes/sekretariat.saker.$id._index";

export type CasePageData = SerializeFrom<typeof loader>;
/** The reply of the case page's action to one form (conform's SubmissionResult). */
export type CaseReply = SubmissionResult<string[]> | undefined;
