// Pointer work of the editor bench in the page: a drag timed frame by frame (Chromium's
// requestAnimationFrame timestamps between the press and the release, and the drop until
// painted), and finding a task node of our editor to click or drag.
import type { Page } from "playwright-core";
import type { EditorBench } from "./ui_editor_page.ts";

declare const procedoBench: EditorBench;

export interface DragTimes {
  /** ms between consecutive frames from the press to the release. */
  frames: number[];
  /** ms from the release until the frame after it was painted (the drop's commit). */
  drop: number;
}

/**
 * Presses on (x, y), moves by (dx, dy) in `steps` pointer events, releases. Frames are counted in
 * the page with requestAnimationFrame timestamps; the release's own timestamp splits the
 * drag from the drop.
 */
export async function dragFrames(
  page: Page,
  at: { x: number; y: number },
  move: { dx: number; dy: number; steps: number },
): Promise<DragTimes> {
  await page.mouse.move(at.x, at.y);
  await page.evaluate(() => {
    const times: number[] = [];
    const marks: Record<string, number> = {};
    let on = true;
    const tick = (t: number) => {
      times.push(t);
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    addEventListener("pointerdown", (e) => (marks.down = e.timeStamp), {
      capture: true,
      once: true,
    });
    addEventListener("pointerup", (e) => {
      marks.up = e.timeStamp;
      requestAnimationFrame(() => setTimeout(() => (marks.dropped = performance.now()), 0));
    }, { capture: true, once: true });
    Object.assign(globalThis, { benchDrag: { times, marks, stop: () => (on = false) } });
  });
  await page.mouse.down();
  await page.mouse.move(at.x + move.dx, at.y + move.dy, { steps: move.steps });
  await page.mouse.up();
  await page.waitForFunction(() =>
    (globalThis as unknown as { benchDrag: { marks: { dropped?: number } } }).benchDrag.marks
      .dropped !== undefined
  );
  return await page.evaluate(() => {
    const d = (globalThis as unknown as {
      benchDrag: { times: number[]; marks: Record<string, number>; stop(): void };
    }).benchDrag;
    d.stop();
    const during = d.times.filter((t) => t >= d.marks.down && t <= d.marks.up);
    return {
      frames: during.slice(1).map((t, i) => t - during[i]),
      drop: d.marks.dropped - d.marks.up,
    };
  });
}

/**
 * The task node nearest the middle of the editor's fitted view, zoomed to 100 % and brought
 * into view (where a person edits): its id and screen centre.
 */
export async function ourTaskAt100(page: Page): Promise<{ id: string; x: number; y: number }> {
  await page.evaluate(async () => {
    const canvas = procedoBench.canvas()!;
    const box = canvas.getBoundingClientRect();
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    let best = { id: "", d: Infinity };
    for (const el of canvas.shadowRoot!.querySelectorAll("g.node.task[data-node-id]")) {
      const r = el.getBoundingClientRect();
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (d < best.d) best = { id: el.getAttribute("data-node-id")!, d };
    }
    // deno-lint-ignore no-explicit-any
    const editor = procedoBench.editor() as any;
    const node = editor.stack.graph.nodes.find((n: { id: string }) => n.id === best.id);
    // Centred at 100 %, so the drag stays inside the view.
    const vp = canvas.viewport;
    vp.zoomTo(1);
    vp.panBy(
      vp.width / 2 - (node.x + node.width / 2) - vp.x,
      vp.height / 2 - (node.y + node.height / 2) - vp.y,
    );
    (globalThis as unknown as { benchTarget: string }).benchTarget = best.id;
    await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  });
  return await page.evaluate(() => {
    const id = (globalThis as unknown as { benchTarget: string }).benchTarget;
    const el = procedoBench.canvas()!.shadowRoot!.querySelector(
      `[data-node-id="${CSS.escape(id)}"]`,
    )!;
    const r = el.getBoundingClientRect();
    return { id, x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
}

/** The task node nearest the middle of the editor's canvas (to click): id and centre. */
export const ourTaskNearCentre = (page: Page) =>
  page.evaluate(() => {
    const canvas = procedoBench.canvas()!;
    const box = canvas.getBoundingClientRect();
    const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
    let best = { id: "", x: 0, y: 0, d: Infinity };
    for (const el of canvas.shadowRoot!.querySelectorAll("g.node.task[data-node-id]")) {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const d = Math.hypot(x - cx, y - cy);
      if (d < best.d) best = { id: el.getAttribute("data-node-id")!, x, y, d };
    }
    return { id: best.id, x: best.x, y: best.y };
  });
