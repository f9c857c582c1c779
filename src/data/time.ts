/**
 * Time stamps: parsing `ds` (integer index, ISO date, ISO date-time), frequency inference, the position of
 * each stamp on the frequency's grid (to find gaps), and the continuation of the calendar for forecasts.
 */
import { ForesightError } from '../core/errors.js';

/** How `ds` is written: integer index, ISO date, or ISO date-time. */
export type TimeKind = 'index' | 'date' | 'datetime';

/** Supported frequencies with their default season lengths. */
export type FrequencyName = 'index' | 'hourly' | 'daily' | 'business-daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

/**
 * Default season lengths of each frequency, the primary one first: hourly data carry a daily and a weekly
 * cycle (24, 168), which multi-seasonal models (MSTL) use and single-season models ignore; every other
 * frequency has its one season.
 *
 * @example
 * DEFAULT_SEASONS.hourly // [24, 168]
 */
export const DEFAULT_SEASONS: Readonly<Record<FrequencyName, readonly number[]>> = {
  index: [1],
  hourly: [24, 168],
  daily: [7],
  'business-daily': [5],
  weekly: [52],
  monthly: [12],
  quarterly: [4],
  yearly: [1],
};

const HOUR = 3_600_000;
const DAY = 86_400_000;
const INTEGER = /^[+-]?\d+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses one `ds` text. Dates are read as UTC midnight; date-times without an offset as UTC.
 * Returns null when the text is not a valid integer, date or date-time (the caller names file and line).
 *
 * @example
 * parseTime('2024-03-31') // { kind: 'date', value: 1711843200000 }
 */
export function parseTime(text: string): { kind: TimeKind; value: number } | null {
  const s = text.trim();
  if (INTEGER.test(s)) {
    const value = Number(s);
    return Number.isSafeInteger(value) ? { kind: 'index', value } : null;
  }
  let m = DATE.exec(s);
  if (m) {
    const value = utc(+m[1], +m[2], +m[3], 0, 0, 0);
    return value === null ? null : { kind: 'date', value };
  }
  m = DATETIME.exec(s);
  if (m) {
    const base = utc(+m[1], +m[2], +m[3], +m[4], +m[5], m[6] ? +m[6] : 0);
    if (base === null) return null;
    let offset = 0;
    if (m[7] && m[7] !== 'Z') {
      const sign = m[7][0] === '-' ? -1 : 1;
      const digits = m[7].slice(1).replace(':', '');
      offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return { kind: 'datetime', value: base - offset };
  }
  return null;
}

function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const value = Date.UTC(year, month - 1, day, hour, minute, second);
  const d = new Date(value);
  // rejects 2023-02-30 and the like, which Date.UTC silently rolls over
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return value;
}

/**
 * Formats a time value back to text in the input's style.
 *
 * @example
 * formatTime(1711843200000, 'date') // '2024-03-31'
 */
export function formatTime(value: number, kind: TimeKind): string {
  if (kind === 'index') return String(value);
  const iso = new Date(value).toISOString();
  return kind === 'date' ? iso.slice(0, 10) : iso.slice(0, 19);
}

const NOMINAL_DAYS: Readonly<Record<FrequencyName, number>> = {
  index: NaN,
  hourly: 1 / 24,
  daily: 1,
  'business-daily': 1,
  weekly: 7,
  monthly: 30.436875,
  quarterly: 91.310625,
  yearly: 365.2425,
};

/**
 * Infers the frequency of sorted, distinct time values from their median spacing: about 1 hour (hourly),
 * 1 day (daily; business daily when no stamp falls on a weekend and some spacings are 3 days), 7 days
 * (weekly), 28–31 (monthly), 84–98 (quarterly), 360–371 (yearly). Integer `ds` is always `index`.
 * Returns null for fewer than 2 values. Throws ForesightError('invalid_input') for other spacings.
 *
 * @example
 * inferFrequency([Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 31)], 'date') // 'monthly'
 */
export function inferFrequency(values: ArrayLike<number>, kind: TimeKind): FrequencyName | null {
  if (kind === 'index') return 'index';
  if (values.length < 2) return null;
  const spacings: number[] = [];
  for (let i = 1; i < values.length; i++) spacings.push((values[i] - values[i - 1]) / DAY);
  spacings.sort((a, b) => a - b);
  const median = spacings[Math.floor((spacings.length - 1) / 2)];
  if (Math.abs(median - 1 / 24) < 1e-9) return 'hourly';
  if (median === 1) {
    let weekend = false;
    for (let i = 0; i < values.length && !weekend; i++) weekend = isWeekend(values[i]);
    return !weekend && spacings[spacings.length - 1] >= 3 ? 'business-daily' : 'daily';
  }
  if (median >= 6 && median <= 8) return 'weekly';
  if (median >= 28 && median <= 31) return 'monthly';
  if (median >= 84 && median <= 98) return 'quarterly';
  if (median >= 360 && median <= 371) return 'yearly';
  throw new ForesightError(
    'invalid_input',
    `median spacing of ${median.toPrecision(4)} days is not a supported frequency (hourly, daily, business daily, weekly, monthly, quarterly, yearly)`,
  );
}

function isWeekend(value: number): boolean {
  const day = new Date(value).getUTCDay();
  return day === 0 || day === 6;
}

/** Business days (Mon–Fri) from 1970-01-05 (a Monday) to `value`'s date; weekend dates count as the Friday before. */
function businessDayNumber(value: number): number {
  const days = Math.floor((value - Date.UTC(1970, 0, 5)) / DAY);
  const weeks = Math.floor(days / 7);
  const weekday = days - weeks * 7; // 0 = Monday
  return weeks * 5 + Math.min(weekday, 4);
}

/**
 * Steps between consecutive sorted time values on the frequency's grid: 1 for neighbours, k > 1 for a gap
 * of k - 1 missing periods. Returns the index of the first spacing that is not a whole number of steps
 * (mixed frequencies) as `badIndex`, else -1. For monthly, quarterly and yearly data a spacing may deviate by
 * up to a third of a period, so 52/53-week fiscal calendars and month-end dates line up.
 *
 * @example
 * gridSteps([0, 1, 3], 'index') // { steps: [1, 2], badIndex: -1 }
 */
export function gridSteps(values: ArrayLike<number>, frequency: FrequencyName): { steps: number[]; badIndex: number } {
  const steps: number[] = [];
  for (let i = 1; i < values.length; i++) {
    let step: number;
    if (frequency === 'index') {
      step = values[i] - values[i - 1];
    } else if (frequency === 'business-daily') {
      if (isWeekend(values[i]) || isWeekend(values[i - 1])) return { steps, badIndex: isWeekend(values[i - 1]) ? i - 1 : i };
      step = businessDayNumber(values[i]) - businessDayNumber(values[i - 1]);
    } else {
      const ratio = (values[i] - values[i - 1]) / DAY / NOMINAL_DAYS[frequency];
      step = Math.round(ratio);
      const tolerance = frequency === 'hourly' || frequency === 'daily' ? 1e-9 : frequency === 'weekly' ? 0.3 : 1 / 3;
      if (Math.abs(ratio - step) > tolerance) return { steps, badIndex: i };
    }
    if (step < 1) return { steps, badIndex: i };
    steps.push(step);
  }
  return { steps, badIndex: -1 };
}

/**
 * The next `horizon` time values after the sorted history `values`, continuing its calendar:
 * index + 1; fixed spacings for hourly, daily and weekly; weekdays for business daily. Monthly, quarterly and
 * yearly data follow the convention of their last 8 spacings: month ends when those stamps are all month ends;
 * 52/53-week fiscal steps (whole weeks) when those spacings are whole numbers of weeks; otherwise whole calendar
 * months on the same day of the month (clamped to the month's end).
 *
 * @example
 * continueTime([Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29)], 'monthly', 1).map((v) => formatTime(v, 'date')) // ['2024-03-31']
 */
export function continueTime(values: ArrayLike<number>, frequency: FrequencyName, horizon: number): number[] {
  const last = values[values.length - 1];
  const out: number[] = [];
  switch (frequency) {
    case 'index':
      for (let h = 1; h <= horizon; h++) out.push(last + h);
      return out;
    case 'hourly':
    case 'daily':
    case 'weekly': {
      const step = frequency === 'hourly' ? HOUR : frequency === 'daily' ? DAY : 7 * DAY;
      for (let h = 1; h <= horizon; h++) out.push(last + h * step);
      return out;
    }
    case 'business-daily': {
      let t = last;
      while (out.length < horizon) {
        t += DAY;
        if (!isWeekend(t)) out.push(t);
      }
      return out;
    }
    default: {
      const months = frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 12;
      // the calendar convention of the last two years decides (companies change fiscal calendars)
      let allMonthEnds = true;
      let allWholeWeeks = values.length >= 2;
      for (let i = Math.max(0, values.length - 1 - RECENT_SPACINGS); i < values.length; i++) {
        if (!isMonthEnd(values[i])) allMonthEnds = false;
        if (i > 0 && (values[i] - values[i - 1]) % (7 * DAY) !== 0) allWholeWeeks = false;
      }
      if (!allMonthEnds && allWholeWeeks) {
        const weeks = Math.round((months * 30.436875) / 7);
        for (let h = 1; h <= horizon; h++) out.push(last + h * weeks * 7 * DAY);
        return out;
      }
      const d = new Date(last);
      const timeOfDay = last - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      for (let h = 1; h <= horizon; h++) {
        const monthIndex = d.getUTCMonth() + h * months;
        const year = d.getUTCFullYear() + Math.floor(monthIndex / 12);
        const month = ((monthIndex % 12) + 12) % 12;
        const monthLength = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
        const day = allMonthEnds ? monthLength : Math.min(d.getUTCDate(), monthLength);
        out.push(Date.UTC(year, month, day) + timeOfDay);
      }
      return out;
    }
  }
}

const RECENT_SPACINGS = 8;

function isMonthEnd(value: number): boolean {
  return new Date(value + DAY).getUTCDate() === 1;
}
