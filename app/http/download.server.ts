/**
 * A file download as a Response: domain code returns `{ bytes, filename, contentType }`
 * (e.g. app/models/excel.server.ts), the route answers with `downloadResponse(file, …)`.
 */
import { cleanFilename } from "~/models/text-rules";

/** RFC 6266: an ASCII fallback plus the UTF-8 name, after the stored-name rules (cleanFilename). */
export function contentDisposition(filename: string): string {
  const name = cleanFilename(filename);
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * Always a download, never rendered inline. `shared`: may be cached by anyone for five minutes
 * (public data); otherwise private and never stored.
 */
export function downloadResponse(file: { bytes: Uint8Array; filename: string; contentType: string }, options: { shared?: boolean } = {}): Response {
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.filename),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": options.shared ? "public, max-age=300" : "private, no-store",
    },
  });
}
