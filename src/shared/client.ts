import { API_METHODS, type ApiClient, type ApiMethod } from './contract';
import type { Result } from './result';

/** One call over some wire: IPC in Electron, HTTP in the web shell. */
export type Transport = (method: ApiMethod, input: unknown) => Promise<Result<unknown>>;

/** Builds the typed client from the method list, so no shell lists the methods by hand. */
export function createClient(transport: Transport): ApiClient {
  const client: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const name of API_METHODS) client[name] = (input) => transport(name, input ?? {});
  return client as ApiClient;
}

/**
 * The web shell's transport: POST /api/<method> with the per-launch token. The operator's session
 * travels as an HttpOnly cookie the page cannot read; `activity` says whether a person did
 * something lately (a background refresh does not keep the session from the idle lock).
 */
export function httpTransport(
  baseUrl: string,
  token: string,
  fetchImpl: typeof fetch = fetch,
  activity: () => boolean = () => true,
): Transport {
  return async (method, input) => {
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'x-console-activity': activity() ? '1' : '0',
        },
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
      });
      text = await response.text();
    } catch (error) {
      // Never a rejected promise: the caller always gets the envelope and can say what happened.
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'TRANSPORT', message: `The console did not answer ${method}: ${reason}` } };
    }
    try {
      return JSON.parse(text) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: { code: 'TRANSPORT', message: `HTTP ${response.status} from the console: ${text.slice(0, 200)}` },
      };
    }
  };
}
