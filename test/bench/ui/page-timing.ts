// Timings taken inside the page (performance.now, requestAnimationFrame), so Playwright's
// round trips are not part of them.
import type { Page } from 'playwright-core';

/**
 * Clicks the sidebar button `screen` and returns the milliseconds until the frame that shows the
 * first element matching `selector` has been produced (its rAF, then the task after it).
 */
export function clickUntilShown(page: Page, screen: string, selector: string): Promise<number> {
  return page.evaluate(
    async ({ screen, selector }) => {
      const buttons = [...document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Main"] button')];
      const button = buttons.find((b) => b.textContent?.trim() === screen);
      if (!button) throw new Error(`no sidebar button ${screen}`);
      const started = performance.now();
      button.click();
      await new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)) return;
          observer.disconnect();
          resolve();
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return performance.now() - started;
    },
    { screen, selector },
  );
}

/**
 * The intervals between `frames` + 1 consecutive animation frames of the page; in each frame the
 * element `selector` is scrolled down by `step` pixels (0: the page sits idle).
 */
export function frameIntervals(page: Page, selector: string, frames: number, step: number): Promise<number[]> {
  return page.evaluate(
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    async ({ selector, frames, step }) => {
      const element = document.querySelector(selector);
      if (!element) throw new Error(`nothing matches ${selector}`);
      const stamps: number[] = [];
      while (stamps.length <= frames) {
        // Resolved in the frame's rAF phase, so the scroll below lands in the same frame.
        stamps.push(await new Promise<number>((resolve) => requestAnimationFrame(resolve)));
        element.scrollTop += step;
      }
      return stamps.slice(1).map((t, i) => t - stamps[i]!);
    },
    { selector, frames, step },
  );
}
