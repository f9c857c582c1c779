/**
 * Time stamps: parsing `ds` (integer index, ISO date, ISO date-time), frequency inference, the position of
 * each stamp on the frequency's grid (to find gaps), and the continuation of the calendar for forecasts.
 */
import { ForesightError } from '../core/errors.js';

/**
 * How `ds` is written: integer index, ISO date, ISO date-time, or a period: a month (`1949-01`, `Jan 1949`), a
 * quarter (`2024Q1`, `2024 Q1`), an ISO week (`2023-W01`) or a decimal year (`1956.25`, as R writes `time()` of
 * a `ts`). Periods are stored as the UTC time of their first day and written back in one canonical form.
 */
export type TimeKind = 'index' | 'date' | 'datetime' | 'month' | 'quarter' | 'week' | 'decimal-year';

/** Supported frequencies with their default season lengths. */
export type FrequencyName =
  'index' | 'hourly' | 'daily' | 'business-daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly';

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
/** The range of a JavaScript Date: 8.64e15 ms either side of 1970 (years -271821 to 275760). */
const MAX_TIME = 8.64e15;
const INTEGER = /^[+-]?\d+$/;
// four-digit years, or the ISO 8601 expanded form with a sign and six digits that toISOString writes past 9999
const YEAR = '(\\d{4}|[+-]\\d{6})';
const DATE = new RegExp(`^${YEAR}-(\\d{2})-(\\d{2})$`);
const DATETIME = new RegExp(
  `^${YEAR}-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?$`,
);
const MONTH_NUMERIC = /^(\d{4}|[+-]\d{6})(?:-|\/|M)(\d{2})$/;
const MONTH_NAME_FIRST = /^([A-Za-z]{3,9})\.?[ \-/]?'?(\d{4}|\d{2})$/;
const MONTH_YEAR_FIRST = /^(\d{4})[ \-/]?([A-Za-z]{3,9})$/;
const QUARTER_YEAR_FIRST = /^(\d{4}|[+-]\d{6})[ \-/]?[Qq]([1-4])$/;
const QUARTER_FIRST = /^[Qq]([1-4])[ \-/]?(\d{4})$/;
const WEEK = /^(\d{4}|[+-]\d{6})-?W(\d{2})$/;
const DECIMAL_YEAR = /^(\d{4,6})\.(\d+)$/;
const SLASHED = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FULL_MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Order of day, month and year in dates like `01/03/2024` (`--date-format DD/MM/YYYY`). */
export type DateOrder = 'DMY' | 'MDY' | 'YMD';

/** Options of `parseTime`. */
export interface TimeOptions {
  /** How to read dates like `01/03/2024`; without it such dates are rejected as ambiguous. */
  dateOrder?: DateOrder;
}

/**
 * Parses a `--date-format` text such as `DD/MM/YYYY`, `MM/DD/YYYY`, `YYYY/MM/DD` (any of `/ . -` as separator).
 * Throws ForesightError('invalid_argument') for anything else.
 *
 * @example
 * parseDateFormat('DD.MM.YYYY') // 'DMY'
 */
export function parseDateFormat(text: string): DateOrder {
  const parts = text.trim().toUpperCase().split(/[/.-]/);
  const order = parts
    .map((p) => (/^D{1,2}$/.test(p) ? 'D' : /^M{1,2}$/.test(p) ? 'M' : /^Y{2,4}$/.test(p) ? 'Y' : '?'))
    .join('');
  if (order === 'DMY' || order === 'MDY' || order === 'YMD') return order;
  throw new ForesightError(
    'invalid_argument',
    `--date-format "${text}" is not one of DD/MM/YYYY, MM/DD/YYYY, YYYY/MM/DD`,
    { value: text },
  );
}

/**
 * Parses one `ds` text. Dates are read as UTC midnight; date-times without an offset as UTC; periods (month,
 * quarter, ISO week, decimal year) as the UTC midnight of their first day. Years 0000–0099 are those years (not
 * 19xx) and years past 9999 are read in the expanded form `+010000-01-01`. Returns null when the text is none
 * of these (the caller names file and line; `timeProblem` says why).
 *
 * @example
 * parseTime('2024-03-31') // { kind: 'date', value: 1711843200000 }
 * parseTime('2024 Q2')    // { kind: 'quarter', value: 1711929600000 } (2024-04-01)
 */
export function parseTime(text: string, options: TimeOptions = {}): { kind: TimeKind; value: number } | null {
  const s = text.trim();
  if (INTEGER.test(s)) {
    const value = Number(s);
    return Number.isSafeInteger(value) ? { kind: 'index', value } : null;
  }
  let m = DATE.exec(s);
  if (m) return timeOf('date', utc(+m[1], +m[2], +m[3], 0, 0, 0));
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
    return timeOf('datetime', base - offset);
  }
  if ((m = MONTH_NUMERIC.exec(s))) return timeOf('month', utc(+m[1], +m[2], 1, 0, 0, 0));
  if ((m = MONTH_NAME_FIRST.exec(s))) {
    const month = monthNumber(m[1]);
    const year = m[2].length === 2 ? null : +m[2];
    return month && year !== null ? timeOf('month', utc(year, month, 1, 0, 0, 0)) : null;
  }
  if ((m = MONTH_YEAR_FIRST.exec(s))) {
    const month = monthNumber(m[2]);
    return month ? timeOf('month', utc(+m[1], month, 1, 0, 0, 0)) : null;
  }
  if ((m = QUARTER_YEAR_FIRST.exec(s))) return timeOf('quarter', utc(+m[1], 3 * +m[2] - 2, 1, 0, 0, 0));
  if ((m = QUARTER_FIRST.exec(s))) return timeOf('quarter', utc(+m[2], 3 * +m[1] - 2, 1, 0, 0, 0));
  if ((m = WEEK.exec(s))) {
    const year = +m[1];
    const week = +m[2];
    if (week < 1 || week > isoWeeksInYear(year)) return null;
    return timeOf('week', isoWeekOneMonday(year) + (week - 1) * 7 * DAY);
  }
  if ((m = DECIMAL_YEAR.exec(s))) {
    const months = Number('0.' + m[2]) * 12;
    const month = Math.round(months);
    // R writes monthly times as year + k/12 (1956.0833...), quarterly as year + k/4, often rounded to 2 decimals
    // (1956.08 is 0.96 months): within a tenth of a month it is that month, anything else is not a period start
    if (Math.abs(months - month) > 0.1 || month > 11) return null;
    return timeOf('decimal-year', utc(+m[1], month + 1, 1, 0, 0, 0));
  }
  if ((m = SLASHED.exec(s)) && options.dateOrder) {
    const parts = [+m[1], +m[3], +m[4]];
    const widths = [m[1].length, m[3].length, m[4].length];
    const order = options.dateOrder;
    const yearAt = order.indexOf('Y');
    if (widths[yearAt] !== 4) return null;
    return timeOf('date', utc(parts[yearAt], parts[order.indexOf('M')], parts[order.indexOf('D')], 0, 0, 0));
  }
  return null;
}

/**
 * The time of January 1st of `year` (R writes the first month of a decimal-year series as a bare `1949`, which
 * reads as an integer index; the reader turns it into this when the series' other rows are decimal years).
 * Returns null outside years 0–275759.
 *
 * @example
 * yearStart(1949) === parseTime('1949.0')!.value // true
 */
export function yearStart(year: number): number | null {
  if (!Number.isInteger(year) || year < 0 || year > 275759) return null;
  return utcTime(year, 0, 1);
}

/**
 * Why `parseTime` rejected a text, for the error message.
 *
 * @example
 * timeProblem('01/03/2024') // 'is ambiguous (day/month or month/day?): give --date-format DD/MM/YYYY or MM/DD/YYYY'
 */
export function timeProblem(text: string, options: TimeOptions = {}): string {
  const s = text.trim();
  if (INTEGER.test(s)) return 'is an integer index beyond 2^53 (not exactly representable)';
  if (DATE.test(s) || DATETIME.test(s) || MONTH_NUMERIC.test(s) || QUARTER_YEAR_FIRST.test(s) || WEEK.test(s))
    return 'is not a valid calendar date or period';
  const slashed = SLASHED.exec(s);
  if (slashed && !options.dateOrder) {
    if (slashed[1].length === 4) return 'needs --date-format YYYY/MM/DD';
    return 'is ambiguous (day/month or month/day?): give --date-format DD/MM/YYYY or MM/DD/YYYY';
  }
  if (slashed && options.dateOrder)
    return `is not a valid date in the order ${options.dateOrder.split('').join('/')} with a four-digit year`;
  if (DECIMAL_YEAR.test(s))
    return 'is a decimal year that does not start a month (year + k/12) or a quarter (year + k/4)';
  return 'is not an integer index, an ISO date (YYYY-MM-DD) or date-time, a month (1949-01, Jan 1949), a quarter (2024Q1), an ISO week (2023-W01) or a decimal year (1956.25)';
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  const short = MONTH_NAMES.indexOf(lower);
  if (short >= 0) return short + 1;
  const full = FULL_MONTH_NAMES.indexOf(lower);
  if (full >= 0) return full + 1;
  // "Sept" and the like
  const prefix = FULL_MONTH_NAMES.findIndex((f) => lower.length >= 3 && f.startsWith(lower));
  return prefix >= 0 ? prefix + 1 : null;
}

function timeOf(kind: TimeKind, value: number | null): { kind: TimeKind; value: number } | null {
  return value === null || !(Math.abs(value) <= MAX_TIME) ? null : { kind, value };
}

/**
 * UTC milliseconds of a calendar time, or null when the date does not exist (2023-02-30) or lies outside the
 * Date range. Unlike `Date.UTC`, years 0–99 are those years, not 1900–1999.
 */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number): number | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const value = utcTime(year, month - 1, day, hour, minute, second);
  if (!Number.isFinite(value)) return null;
  const d = new Date(value);
  // rejects 2023-02-30 and the like, which Date.UTC silently rolls over
  if (d.getUTCDate() !== day || d.getUTCMonth() !== month - 1) return null;
  return value;
}

/** `Date.UTC` without its mapping of years 0–99 to 1900–1999 (months and days roll over as in Date.UTC). */
function utcTime(year: number, monthIndex: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime();
}

/** Monday of ISO week 1: the week holding January 4th. */
function isoWeekOneMonday(year: number): number {
  const jan4 = utcTime(year, 0, 4);
  const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // 0 = Monday
  return jan4 - weekday * DAY;
}

function isoWeeksInYear(year: number): number {
  return Math.round((isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / (7 * DAY));
}

/**
 * Formats a time value back to text in the input's style.
 *
 * @example
 * formatTime(1711843200000, 'date') // '2024-03-31'
 */
export function formatTime(value: number, kind: TimeKind): string {
  if (kind === 'index') return String(value);
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const year = d.getUTCFullYear();
  const iso = d.toISOString();
  switch (kind) {
    case 'date':
      return iso.slice(0, iso.length - 14);
    case 'datetime':
      return iso.slice(0, iso.length - 5);
    case 'month':
      return `${yearText(year)}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    case 'quarter':
      return `${yearText(year)}Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
    case 'week': {
      // the ISO week-year is the year of the week's Thursday
      const thursday = value + 3 * DAY;
      const weekYear = new Date(thursday).getUTCFullYear();
      const week = Math.floor((value - isoWeekOneMonday(weekYear)) / (7 * DAY)) + 1;
      return `${yearText(weekYear)}-W${String(week).padStart(2, '0')}`;
    }
    case 'decimal-year':
      return String(Number((year + d.getUTCMonth() / 12).toFixed(6)));
  }
}

/** Four-digit years, and the expanded form +YYYYYY beyond them (as toISOString writes), which the reader takes. */
function yearText(year: number): string {
  return year >= 0 && year <= 9999
    ? String(year).padStart(4, '0')
    : `${year < 0 ? '-' : '+'}${String(Math.abs(year)).padStart(6, '0')}`;
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
 * Infers the frequency of sorted, distinct time values from their median spacing (months, quarters and ISO
 * weeks written as periods are monthly, quarterly and weekly whatever their spacing): about 1 hour (hourly),
 * 1 day (daily; business daily when no stamp falls on a weekend and some spacings are 3 days), 7 days
 * (weekly), 28–31 (monthly), 84–98 (quarterly), 360–371 (yearly). Integer `ds` is always `index`.
 * Returns null for fewer than 2 values. Throws ForesightError('invalid_input') for other spacings.
 *
 * @example
 * inferFrequency([Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 31)], 'date') // 'monthly'
 */
export function inferFrequency(values: ArrayLike<number>, kind: TimeKind): FrequencyName | null {
  if (kind === 'index') return 'index';
  // a period written as such says its frequency, even for a single row
  if (kind === 'month') return 'monthly';
  if (kind === 'quarter') return 'quarterly';
  if (kind === 'week') return 'weekly';
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
      if (isWeekend(values[i]) || isWeekend(values[i - 1]))
        return { steps, badIndex: isWeekend(values[i - 1]) ? i - 1 : i };
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
 * Periods written as months, quarters or decimal years continue by calendar months whatever their spacing.
 * The result may leave the Date range (after year 275760); the caller checks.
 *
 * @example
 * continueTime([Date.UTC(2024, 0, 31), Date.UTC(2024, 1, 29)], 'monthly', 1).map((v) => formatTime(v, 'date')) // ['2024-03-31']
 */
export function continueTime(
  values: ArrayLike<number>,
  frequency: FrequencyName,
  horizon: number,
  kind?: TimeKind,
): number[] {
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
      let allWholeWeeks = values.length >= 2 && kind !== 'month' && kind !== 'quarter' && kind !== 'decimal-year';
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
      const timeOfDay = last - utcTime(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      for (let h = 1; h <= horizon; h++) {
        const monthIndex = d.getUTCMonth() + h * months;
        const year = d.getUTCFullYear() + Math.floor(monthIndex / 12);
        const month = ((monthIndex % 12) + 12) % 12;
        const monthLength = new Date(utcTime(year, month + 1, 0)).getUTCDate();
        const day = allMonthEnds ? monthLength : Math.min(d.getUTCDate(), monthLength);
        out.push(utcTime(year, month, day) + timeOfDay);
      }
      return out;
    }
  }
}

const RECENT_SPACINGS = 8;

function isMonthEnd(value: number): boolean {
  return new Date(value + DAY).getUTCDate() === 1;
}
