// Numbers as people type them into a form: 120,000 · 1.2M · 15k · 3 400 · 8:31 for a duration.
// Each parser returns null for text that is not such a number, so the form can say which field.

const SUFFIX: Record<string, number> = { '': 1, k: 1e3, m: 1e6, b: 1e9 };

// A count: digits with optional thousands separators (commas, spaces, underscores), an optional
// fraction, and an optional k / M / B suffix. "1,5" is refused (a European decimal or a typo).
export function parseCount(text: string): number | null {
  const t = text.trim().replace(/[\s_]/g, '').toLowerCase();
  const m = t.match(/^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?([kmb]?)$/);
  if (!m || (!m[2] && !m[3])) return null;
  const value = Number((m[2] ?? '0').replace(/,/g, '') + (m[3] ?? '')) * SUFFIX[m[4]];
  // 1.2M is 1200000, not 1200000.0000000002.
  const rounded = Math.round(value * 1e6) / 1e6;
  return m[1] === '-' ? -rounded : rounded;
}

// A duration in seconds: a count ("511", "1.5k") or a clock reading ("8:31", "1:02:03").
export function parseDuration(text: string): number | null {
  const t = text.trim();
  const clock = t.match(/^(?:(\d+):)?(\d{1,2}):(\d{2})$/);
  if (clock) {
    const [h, m, s] = [Number(clock[1] ?? 0), Number(clock[2]), Number(clock[3])];
    return m < 60 && s < 60 ? h * 3600 + m * 60 + s : null;
  }
  return parseCount(t);
}

// An ISO 8601 date-time, written back as the API takes it: "2024-05-01 12:00" becomes
// "2024-05-01T12:00:00Z" (no zone means UTC; a date alone means its midnight).
const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
export function parseDate(text: string): string | null {
  const m = text.trim().match(ISO);
  if (!m) return null;
  const zone = (m[6] ?? 'Z').toUpperCase().replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const out = `${m[1]}T${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}${m[5] ?? ''}${zone}`;
  return Number.isNaN(Date.parse(out)) ? null : out;
}
