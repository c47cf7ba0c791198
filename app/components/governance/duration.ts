/** A span of seconds in the largest unit that keeps it readable ("60 s", "48 h"); the units read alike in en and zh. */
export function durationText(seconds: bigint | number): string {
  const value = Number(seconds);
  if (value < 120) return `${value} s`;
  if (value < 7_200) return `${Math.round(value / 60)} min`;
  if (value < 172_800) return `${Math.round(value / 3_600)} h`;
  return `${Math.round(value / 86_400)} d`;
}
