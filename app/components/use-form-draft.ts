/**
 * Keeps a long form's draft in this browser (localStorage) as the user types, and puts it back
 * when the page is opened again, e.g. after the session ran out or the browser was closed.
 * Adopt it in a form you own:
 *
 *   const draft = useFormDraft("case-form", { enabled: !actionData, exclude: ["submitterEmail"] });
 *   …on the receipt page (or after a successful submit): clearFormDraft("case-form")
 *
 * Never stored: hidden fields (idempotency keys, tokens), passwords, files, the honeypot, and the
 * names in `exclude`. The draft stays on this device only; clear it once the form is sent.
 */
import { useEffect, useState } from "react";

const PREFIX = "hf-draft:";
const NEVER = new Set(["hidden", "password", "file", "submit", "button", "reset", "image"]);
const ALWAYS_EXCLUDED = ["nettside", "skjemaStarta", "idempotencyKey", "intent"];

type Draft = { savedAt: string; values: Record<string, string[]> };
type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

export const draftStorageKey = (key: string) => `${PREFIX}${key}`;

export function clearFormDraft(key: string) {
  try {
    window.localStorage.removeItem(draftStorageKey(key));
  } catch {
    /* storage blocked: nothing to clear */
  }
}

function fieldsOf(form: HTMLFormElement, exclude: Set<string>): Field[] {
  return Array.from(form.elements).filter((el): el is Field => {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement)) return false;
    if (!el.name || exclude.has(el.name) || el.disabled) return false;
    return !(el instanceof HTMLInputElement && NEVER.has(el.type));
  });
}

/** The form's values by name (several for checkbox groups and multi-selects). */
export function readDraft(form: HTMLFormElement, exclude: Set<string>): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const el of fieldsOf(form, exclude)) {
    const list = (values[el.name] ??= []);
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      if (el.checked) list.push(el.value);
    } else if (el instanceof HTMLSelectElement && el.multiple) {
      for (const o of Array.from(el.selectedOptions)) list.push(o.value);
    } else {
      list.push(el.value);
    }
  }
  return values;
}

/** Puts a draft back into the form. Returns the number of fields changed. */
export function applyDraft(form: HTMLFormElement, values: Record<string, string[]>, exclude: Set<string>): number {
  let changed = 0;
  const seen = new Map<string, number>();
  for (const el of fieldsOf(form, exclude)) {
    const saved = values[el.name];
    if (!saved) continue;
    if (el instanceof HTMLInputElement && (el.type === "checkbox" || el.type === "radio")) {
      const checked = saved.includes(el.value);
      if (el.checked !== checked) {
        el.checked = checked;
        changed++;
      }
    } else if (el instanceof HTMLSelectElement && el.multiple) {
      for (const o of Array.from(el.options)) o.selected = saved.includes(o.value);
      changed++;
    } else {
      const i = seen.get(el.name) ?? 0;
      seen.set(el.name, i + 1);
      const value = saved[i];
      if (value != null && el.value !== value) {
        el.value = value;
        changed++;
      }
    }
  }
  return changed;
}

export function useFormDraft(formId: string, options: { key?: string; exclude?: string[]; enabled?: boolean } = {}) {
  const key = options.key ?? formId;
  const enabled = options.enabled ?? true;
  const excludeList = [...ALWAYS_EXCLUDED, ...(options.exclude ?? [])].join("\u0000");
  const [restored, setRestored] = useState(false);

  useEffect(() => {
    if (!enabled) return;
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const exclude = new Set(excludeList.split("\u0000"));
    try {
      const raw = window.localStorage.getItem(draftStorageKey(key));
      const draft = raw ? (JSON.parse(raw) as Draft) : null;
      if (draft?.values && typeof draft.values === "object" && applyDraft(form, draft.values, exclude) > 0) setRestored(true);
    } catch {
      /* a broken or blocked draft is ignored */
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          const draft: Draft = { savedAt: new Date().toISOString(), values: readDraft(form, exclude) };
          window.localStorage.setItem(draftStorageKey(key), JSON.stringify(draft));
        } catch {
          /* storage full or blocked: the form still works */
        }
      }, 300);
    };
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    return () => {
      clearTimeout(timer);
      form.removeEventListener("input", save);
      form.removeEventListener("change", save);
    };
  }, [formId, key, enabled, excludeList]);

  return { restored, clear: () => clearFormDraft(key) };
}
