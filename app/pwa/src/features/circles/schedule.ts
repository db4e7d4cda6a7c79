import { has, locale as uiLocale, t } from '../../i18n/t';

/** A circle's schedule as the API gives it: an RFC 5545 RRULE, the first start as a local date-time in the zone, the length. */
export interface MeetingSchedule {
  rrule: string;
  firstStart: string;
  timeZone: string;
  minutes: number;
}

export interface Reader {
  /** The locale Intl writes names, times and lists in; the app's by default. */
  locale?: string;
  /** The reader's own zone: the circle's zone is named when it is another. */
  zone?: string;
}

/**
 * The schedule as people say it: "Every Tuesday, 7 – 9 PM", "Monthly on the first Monday, 19:00–21:00 (Europe/London)".
 * Days and times are the circle's own, in its zone. A rule this cannot put in words still gives a sentence (from the
 * first meeting), never the bare RRULE.
 */
export function describeSchedule(schedule: MeetingSchedule, reader: Reader = {}): string {
  const loc = reader.locale ?? uiLocale();
  const start = wallClock(schedule.firstStart);
  let text: string;
  if (!start) {
    text = t('schedule.unknown');
  } else {
    try {
      text = phrase(parseRule(schedule.rrule), start, schedule.minutes, schedule.timeZone, loc);
    } catch (error) {
      if (!(error instanceof Unphrasable)) {
        throw error;
      }
      text = t('schedule.custom', { start: t('schedule.at', { days: longDate(start, loc), times: ranges([minuteOfDay(start)], schedule.minutes, loc) }) });
    }
  }
  const viewer = reader.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return schedule.timeZone && canonicalZone(schedule.timeZone) !== canonicalZone(viewer) ? t('schedule.zone', { schedule: text, zone: schedule.timeZone.replace(/_/g, ' ') }) : text;
}

/** A rule, or a part of one, that this module does not put in words: the caller falls back to a plain sentence. */
class Unphrasable extends Error {}

const refuse = (why: string): never => {
  throw new Unphrasable(why);
};

type Frequency = 'SECONDLY' | 'MINUTELY' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
const FREQUENCIES: readonly string[] = ['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
// WKST only matters to which weeks an INTERVAL counts, BYSECOND to nobody meeting in a circle.
const UNDERSTOOD = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'BYHOUR', 'BYMINUTE', 'BYSECOND', 'WKST']);

/** A weekday, Monday 0 to Sunday 6, and in a monthly or yearly rule its place (1 first, -1 last). */
interface Weekday {
  day: number;
  nth?: number;
}

interface Rule {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: string;
  byDay: Weekday[];
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
  byHour: number[];
  byMinute: number[];
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function parseRule(text: string): Rule {
  const fields = new Map<string, string>();
  for (const part of text.trim().replace(/^RRULE:/i, '').split(';').filter(Boolean)) {
    const [key, value, ...more] = part.split('=');
    const name = key.trim().toUpperCase();
    if (value === undefined || more.length > 0 || !UNDERSTOOD.has(name)) {
      refuse('part ' + part);
    }
    fields.set(name, value.trim().toUpperCase());
  }
  const freq = fields.get('FREQ') ?? '';
  if (!FREQUENCIES.includes(freq)) {
    refuse('FREQ ' + freq);
  }
  const list = (name: string, min: number, max: number, signed = false): number[] =>
    (fields.get(name)?.split(',') ?? []).map((item) => {
      const n = /^[+-]?\d+$/.test(item) ? Number(item) : NaN;
      const ok = signed ? Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max;
      return ok ? n : refuse(name + ' ' + item);
    });
  const one = (name: string): number | undefined => (fields.has(name) ? list(name, 1, Number.MAX_SAFE_INTEGER)[0] : undefined);
  const byDay = (fields.get('BYDAY')?.split(',') ?? []).map((item): Weekday => {
    const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item) ?? refuse('BYDAY ' + item);
    const nth = match[1] === undefined ? undefined : Number(match[1]);
    return nth === 0 ? refuse('BYDAY ' + item) : { day: WEEKDAYS.indexOf(match[2]), nth };
  });
  return {
    freq: freq as Frequency,
    interval: one('INTERVAL') ?? 1,
    count: one('COUNT'),
    until: fields.get('UNTIL'),
    byDay,
    byMonthDay: list('BYMONTHDAY', 1, 31, true),
    byMonth: list('BYMONTH', 1, 12),
    bySetPos: list('BYSETPOS', 1, 366, true),
    byHour: list('BYHOUR', 0, 23),
    byMinute: list('BYMINUTE', 0, 59),
  };
}

/** A few rules say the same as a simpler one ("daily on Tuesdays" is weekly on Tuesdays): phrase that one. */
function simplest(rule: Rule): Rule {
  const plainDays = rule.byDay.length > 0 && rule.byDay.every((d) => d.nth === undefined);
  if (rule.interval === 1 && rule.bySetPos.length === 0) {
    if (rule.freq === 'DAILY' && plainDays && rule.byMonthDay.length === 0) {
      return { ...rule, freq: 'WEEKLY' };
    }
    if (rule.freq === 'DAILY' && rule.byDay.length === 0 && rule.byMonthDay.length > 0) {
      return { ...rule, freq: 'MONTHLY' };
    }
    if (rule.freq === 'YEARLY' && rule.byMonth.length === 0 && rule.byDay.length === 0 && rule.byMonthDay.length > 0) {
      return { ...rule, freq: 'MONTHLY' };
    }
    if (rule.freq === 'YEARLY' && rule.byMonth.length === 0 && plainDays && rule.byMonthDay.length === 0) {
      return { ...rule, freq: 'WEEKLY' };
    }
  }
  return rule;
}

function phrase(parsed: Rule, start: WallClock, minutes: number, zone: string, loc: string): string {
  const rule = simplest(parsed);
  let text: string;
  if (rule.freq === 'HOURLY' || rule.freq === 'MINUTELY') {
    if (rule.byDay.length + rule.byMonthDay.length + rule.byMonth.length + rule.bySetPos.length + rule.byHour.length + rule.byMinute.length > 0) {
      refuse('a filtered ' + rule.freq + ' rule');
    }
    text = t('schedule.from', { schedule: every(rule.freq === 'HOURLY' ? 'hourly' : 'minutely', rule.interval), start: t('schedule.at', { days: longDate(start, loc), times: clock(loc, true).format(utc(start)) }) });
  } else if (rule.freq === 'SECONDLY') {
    return refuse('SECONDLY');
  } else {
    text = t('schedule.at', { days: days(rule, start, loc), times: times(rule, start, minutes, loc) });
  }
  if (rule.count !== undefined) {
    const form = new Intl.PluralRules(loc).select(rule.count);
    text = t(has('schedule.count.' + form) ? 'schedule.count.' + form : 'schedule.count.other', { schedule: text, n: rule.count, date: shortDate(start, loc) });
  }
  if (rule.until !== undefined) {
    text = t('schedule.until', { schedule: text, date: untilDate(rule.until, zone, loc) });
  }
  return text;
}

/** Which days: "Every Tuesday", "Monthly on the first and third Monday", "Every year on 6 January". */
function days(rule: Rule, start: WallClock, loc: string): string {
  const names = weekdayNames(loc);
  const inMonths = (text: string) => (rule.byMonth.length > 0 ? t('schedule.inMonths', { schedule: text, months: monthList(rule.byMonth, loc) }) : text);
  const ordinals = rule.byDay.some((d) => d.nth !== undefined);
  if (ordinals && rule.byDay.some((d) => d.nth === undefined)) {
    refuse('BYDAY mixes days with and without a place');
  }
  switch (rule.freq) {
    case 'DAILY': {
      if (rule.byDay.length + rule.byMonthDay.length + rule.bySetPos.length > 0) {
        refuse('a DAILY rule every few days on given days');
      }
      return inMonths(every('daily', rule.interval));
    }
    case 'WEEKLY': {
      if (ordinals || rule.byMonthDay.length + rule.bySetPos.length > 0) {
        refuse('a WEEKLY rule with places or month days');
      }
      const set = weekdaySet(rule.byDay.length > 0 ? rule.byDay.map((d) => d.day) : [weekdayOf(start)]);
      if (rule.interval === 1) {
        return inMonths(set.length === 7 ? every('daily', 1) : sameDays(set, WORKDAYS) ? t('schedule.everyWeekday') : t('schedule.weekly.each', { days: list(set.map((d) => names[d]), loc) }));
      }
      if (rule.interval === 2 && set.length > 1) {
        return inMonths(t('schedule.weekly.alternateMany', { days: list(set.map((d) => names[d]), loc) }));
      }
      return inMonths(every('weekly', rule.interval, { days: list(set.map((d) => names[d]), loc) }));
    }
    case 'MONTHLY': {
      if (rule.byDay.length > 0 && rule.byMonthDay.length > 0) {
        refuse('a MONTHLY rule with both weekdays and month days');
      }
      if (rule.bySetPos.length > 0) {
        if (ordinals || rule.byDay.length === 0) {
          refuse('BYSETPOS without a plain set of weekdays');
        }
        const kind = setName(weekdaySet(rule.byDay.map((d) => d.day)), names);
        const places = [...rule.bySetPos].sort(byPlace);
        return inMonths(every('monthly', rule.interval, { days: t('schedule.nthWeekday', { nth: list(places.map((p) => nthWord(p, loc)), loc), weekday: kind }) }));
      }
      if (rule.byDay.length > 0 && !ordinals) {
        const set = weekdaySet(rule.byDay.map((d) => d.day));
        return inMonths(every('monthlyWeekdays', rule.interval, { days: list(set.map((d) => names[d]), loc) }));
      }
      if (ordinals) {
        const items = groupByWeekday(rule.byDay).map(([day, places]) => t('schedule.nthWeekday', { nth: list(places.map((p) => nthWord(p, loc)), loc), weekday: names[day] }));
        return inMonths(every('monthly', rule.interval, { days: list(items, loc) }));
      }
      const monthDays = rule.byMonthDay.length > 0 ? [...new Set(rule.byMonthDay)].sort(byPlace) : [start.day];
      return inMonths(every('monthly', rule.interval, { days: list(monthDays.map((d) => monthDay(d, loc)), loc) }));
    }
    case 'YEARLY': {
      if (rule.bySetPos.length > 0) {
        refuse('BYSETPOS in a YEARLY rule');
      }
      const months = rule.byMonth.length > 0 ? [...new Set(rule.byMonth)].sort((a, b) => a - b) : [start.month];
      if (rule.byDay.length > 0) {
        if (rule.byMonthDay.length > 0 || rule.byMonth.length === 0) {
          refuse('weekdays of a year');
        }
        if (!ordinals) {
          if (rule.interval !== 1) {
            refuse('every few years on weekdays');
          }
          return t('schedule.inMonths', { schedule: t('schedule.weekly.each', { days: list(weekdaySet(rule.byDay.map((d) => d.day)).map((d) => names[d]), loc) }), months: monthList(months, loc) });
        }
        const items = groupByWeekday(rule.byDay).map(([day, places]) => t('schedule.nthWeekdayOf', { nth: list(places.map((p) => nthWord(p, loc)), loc), weekday: names[day], months: monthList(months, loc) }));
        return every('yearly', rule.interval, { dates: list(items, loc) });
      }
      const monthDays = rule.byMonthDay.length > 0 ? [...new Set(rule.byMonthDay)].sort(byPlace) : [start.day];
      if (months.length * monthDays.length > 12) {
        refuse('too many dates to list');
      }
      const monthAndDay = new Intl.DateTimeFormat(loc, { month: 'long', day: 'numeric', timeZone: 'UTC' });
      const dates = months.flatMap((month) =>
        monthDays.map((d) => {
          if (d < 0) {
            return t('schedule.dayOf', { day: monthDay(d, loc), months: monthName(month, loc) });
          }
          // A leap year, so that 29 February is a date; a day no month has (31 April) is not.
          return d <= new Date(Date.UTC(2024, month, 0)).getUTCDate() ? monthAndDay.format(new Date(Date.UTC(2024, month - 1, d))) : refuse('no such date');
        }));
      return every('yearly', rule.interval, { dates: list(dates, loc) });
    }
    default:
      return refuse(rule.freq);
  }
}

/** At what time: "7 – 9 PM", "09:00–10:30 and 18:00–19:30", each meeting lasting the schedule's minutes. */
function times(rule: Rule, start: WallClock, minutes: number, loc: string): string {
  const hours = rule.byHour.length > 0 ? rule.byHour : [start.hour];
  const mins = rule.byMinute.length > 0 ? rule.byMinute : [start.minute];
  const starts = [...new Set(hours.flatMap((h) => mins.map((m) => h * 60 + m)))].sort((a, b) => a - b);
  if (starts.length > 6) {
    refuse('too many meetings a day to list');
  }
  return ranges(starts, minutes, loc);
}

function ranges(starts: number[], minutes: number, loc: string): string {
  const withMinutes = !twelveHour(loc) || starts.some((s) => s % 60 !== 0 || (s + minutes) % 60 !== 0);
  const format = clock(loc, withMinutes);
  const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 0, minute));
  return list(
    starts.map((s) => {
      if (minutes >= 24 * 60) {
        const duration = new Intl.NumberFormat(loc, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 1 }).format(minutes / 60);
        return t('schedule.forDuration', { start: format.format(at(s)), duration });
      }
      // Within one day Intl writes the range its own way ("7 – 9 PM"); past midnight it would add both dates.
      return s + minutes < 24 * 60 ? format.formatRange(at(s), at(s + minutes)) : t('schedule.range', { start: format.format(at(s)), end: format.format(at(s + minutes)) });
    }),
    loc,
  );
}

const WORKDAYS = [0, 1, 2, 3, 4];
const WEEKEND = [5, 6];

const weekdaySet = (days: number[]) => [...new Set(days)].sort((a, b) => a - b);
const sameDays = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

function setName(set: number[], names: string[]): string {
  if (set.length === 1) return names[set[0]];
  if (set.length === 7) return t('schedule.day');
  if (sameDays(set, WORKDAYS)) return t('schedule.weekday');
  if (sameDays(set, WEEKEND)) return t('schedule.weekendDay');
  return refuse('BYSETPOS over an unnamed set of days');
}

/** Places from the start first (1, 2, 3), then from the end (-2, -1): the order people count them in. */
const byPlace = (a: number, b: number) => (Math.sign(a) !== Math.sign(b) ? b - a : a - b);

function groupByWeekday(days: Weekday[]): [number, number[]][] {
  const groups = new Map<number, number[]>();
  for (const { day, nth } of days) {
    groups.set(day, [...new Set([...(groups.get(day) ?? []), nth!])].sort(byPlace));
  }
  return [...groups.entries()];
}

function every(kind: string, interval: number, params: Record<string, string | number> = {}): string {
  const form = interval === 1 ? 'each' : interval === 2 ? 'alternate' : 'n';
  return t(`schedule.${kind}.${form}`, { n: interval, ...params });
}

/** "first", "last", "second-to-last", and past the catalogue's words "6th", "3rd from last". */
function nthWord(n: number, loc: string): string {
  if (has('schedule.nth.' + n)) return t('schedule.nth.' + n);
  return n > 0 ? ordinal(n, loc) : t('schedule.nthFromEnd', { nth: ordinal(-n, loc) });
}

function ordinal(n: number, loc: string): string {
  const form = new Intl.PluralRules(loc, { type: 'ordinal' }).select(n);
  return t(has('schedule.ordinal.' + form) ? 'schedule.ordinal.' + form : 'schedule.ordinal.other', { n });
}

const monthDay = (d: number, loc: string) => (d > 0 ? t('schedule.monthDay', { nth: ordinal(d, loc) }) : t('schedule.monthDayFromEnd', { nth: nthWord(d, loc) }));

const list = (items: string[], loc: string) => new Intl.ListFormat(loc, { type: 'conjunction', style: 'long' }).format(items);

function weekdayNames(loc: string): string[] {
  const format = new Intl.DateTimeFormat(loc, { weekday: 'long', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

const monthName = (month: number, loc: string) => new Intl.DateTimeFormat(loc, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, month - 1, 1)));
const monthList = (months: number[], loc: string) => list([...new Set(months)].sort((a, b) => a - b).map((m) => monthName(m, loc)), loc);

function twelveHour(loc: string): boolean {
  const cycle = new Intl.DateTimeFormat(loc, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12';
}

const clock = (loc: string, withMinutes: boolean) => new Intl.DateTimeFormat(loc, { hour: 'numeric', ...(withMinutes ? { minute: '2-digit' } : {}), timeZone: 'UTC' });

/** The first start is a local date-time in the circle's zone: its fields are read as they are, and Intl writes them in UTC so that no zone moves them. */
function wallClock(text: string): WallClock | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(text);
  return match ? { year: +match[1], month: +match[2], day: +match[3], hour: +match[4], minute: +match[5] } : null;
}

const utc = (w: WallClock) => new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute));
const minuteOfDay = (w: WallClock) => w.hour * 60 + w.minute;
const weekdayOf = (w: WallClock) => (utc(w).getUTCDay() + 6) % 7;
const longDate = (w: WallClock, loc: string) => new Intl.DateTimeFormat(loc, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(w));
const shortDate = (w: WallClock, loc: string) => new Intl.DateTimeFormat(loc, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(w));

/** UNTIL is a date, a local date-time, or a UTC instant (…Z), which is shown as the date it is in the circle's zone. */
function untilDate(text: string, zone: string, loc: string): string {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(text) ?? refuse('UNTIL ' + text);
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
  if (match[7]) {
    try {
      return new Intl.DateTimeFormat(loc, { ...options, timeZone: zone }).format(instant);
    } catch {
      // An unknown zone: the UTC date below.
    }
  }
  return new Intl.DateTimeFormat(loc, { ...options, timeZone: 'UTC' }).format(instant);
}

function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}
