// Sends uploads for bench/hostile_input.ts from a thread of its own: a 5 MB fetch body keeps
// the sending event loop busy, and the probe measuring the server's delay must not wait for it.
/// <reference lib="deno.worker" />

export interface Upload {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer>;
}

self.onmessage = async (e: MessageEvent<{ id: number; uploads: Upload[] }>) => {
  const { id, uploads } = e.data;
  try {
    const statuses = await Promise.all(uploads.map(async (u) => {
      const res = await fetch(u.url, { method: u.method, headers: u.headers, body: u.body });
      await res.arrayBuffer();
      return res.status;
    }));
    self.postMessage({ id, statuses });
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
