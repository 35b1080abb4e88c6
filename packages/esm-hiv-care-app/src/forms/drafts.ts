// Drafts of forms being filled in, kept in this browser (localStorage) as the clinician types: a lost
// connection, a closed tab or a crash loses nothing. A draft is the form engine's values by question id,
// offered back (as the engine's pre-filled answers) when the same form is opened for the same patient,
// and forgotten once the form is saved or discarded. Only new forms have drafts: an edit starts from
// what the server holds.

const PREFIX = 'poc-hiv-care:draft:';
/** Told on this page whenever a draft is written or dropped (the storage event only reaches other tabs). */
export const DRAFTS_CHANGED = 'poc-hiv-care:drafts-changed';
const changed = () => window.dispatchEvent(new Event(DRAFTS_CHANGED));

export interface Draft {
  patientUuid: string;
  formUuid: string;
  formName: string;
  savedAt: string;
  values: Record<string, unknown>;
}

export function draftKey(patientUuid: string, formUuid: string): string {
  return `${PREFIX}${patientUuid}:${formUuid}`;
}

/** The draft, unless older than `maxDays` (then it is dropped) or unreadable. */
export function readDraft(key: string, maxDays: number, now = new Date()): Draft | null {
  const text = localStorage.getItem(key);
  if (!text) return null;
  try {
    const draft = JSON.parse(text) as Draft;
    if (now.getTime() - Date.parse(draft.savedAt) <= maxDays * 864e5) return draft;
  } catch {
    // a draft that cannot be read is of no use to anyone
  }
  localStorage.removeItem(key);
  return null;
}

/** Keeps the values; empty answers are left out so that an untouched form leaves no draft. */
export function writeDraft(
  key: string,
  draft: Omit<Draft, 'values' | 'savedAt'>,
  values: Record<string, unknown>,
): void {
  const answered = Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && !v.length))
      .map(([id, v]) => [id, v instanceof Date ? localDay(v) : v]),
  );
  if (Object.keys(answered).length === 0) {
    discardDraft(key);
    return;
  }
  try {
    localStorage.setItem(key, JSON.stringify({ ...draft, savedAt: new Date().toISOString(), values: answered }));
    changed();
  } catch {
    // storage full or disabled: the form itself still holds the values
  }
}

export function discardDraft(key: string): void {
  localStorage.removeItem(key);
  changed();
}

/** The patient's drafts, by form uuid. */
export function draftsOf(patientUuid: string, maxDays: number): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i)!;
    if (!key.startsWith(`${PREFIX}${patientUuid}:`)) continue;
    const draft = readDraft(key, maxDays);
    if (draft) drafts.set(draft.formUuid, draft);
  }
  return drafts;
}

/** A date answer as the day the clinician picked (yyyy-mm-dd, local time): the engine parses it back. */
function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
