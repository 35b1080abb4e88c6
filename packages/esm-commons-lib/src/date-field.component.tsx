import { OpenmrsDatePicker } from '@openmrs/esm-framework';
import { useMemo } from 'react';

// A native <input type="date"> is written as the browser's language writes dates (mm/dd/yyyy in an
// English Chromium), whatever the page's language. The framework's date picker follows the session's
// locale instead (and the site configuration's preferredDateLocale: dd/mm/aaaa in Portuguese).

/** `YYYY-MM-DD` → a local Date (midnight), or null for '' or a malformed value. */
export function isoToDate(iso: string | undefined): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/** A local Date → `YYYY-MM-DD`; '' for none. */
export function dateToIso(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * `YYYY-MM-DD` (or the date part of an ISO datetime) → `dd/mm/aaaa`, as dates are written in
 * Mozambique; anything else as it is, '' for none.
 */
export function displayDate(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso ?? '');
}

/** A moment (ISO datetime) as `dd/mm/aaaa hh:mm` in the browser's time zone (the facility's); anything else as it is. */
export function displayDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export interface DateFieldProps {
  id: string;
  labelText: string;
  /** `YYYY-MM-DD`, or '' when empty: what a native date input gives */
  value: string;
  onChange: (value: string) => void;
  /** `YYYY-MM-DD` bounds */
  min?: string;
  max?: string;
  invalid?: boolean;
  invalidText?: string;
  /** shown under the field when it is valid: a warning first, else a helper */
  warnText?: string;
  helperText?: string;
}

/** A date field in the user's locale, with the value of a native date input (`YYYY-MM-DD`). */
export function DateField(props: DateFieldProps) {
  const { id, labelText, value, onChange, min, max, invalid, invalidText, warnText, helperText } = props;
  // Empty is left uncontrolled: a controlled null makes react-aria drop each segment typed before the
  // date is whole.
  const date = useMemo(() => isoToDate(value) ?? undefined, [value]);
  const note = invalid ? undefined : (warnText ?? helperText);
  return (
    <div>
      <OpenmrsDatePicker
        id={id}
        labelText={labelText}
        value={date}
        minDate={isoToDate(min) ?? undefined}
        maxDate={isoToDate(max) ?? undefined}
        onChange={(date) => onChange(dateToIso(date))}
        isInvalid={invalid}
        invalidText={invalidText}
      />
      {note && <div className="cds--form__helper-text">{note}</div>}
    </div>
  );
}
