import { describe, expect, it } from 'vitest';
import { describeSchedule, type MeetingSchedule } from './schedule';

const LONDON = 'Europe/London';
// Tuesday 6 January 2026, 19:00 in London, two hours.
const tuesday = (rrule: string, more: Partial<MeetingSchedule> = {}): MeetingSchedule => ({ rrule, firstStart: '2026-01-06T19:00:00', timeZone: LONDON, minutes: 120, ...more });
const us = (schedule: MeetingSchedule) => describeSchedule(schedule, { locale: 'en-US', zone: LONDON });
const gb = (schedule: MeetingSchedule) => describeSchedule(schedule, { locale: 'en-GB', zone: LONDON });

// Intl separates the parts of a range with thin or ordinary spaces depending on the ICU version: compare without them.
const plain = (text: string) => text.replace(/[\u2009\u202f\u00a0]/g, ' ');

describe('describeSchedule', () => {
  describe('weekly', () => {
    it('says the day and the hours of a weekly rule', () => {
      expect(plain(us(tuesday('FREQ=WEEKLY;BYDAY=TU')))).toBe('Every Tuesday, 7 – 9 PM');
    });

    it('writes the time the way the locale does', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;BYDAY=TU')))).toBe('Every Tuesday, 19:00–21:00');
    });

    it('takes the day from the first start when the rule names none', () => {
      expect(plain(us(tuesday('FREQ=WEEKLY')))).toBe('Every Tuesday, 7 – 9 PM');
    });

    it('says every other week on one day', () => {
      const thursday = tuesday('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', { firstStart: '2026-01-08T18:30:00', minutes: 90 });

      expect(plain(us(thursday))).toBe('Every other Thursday, 6:30 – 8:00 PM');
    });

    it('lists several days', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;BYDAY=MO,WE,FR')))).toBe('Every Monday, Wednesday and Friday, 19:00–21:00');
    });

    it('puts the days in week order whatever the rule order', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;BYDAY=FR,MO')))).toBe('Every Monday and Friday, 19:00–21:00');
    });

    it('says every other week on several days', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH')))).toBe('Every other week on Tuesday and Thursday, 19:00–21:00');
    });

    it('counts longer intervals in weeks', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;INTERVAL=3;BYDAY=TU')))).toBe('Every 3 weeks on Tuesday, 19:00–21:00');
    });

    it('calls Monday to Friday weekdays', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR')))).toBe('Every weekday, 19:00–21:00');
    });

    it('calls all seven days every day', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU')))).toBe('Every day, 19:00–21:00');
    });

    it('names the months a rule keeps to', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;BYDAY=TU;BYMONTH=6,7,8')))).toBe('Every Tuesday in June, July and August, 19:00–21:00');
    });

    it('ignores the week start and the seconds', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;WKST=SU;BYDAY=TU;BYSECOND=0')))).toBe('Every Tuesday, 19:00–21:00');
    });

    it('reads the rule in any case and with an RRULE: prefix', () => {
      expect(plain(gb(tuesday('RRULE:freq=weekly;byday=tu')))).toBe('Every Tuesday, 19:00–21:00');
    });
  });

  describe('daily', () => {
    it('says every day', () => {
      expect(plain(us(tuesday('FREQ=DAILY')))).toBe('Every day, 7 – 9 PM');
    });

    it('says every other day', () => {
      expect(plain(us(tuesday('FREQ=DAILY;INTERVAL=2')))).toBe('Every other day, 7 – 9 PM');
    });

    it('counts longer intervals in days', () => {
      expect(plain(us(tuesday('FREQ=DAILY;INTERVAL=10')))).toBe('Every 10 days, 7 – 9 PM');
    });

    it('says a daily rule on given weekdays as those weekdays', () => {
      expect(plain(gb(tuesday('FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR')))).toBe('Every weekday, 19:00–21:00');
    });

    it('lists the times of a day with several meetings', () => {
      expect(plain(us(tuesday('FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0', { minutes: 60 })))).toBe('Every day, 9 – 10 AM and 5 – 6 PM');
    });
  });

  describe('monthly', () => {
    it('says the first Monday', () => {
      const monday = tuesday('FREQ=MONTHLY;BYDAY=1MO', { firstStart: '2026-01-05T19:00:00' });

      expect(plain(us(monday))).toBe('Monthly on the first Monday, 7 – 9 PM');
    });

    it('says the last Friday', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYDAY=-1FR')))).toBe('Monthly on the last Friday, 19:00–21:00');
    });

    it('says the second-to-last Sunday', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYDAY=-2SU')))).toBe('Monthly on the second-to-last Sunday, 19:00–21:00');
    });

    it('groups places of one weekday', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYDAY=1TU,3TU')))).toBe('Monthly on the first and third Tuesday, 19:00–21:00');
    });

    it('lists places of different weekdays', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYDAY=1MO,-1FR')))).toBe('Monthly on the first Monday and the last Friday, 19:00–21:00');
    });

    it('takes the day of the month from the first start', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY')))).toBe('Monthly on the 6th, 19:00–21:00');
    });

    it('lists days of the month with their ordinals', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYMONTHDAY=1,15,22,23')))).toBe('Monthly on the 1st, the 15th, the 22nd and the 23rd, 19:00–21:00');
    });

    it('says the last day of the month', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYMONTHDAY=-1')))).toBe('Monthly on the last day, 19:00–21:00');
    });

    it('says every other month', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE')))).toBe('Every other month on the second Wednesday, 19:00–21:00');
    });

    it('counts longer intervals in months', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1')))).toBe('Every 3 months on the 1st, 19:00–21:00');
    });

    it('says the last weekday of a month from BYSETPOS', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1')))).toBe('Monthly on the last weekday, 19:00–21:00');
    });

    it('says the first weekend day of a month from BYSETPOS', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1')))).toBe('Monthly on the first weekend day, 19:00–21:00');
    });

    it('says a single weekday with BYSETPOS as its place', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYDAY=TH;BYSETPOS=3')))).toBe('Monthly on the third Thursday, 19:00–21:00');
    });

    it('says every given weekday of a month', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;INTERVAL=2;BYDAY=TU')))).toBe('Every Tuesday, every other month, 19:00–21:00');
    });

    it('writes numbers past the fifth place as ordinals', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYMONTHDAY=-3')))).toBe('Monthly on the 3rd from last day, 19:00–21:00');
    });

    it('names the months a monthly rule keeps to', () => {
      expect(plain(gb(tuesday('FREQ=MONTHLY;BYDAY=1MO;BYMONTH=1,4,7,10')))).toBe('Monthly on the first Monday in January, April, July and October, 19:00–21:00');
    });
  });

  describe('yearly', () => {
    it('takes the date from the first start', () => {
      expect(plain(gb(tuesday('FREQ=YEARLY')))).toBe('Every year on 6 January, 19:00–21:00');
    });

    it('writes the date the way the locale does', () => {
      expect(plain(us(tuesday('FREQ=YEARLY')))).toBe('Every year on January 6, 7 – 9 PM');
    });

    it('says given dates', () => {
      expect(plain(gb(tuesday('FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=21')))).toBe('Every year on 21 March and 21 September, 19:00–21:00');
    });

    it('says a weekday of a month', () => {
      expect(plain(gb(tuesday('FREQ=YEARLY;BYMONTH=6;BYDAY=-1SA')))).toBe('Every year on the last Saturday of June, 19:00–21:00');
    });

    it('says every other year', () => {
      expect(plain(gb(tuesday('FREQ=YEARLY;INTERVAL=2;BYMONTH=5;BYMONTHDAY=1')))).toBe('Every other year on 1 May, 19:00–21:00');
    });

    it('says the last day of a month', () => {
      expect(plain(gb(tuesday('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1')))).toBe('Every year on the last day of February, 19:00–21:00');
    });

    it('says a yearly rule on days of every month as monthly', () => {
      expect(plain(gb(tuesday('FREQ=YEARLY;BYMONTHDAY=1')))).toBe('Monthly on the 1st, 19:00–21:00');
    });

    it('says every given weekday of some months', () => {
      expect(plain(gb(tuesday('FREQ=YEARLY;BYMONTH=7,8;BYDAY=SU')))).toBe('Every Sunday in July and August, 19:00–21:00');
    });
  });

  describe('ends and lengths', () => {
    it('says how many meetings from when', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;BYDAY=TU;COUNT=10')))).toBe('Every Tuesday, 19:00–21:00, 10 meetings from 6 January 2026');
    });

    it('says a single meeting once', () => {
      expect(plain(gb(tuesday('FREQ=DAILY;COUNT=1')))).toBe('Every day, 19:00–21:00, once on 6 January 2026');
    });

    it('says until a date', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY;BYDAY=TU;UNTIL=20260630')))).toBe('Every Tuesday, 19:00–21:00, until 30 June 2026');
    });

    it('says until the date a UTC end falls on in the circle\'s zone', () => {
      const auckland = tuesday('FREQ=WEEKLY;UNTIL=20260630T200000Z', { timeZone: 'Pacific/Auckland' });

      expect(plain(describeSchedule(auckland, { locale: 'en-GB', zone: 'Pacific/Auckland' }))).toBe('Every Tuesday, 19:00–21:00, until 1 July 2026');
    });

    it('writes a meeting past midnight without dates', () => {
      expect(plain(us(tuesday('FREQ=WEEKLY', { firstStart: '2026-01-06T23:00:00' })))).toBe('Every Tuesday, 11 PM – 1 AM');
    });

    it('writes a whole day as a start and a length', () => {
      expect(plain(gb(tuesday('FREQ=WEEKLY', { minutes: 1440 })))).toBe('Every Tuesday, from 19:00 for 24 hours');
    });

    it('keeps the minutes of a twelve-hour clock when one end needs them', () => {
      expect(plain(us(tuesday('FREQ=WEEKLY', { minutes: 45 })))).toBe('Every Tuesday, 7:00 – 7:45 PM');
    });
  });

  describe('zone', () => {
    it('names the circle\'s zone for a reader elsewhere', () => {
      expect(plain(describeSchedule(tuesday('FREQ=WEEKLY;BYDAY=TU'), { locale: 'en-US', zone: 'America/New_York' }))).toBe('Every Tuesday, 7 – 9 PM (Europe/London)');
    });

    it('writes the zone\'s name with spaces', () => {
      const newYork = tuesday('FREQ=WEEKLY', { timeZone: 'America/New_York' });

      expect(describeSchedule(newYork, { locale: 'en-GB', zone: LONDON })).toContain('(America/New York)');
    });

    it('does not name the zone for a reader in it', () => {
      expect(us(tuesday('FREQ=WEEKLY;BYDAY=TU'))).not.toContain('London');
    });

    it('takes another name of the same zone as the same', () => {
      expect(describeSchedule(tuesday('FREQ=WEEKLY', { timeZone: 'Asia/Calcutta' }), { locale: 'en-GB', zone: 'Asia/Kolkata' })).not.toContain('(');
    });
  });

  describe('rules it cannot put in words', () => {
    const fallback = 'Meets on a pattern of its own, first on Tuesday, 6 January 2026, 19:00–21:00';
    it.each([
      'FREQ=YEARLY;BYYEARDAY=100',
      'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
      'FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR',
      'FREQ=MONTHLY;BYDAY=MO,WE;BYSETPOS=2',
      'FREQ=WEEKLY;BYDAY=1MO',
      'FREQ=DAILY;INTERVAL=2;BYDAY=MO',
      'FREQ=YEARLY;BYDAY=20MO',
      'FREQ=SECONDLY',
      'FREQ=HOURLY;BYHOUR=9,10',
      'FREQ=FORTNIGHTLY',
      'BYDAY=TU',
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=WEEKLY;X-NAME=1',
      'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31',
      '',
    ])('falls back to a sentence for %s', (rrule) => {
      const text = gb(tuesday(rrule));

      expect(plain(text)).toBe(fallback);
      expect(text).not.toContain('FREQ');
    });

    it('says something when the first start is unreadable', () => {
      expect(gb(tuesday('FREQ=WEEKLY', { firstStart: 'soon' }))).toBe('Meets on a pattern of its own');
    });

    it('says an hourly rule from its first start', () => {
      expect(plain(gb(tuesday('FREQ=HOURLY;INTERVAL=4')))).toBe('Every 4 hours, from Tuesday, 6 January 2026, 19:00');
    });
  });
});
