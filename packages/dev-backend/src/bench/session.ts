import { readDemoUsers } from '../demo/users';

// What the dev backend's benchmarks share: logging a demo user in the way O3 does, and latency figures.

export const HD_MANHICA = '88d8abfb-572b-541f-908f-a54d685cb021';

/** The representation esm-patient-search-app asks for. */
export const O3_SEARCH_REP =
  'custom:(patientId,uuid,voided,identifiers,display,patientIdentifier:(uuid,identifier),person:(gender,age,birthdate,birthdateEstimated,personName,addresses,display,dead,deathDate),attributes:(value,attributeType:(uuid,display)))';

/** Logs in the first demo user of `role` at HD Manhiça; answers the session cookie ("JSESSIONID=…"). */
export async function logIn(serverUrl: string, role: string): Promise<string> {
  const user = readDemoUsers().find((u) => u.role === role);
  if (!user) throw new Error(`No demo user with role ${role}`);
  const response = await fetch(`${serverUrl}/ws/rest/v1/session`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ sessionLocation: HD_MANHICA }),
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`Could not log in as ${user.username}: ${response.status}`);
  return cookie;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** p50, p95 (and p99 when asked) and the maximum of `times`, in ms. */
export function describe(times: number[], withP99 = false): string {
  if (times.length === 0) return 'no requests';
  const sorted = [...times].sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(1)} ms`.padStart(9);
  const p99 = withP99 ? `  p99 ${f(percentile(sorted, 99))}` : '';
  return `p50 ${f(percentile(sorted, 50))}  p95 ${f(percentile(sorted, 95))}${p99}  max ${f(sorted[sorted.length - 1])}`;
}
