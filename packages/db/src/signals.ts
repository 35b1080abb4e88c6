/**
 * Ctrl-C or a kill (SIGINT, SIGTERM, SIGHUP) aborts the returned signal instead of ending the process at
 * once, so a long command can drop or delete what it half wrote before it leaves (exit 130 or 143).
 */
export function stopOnSignals(): AbortSignal {
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.exitCode = signal === 'SIGINT' ? 130 : 143;
      stop.abort();
    });
  }
  return stop.signal;
}
