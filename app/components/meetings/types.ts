/** The meeting page's data and action answer, inferred from the route module (types only). */
import type { SubmissionResult } from "@conform-to/react";
import type { SerializeFrom } from "@remix-run/node";
import type { loader } from "~/routes/utval.$slug.moter.$meetingId._index";

export type MeetingPageData = SerializeFrom<typeof loader>;
export type AgendaItemData = MeetingPageData["items"][number];
/** The reply of a refused action as conform reads it. */
export type Reply = SubmissionResult<string[]>;
