/**
 * One slugify for URLs, heading anchors and file names (issue 12): æ, ø, å spelt out (ae, o, a),
 * other accents dropped, anything else a dash; `fallback` when nothing is left.
 */
export function slugify(text: string, options: { maxLength?: number; fallback?: string } = {}): string {
  const slug = text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "a")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, options.maxLength ?? 80)
    .replace(/-+$/g, "");
  return slug || (options.fallback ?? "");
}
