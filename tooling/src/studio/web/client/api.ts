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

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body: unknown, signal?: AbortSignal) => api<T>('POST', url, body, signal);

/** `?path=` for a project-relative path. */
export const withPath = (url: string, path: string) => `${url}?path=${encodeURIComponent(path)}`;
