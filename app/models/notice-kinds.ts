/**
 * The kinds of notice and the ways to receive them (app/models/notices.server.ts), browser-safe for
 * the preferences page: the lists name every value of the schema's enums (a missing one is a type error).
 */
import type { noticeKind, noticeMode } from "../../db/schema";
import { allOf } from "./access";

export type NoticeKind = (typeof noticeKind.enumValues)[number];
export type NoticeMode = (typeof noticeMode.enumValues)[number];
export const NOTICE_KINDS = allOf<NoticeKind>()(["case_submitted", "case_assessment", "case_advice", "case_answer", "case_routed", "checklist_submitted", "follow_up"]);
export const NOTICE_MODES = allOf<NoticeMode>()(["instant", "digest", "off"]);
