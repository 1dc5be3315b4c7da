/**
 * The time source for everything that depends on "now" (token expiry, deadlines, audit rows).
 * Injected so tests move time forward instead of sleeping.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * A clock tests set and advance by hand. Frozen by default; `run()` lets it flow at real speed
 * from wherever it was set, so a test can put "now" two seconds before a deadline and watch a
 * real delayed job fire, instead of sleeping until a statutory date.
 */
export class ManualClock extends Clock {
  private current: number;
  private runningSince: number | null = null;
  constructor(start: Date | string = new Date()) {
    super();
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current + (this.runningSince === null ? 0 : Date.now() - this.runningSince));
  }
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
    if (this.runningSince !== null) this.runningSince = Date.now();
  }
  advance(ms: number): void {
    this.current += ms;
  }
  run(): void {
    if (this.runningSince === null) this.runningSince = Date.now();
  }
  freeze(): void {
    this.current = this.now().getTime();
    this.runningSince = null;
  }
}
