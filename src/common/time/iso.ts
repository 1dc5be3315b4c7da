/** ISO 8601 with the +08:00 offset the centers live in (DESIGN §6): what a clerk reads as local time. */
export function toIso(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}
