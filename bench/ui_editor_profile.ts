// Profiling a step of the editor bench (`bench/ui_editor.ts --profile=DIR`): Chromium's CPU
// profile of the page's JavaScript, a trace of the whole browser (style, layout, paint,
// layerization: where a slow frame's time goes when it is not script) and a screenshot of
// what was on screen when the step began.
import type { Page } from "playwright-core";

/**
 * Runs `fn` under Chromium's CPU profiler and tracing: `<prefix>.cpuprofile` (open in DevTools'
 * Performance panel or read its self times) and `<prefix>.trace.json` (layout, style, paint),
 * with a screenshot of the page before (`<prefix>.png`).
 */
export async function profiled<T>(page: Page, prefix: string, fn: () => Promise<T>): Promise<T> {
  await page.screenshot({ path: `${prefix}.png` });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 250 });
  await cdp.send("Profiler.start");
  const browser = page.context().browser()!;
  await browser.startTracing(page, { path: `${prefix}.trace.json` });
  try {
    return await fn();
  } finally {
    await browser.stopTracing();
    const { profile } = await cdp.send("Profiler.stop");
    await Deno.writeTextFile(`${prefix}.cpuprofile`, JSON.stringify(profile));
    await cdp.detach();
  }
}
