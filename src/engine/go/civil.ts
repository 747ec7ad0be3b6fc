/**
 * Proleptic Gregorian calendar arithmetic on epoch seconds, for any year (Go's `time`
 * package allows years JavaScript's `Date` mangles, such as year 1 or year 0).
 * Days from civil and back follow H. Hinnant's algorithms.
 */

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The civil date of a count of days since 1970-01-01 (inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Seconds since the epoch of a civil date and second-of-day read as UTC. */
export function civilToSeconds(year: number, month: number, day: number, secondOfDay: number): number {
  return daysFromCivil(year, month, day) * 86400 + secondOfDay;
}

/** The civil date and second-of-day of an epoch second read as UTC (inverse of {@link civilToSeconds}). */
export function secondsToCivil(seconds: number): { year: number; month: number; day: number; secondOfDay: number } {
  const days = Math.floor(seconds / 86400);
  return { ...civilFromDays(days), secondOfDay: seconds - days * 86400 };
}
