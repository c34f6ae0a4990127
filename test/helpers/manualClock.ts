// A clock that stands still until the test moves it: give `now` to startOstiary (or world) as its
// clock, and `advance` instead of waiting.

export function manualClock(start = Date.now()) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}
