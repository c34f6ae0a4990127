// Polls `check` every `everyMs` until it holds or `withinMs` have passed since `since`, and says
// how long it took. Tests assert on what it returns, so a condition that never holds still fails
// on the test's own assertion, with its own message.

export async function eventually(
  check: () => Promise<boolean>,
  withinMs: number,
  { everyMs = 100, since = performance.now() } = {},
): Promise<{ held: boolean; ms: number }> {
  for (;;) {
    const held = await check().catch(() => false);
    const ms = performance.now() - since;
    if (held || ms >= withinMs) return { held, ms };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
