/** The studio's JSON API, with the session token on every request that changes something. */

const token = document.querySelector<HTMLMetaElement>('meta[name="atomkit-studio-token"]')?.content ?? '';

/** A refusal from the server: its `ATOMKIT_ERR_*` code, message and any details (a conflict's diff). */
export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * @example await api('GET', '/api/review') //=> { items: [...] }
 */
export async function api<T>(method: 'GET' | 'POST', url: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: 'application/json', ...(method === 'POST' ? { 'content-type': 'application/json', 'x-atomkit-token': token } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiFailure(0, 'NETWORK', 'The studio server does not answer; is `atomkit studio` still running?', {});
  }
  const payload = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } & Record<string, unknown> };
  if (!response.ok) {
    const { code = 'UNKNOWN', message = `The server answered ${response.status}.`, ...details } = payload.error ?? {};
    throw new ApiFailure(response.status, code, message, details);
  }
  return payload as T;
}

/** GETs started before the view that makes them has loaded (see `prefetch`), by URL. */
const early = new Map<string, Promise<unknown>>();

/**
 * Starts the GET a view is about to make, so it runs while the view's code loads; the view's
 * `get` of the same URL takes it over. `forgetPrefetched` drops what no view took.
 */
export function prefetch(url: string): void {
  const started = api('GET', url);
  // The view that takes it over sees the failure; until then it is not unhandled.
  started.catch(() => {});
  early.set(url, started);
}

export function forgetPrefetched(): void {
  early.clear();
}

export const get = <T>(url: string) => {
  const started = early.get(url);
  early.delete(url);
  return (started as Promise<T> | undefined) ?? api<T>('GET', url);
};
export const post = <T>(url: string, body: unknown, signal?: AbortSignal) => api<T>('POST', url, body, signal);

/** `?path=` for a project-relative path. */
export const withPath = (url: string, path: string) => `${url}?path=${encodeURIComponent(path)}`;
