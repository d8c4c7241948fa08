import type { Locator } from 'playwright-core'

/**
 * playwright-core has no test runner and so no web-first assertions: these
 * poll the page until the condition holds, or fail with what was last seen.
 */
const TIMEOUT_MS = 20_000

async function poll<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  describe: (value: T) => string,
): Promise<void> {
  const deadline = Date.now() + TIMEOUT_MS
  let last: T = await read()
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(describe(last))
    await new Promise((resolve) => setTimeout(resolve, 50))
    last = await read()
  }
}

function matches(actual: string | null, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? actual === expected : actual !== null && expected.test(actual)
}

export function expect(locator: Locator) {
  return {
    /** One element whose text is `expected` (or matches it), or exactly these texts in order. */
    toHaveText: (expected: string | RegExp | string[]) =>
      poll(
        () => locator.allTextContents(),
        (texts) =>
          Array.isArray(expected)
            ? JSON.stringify(texts) === JSON.stringify(expected)
            : texts.length === 1 && matches(typeof expected === 'string' ? texts[0]! : texts[0]!.trim(), expected),
        (texts) => `${locator} text: expected ${JSON.stringify(expected)}, got ${JSON.stringify(texts)}`,
      ),
    toHaveCount: (expected: number) =>
      poll(
        () => locator.count(),
        (count) => count === expected,
        (count) => `${locator}: expected ${expected} elements, got ${count}`,
      ),
    toHaveCountAtLeast: (minimum: number) =>
      poll(
        () => locator.count(),
        (count) => count >= minimum,
        (count) => `${locator}: expected at least ${minimum} elements, got ${count}`,
      ),
    toHaveAttribute: (name: string, expected: string | RegExp) =>
      poll(
        () => locator.getAttribute(name, { timeout: TIMEOUT_MS }),
        (value) => matches(value, expected),
        (value) => `${locator} [${name}]: expected ${String(expected)}, got ${JSON.stringify(value)}`,
      ),
    /** Shown: in the layout and not `visibility: hidden` (a closed drawer is neither seen nor reachable). */
    toBeVisible: () =>
      poll(
        () => locator.isVisible(),
        (visible) => visible,
        () => `${locator}: expected visible, it is hidden`,
      ),
    toBeHidden: () =>
      poll(
        () => locator.isVisible(),
        (visible) => !visible,
        () => `${locator}: expected hidden, it is visible`,
      ),
    /** A field's value. */
    toHaveValue: (expected: string) =>
      poll(
        () => locator.inputValue({ timeout: TIMEOUT_MS }),
        (value) => value === expected,
        (value) => `${locator} value: expected ${JSON.stringify(expected)}, got ${JSON.stringify(value)}`,
      ),
    toHaveClass: (expected: RegExp) =>
      poll(
        () => locator.getAttribute('class', { timeout: TIMEOUT_MS }),
        (value) => matches(value, expected),
        (value) => `${locator} class: expected ${String(expected)}, got ${JSON.stringify(value)}`,
      ),
  }
}
