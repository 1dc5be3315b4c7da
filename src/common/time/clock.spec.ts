import { ManualClock, SystemClock } from './clock';

const T0 = '2026-11-24T20:00:00.000Z';
const ms = (iso: string): number => Date.parse(iso);
const sleep = (millis: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, millis));
/** Timers may fire a millisecond or two early against Date.now(); lower bounds allow for it. */
const WAIT = 50;
const EARLY = 5;

describe('SystemClock', () => {
  it('reads the real time', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

describe('ManualClock, frozen (the default)', () => {
  it.each<[string, Date | string]>([
    ['an ISO string', T0],
    ['a Date', new Date(T0)],
    // Same instant written in Beijing time.
    ['a +08:00 string', '2026-11-25T04:00:00+08:00'],
  ])('starts at %s', (_label, start) => {
    expect(new ManualClock(start).now()).toEqual(new Date(T0));
  });

  it('starts at the real time when given nothing', () => {
    const before = Date.now();
    const now = new ManualClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('does not move while real time passes', async () => {
    const clock = new ManualClock(T0);
    await sleep(WAIT);
    expect(clock.now()).toEqual(new Date(T0));
  });

  it('hands out a copy: mutating the returned Date does not move the clock', () => {
    const clock = new ManualClock(T0);
    clock.now().setTime(0);
    expect(clock.now()).toEqual(new Date(T0));
  });

  it.each<[string, (c: ManualClock) => void, string]>([
    // set replaces the time, from a string or a Date, forward or back.
    ['set to a later string', (c) => c.set('2026-11-25T00:00:00.000Z'), '2026-11-25T00:00:00.000Z'],
    ['set to an earlier Date', (c) => c.set(new Date('2026-01-01T00:00:00.000Z')), '2026-01-01T00:00:00.000Z'],
    // advance adds milliseconds: 4 h = 14 400 000 ms.
    ['advance 4 h', (c) => c.advance(4 * 3_600_000), '2026-11-25T00:00:00.000Z'],
    // A negative advance moves back.
    ['advance −1 ms', (c) => c.advance(-1), '2026-11-24T19:59:59.999Z'],
    // Advances add up: 1 day + 1 day.
    [
      'advance twice',
      (c) => {
        c.advance(86_400_000);
        c.advance(86_400_000);
      },
      '2026-11-26T20:00:00.000Z',
    ],
    // set then advance: from the set value.
    [
      'set then advance',
      (c) => {
        c.set('2027-02-06T00:00:00.000Z');
        c.advance(1_000);
      },
      '2027-02-06T00:00:01.000Z',
    ],
    // freeze on a frozen clock changes nothing.
    ['freeze while frozen', (c) => c.freeze(), T0],
  ])('%s', (_label, act, expected) => {
    const clock = new ManualClock(T0);
    act(clock);
    expect(clock.now()).toEqual(new Date(expected));
  });
});

describe('ManualClock, running', () => {
  it('run() makes it flow at real speed from where it was', async () => {
    const clock = new ManualClock(T0);
    const before = Date.now();
    clock.run();
    await sleep(WAIT);
    const elapsed = clock.now().getTime() - ms(T0);
    const realElapsed = Date.now() - before;
    // At least the wait (less timer jitter), at most the real time that passed around it.
    expect(elapsed).toBeGreaterThanOrEqual(WAIT - EARLY);
    expect(elapsed).toBeLessThanOrEqual(realElapsed);
  });

  it('run() twice does not restart the flow', async () => {
    const clock = new ManualClock(T0);
    clock.run();
    await sleep(WAIT);
    clock.run();
    await sleep(WAIT);
    // Both waits count: a second run() must not drop the time since the first.
    expect(clock.now().getTime() - ms(T0)).toBeGreaterThanOrEqual(2 * WAIT - EARLY);
  });

  it('freeze() stops it where it was', async () => {
    const clock = new ManualClock(T0);
    clock.run();
    await sleep(WAIT);
    clock.freeze();
    const stopped = clock.now();
    expect(stopped.getTime() - ms(T0)).toBeGreaterThanOrEqual(WAIT - EARLY);
    await sleep(WAIT);
    expect(clock.now()).toEqual(stopped);
  });

  it('set() while running keeps it running from the new value', async () => {
    const clock = new ManualClock(T0);
    clock.run();
    await sleep(WAIT);
    const target = '2026-11-24T23:59:58.000Z'; // two seconds before a midnight deadline
    const before = Date.now();
    clock.set(target);
    // Right after set: the new value, not the new value plus the time already run.
    expect(clock.now().getTime() - ms(target)).toBeLessThanOrEqual(Date.now() - before);
    await sleep(WAIT);
    const elapsed = clock.now().getTime() - ms(target);
    expect(elapsed).toBeGreaterThanOrEqual(WAIT - EARLY);
    expect(elapsed).toBeLessThanOrEqual(Date.now() - before);
  });

  it('advance() while running shifts it and keeps it running', async () => {
    const clock = new ManualClock(T0);
    clock.run();
    clock.advance(3_600_000);
    await sleep(WAIT);
    // 1 h jump plus the real wait.
    expect(clock.now().getTime() - ms(T0)).toBeGreaterThanOrEqual(3_600_000 + WAIT - EARLY);
  });

  it('after freeze(), run() flows again from the frozen value', async () => {
    const clock = new ManualClock(T0);
    clock.run();
    await sleep(WAIT);
    clock.freeze();
    const stopped = clock.now().getTime();
    await sleep(WAIT); // not counted: frozen
    const before = Date.now();
    clock.run();
    await sleep(WAIT);
    const elapsed = clock.now().getTime() - stopped;
    expect(elapsed).toBeGreaterThanOrEqual(WAIT - EARLY);
    // No more than the real time since run(): the frozen wait was not counted.
    expect(elapsed).toBeLessThanOrEqual(Date.now() - before);
  });
});
