/** The wait a server asks for in `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date. */

/** In ms, clamped to 0..maxMs (default 1 h); undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number, maxMs = 60 * 60_000): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  let ms: number;
  // Integer seconds per the RFC; some servers send a fraction.
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  // The three HTTP date forms all start with the day's name; Date.parse alone takes "-3" or "1" for a year.
  else if (/^[A-Za-z]{3}/.test(text)) {
    const date = Date.parse(text);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  } else return undefined;
  return Math.min(Math.max(0, ms), maxMs);
}
