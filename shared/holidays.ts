import { addDays, type IsoDate, isoWeekday } from "./dates.ts";

/**
 * The Swedish calendar for deadlines: public holidays (allmänna helgdagar, lag 1989:253) plus the
 * eves that are de facto non-business days (midsommarafton, julafton, nyårsafton). Pure and
 * table-free, so it works for any year.
 */
export type HolidayName =
  | "nyårsdagen"
  | "trettondedag jul"
  | "långfredagen"
  | "påskafton"
  | "påskdagen"
  | "annandag påsk"
  | "första maj"
  | "Kristi himmelsfärdsdag"
  | "pingstdagen"
  | "nationaldagen"
  | "midsommarafton"
  | "midsommardagen"
  | "alla helgons dag"
  | "julafton"
  | "juldagen"
  | "annandag jul"
  | "nyårsafton";

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`;

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The first date in [from, from + 6] that falls on the given ISO weekday (6 = Saturday). */
function weekdayFrom(from: IsoDate, weekday: number): IsoDate {
  const shift = (weekday - isoWeekday(from) + 7) % 7;
  return addDays(from, shift);
}

/** Every holiday and non-business eve of a year, by date. */
export function swedishHolidays(year: number): ReadonlyMap<IsoDate, HolidayName> {
  const easter = easterSunday(year);
  const midsommardagen = weekdayFrom(iso(year, 6, 20), 6);
  const days: [IsoDate, HolidayName][] = [
    [iso(year, 1, 1), "nyårsdagen"],
    [iso(year, 1, 6), "trettondedag jul"],
    [addDays(easter, -2), "långfredagen"],
    [addDays(easter, -1), "påskafton"],
    [easter, "påskdagen"],
    [addDays(easter, 1), "annandag påsk"],
    [iso(year, 5, 1), "första maj"],
    [addDays(easter, 39), "Kristi himmelsfärdsdag"],
    [addDays(easter, 49), "pingstdagen"],
    [iso(year, 6, 6), "nationaldagen"],
    [addDays(midsommardagen, -1), "midsommarafton"],
    [midsommardagen, "midsommardagen"],
    [weekdayFrom(iso(year, 10, 31), 6), "alla helgons dag"],
    [iso(year, 12, 24), "julafton"],
    [iso(year, 12, 25), "juldagen"],
    [iso(year, 12, 26), "annandag jul"],
    [iso(year, 12, 31), "nyårsafton"],
  ];
  return new Map(days);
}

const cache = new Map<number, ReadonlyMap<IsoDate, HolidayName>>();

export function holidayName(date: IsoDate): HolidayName | undefined {
  const year = Number(date.slice(0, 4));
  let holidays = cache.get(year);
  if (!holidays) {
    holidays = swedishHolidays(year);
    cache.set(year, holidays);
  }
  return holidays.get(date);
}

/** Monday to Friday and neither a public holiday nor a non-business eve. */
export function isBusinessDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 5 && holidayName(date) === undefined;
}

/** The date itself when it is a business day, else the next one. */
export function nextBusinessDay(date: IsoDate): IsoDate {
  let day = date;
  while (!isBusinessDay(day)) day = addDays(day, 1);
  return day;
}
