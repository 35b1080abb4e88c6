import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { DEFAULT_SPA_DIR } from '@poc-emr/gateway';

/** Bytes of the gzip file the gateway holds next to a served file of the SPA (the bytes a gzip transfer carries). */
export function gzipBytes(url: string): number {
  const file = path.join(DEFAULT_SPA_DIR, decodeURIComponent(new URL(url).pathname.replace(/^\/openmrs\/spa\//, '')));
  return fs.statSync(`${file}.gz`).size;
}

/** One request as Chromium's DevTools protocol saw it. */
export interface RequestRecord {
  url: string;
  method: string;
  type: string;
  status?: number;
  contentEncoding?: string;
  /** Bytes on the wire: headers and (compressed) body. */
  encodedBytes: number;
  /** Body after decompression. */
  decodedBytes: number;
  /** The request's body (a POST's JSON), as sent. */
  requestBytes: number;
  failed?: string;
}

export interface NetworkSummary {
  requests: number;
  /** Bytes transferred as served (brotli/gzip where the server compresses), headers included. */
  encodedBytes: number;
  /** The same bodies decompressed: what an uncompressed transfer would carry, without headers. */
  decodedBytes: number;
  byType: Record<string, { requests: number; encodedBytes: number; decodedBytes: number }>;
}

/**
 * Records every request of a page through the DevTools protocol, which gives for each response both the
 * bytes received on the wire (encodedDataLength) and the decoded body length (sum of dataReceived).
 */
export class NetworkRecorder {
  private readonly records = new Map<string, RequestRecord>();
  private readonly inFlight = new Set<string>();
  private lastActivity = Date.now();

  private constructor(cdp: CDPSession) {
    this.listen(cdp);
  }

  /** Records the requests of another DevTools session too (a service worker's, which fetches for the page). */
  listen(cdp: Pick<CDPSession, 'on'>): void {
    cdp.on('Network.requestWillBeSent', (e) => {
      this.inFlight.add(e.requestId);
      this.lastActivity = Date.now();
      this.records.set(e.requestId, {
        url: e.request.url,
        method: e.request.method,
        type: e.type ?? 'Other',
        encodedBytes: 0,
        decodedBytes: 0,
        requestBytes: Buffer.byteLength(e.request.postData ?? ''),
      });
    });
    cdp.on('Network.responseReceived', (e) => {
      const record = this.records.get(e.requestId);
      if (!record) return;
      record.status = e.response.status;
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      record.contentEncoding = headers['content-encoding'];
    });
    cdp.on('Network.dataReceived', (e) => {
      const record = this.records.get(e.requestId);
      if (record) record.decodedBytes += e.dataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const record = this.records.get(e.requestId);
      if (record) record.encodedBytes = e.encodedDataLength;
      this.settle(e.requestId);
    });
    cdp.on('Network.loadingFailed', (e) => {
      const record = this.records.get(e.requestId);
      if (record) record.failed = e.errorText;
      this.settle(e.requestId);
    });
  }

  /** On the page's own DevTools session, or on `cdp` when the caller drives that session too (network emulation). */
  static async attach(page: Page, cdp?: CDPSession): Promise<NetworkRecorder> {
    cdp ??= await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    return new NetworkRecorder(cdp);
  }

  private settle(requestId: string): void {
    this.inFlight.delete(requestId);
    this.lastActivity = Date.now();
  }

  /**
   * Resolves once no request has been in flight for `quietMs` (Playwright's networkidle only applies to
   * the document load, not to the client-side navigations of a single-page app).
   */
  async idle(quietMs = 500, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0 || Date.now() - this.lastActivity < quietMs) {
      if (Date.now() > deadline)
        throw new Error(`Network not idle after ${timeoutMs} ms: ${this.inFlight.size} in flight`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The requests since the last reset. */
  list(): RequestRecord[] {
    return [...this.records.values()];
  }

  reset(): void {
    this.records.clear();
  }

  summary(): NetworkSummary {
    const byType: NetworkSummary['byType'] = {};
    let encodedBytes = 0;
    let decodedBytes = 0;
    for (const r of this.list()) {
      encodedBytes += r.encodedBytes;
      decodedBytes += r.decodedBytes;
      const t = (byType[r.type] ??= { requests: 0, encodedBytes: 0, decodedBytes: 0 });
      t.requests += 1;
      t.encodedBytes += r.encodedBytes;
      t.decodedBytes += r.decodedBytes;
    }
    return { requests: this.records.size, encodedBytes, decodedBytes, byType };
  }
}

export function formatSummary(label: string, s: NetworkSummary): string {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const lines = [
    `${label}: ${s.requests} requests, ${kb(s.encodedBytes)} transferred (compressed), ${kb(s.decodedBytes)} decoded`,
  ];
  for (const [type, t] of Object.entries(s.byType).sort((a, b) => b[1].decodedBytes - a[1].decodedBytes)) {
    lines.push(
      `  ${type.padEnd(12)} ${String(t.requests).padStart(4)}  ${kb(t.encodedBytes).padStart(10)}  ${kb(t.decodedBytes).padStart(10)}`,
    );
  }
  return lines.join('\n');
}
