import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type Response from 'twilio/lib/http/response';
import {
  backoffDelay,
  isApiRateLimit,
  isTransientNetworkError,
  realSleep,
  type RetryPolicy,
  type Sleep,
} from './retry-policy';

export interface RoutedRequestClientOptions {
  /** http(s)://host[:port] that replaces Twilio's protocol and host on every request; null for Twilio itself. */
  baseUrl: string | null;
  timeoutMs: number;
  retry: RetryPolicy;
  sleep?: Sleep;
  /** Called before each retry, so health and logs can see it. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; uri: string }) => void;
}

/**
 * The twilio client's HTTP layer with two additions:
 * - a base URL override: twilio-node has no such option (edge/region only rename Twilio hosts), so
 *   each request's protocol and host are swapped here, for a gateway or a fake server in tests;
 *   the path, query, form body and Basic auth stay exactly what the library built;
 * - our retry policy (see retry-policy.ts): GET requests only, on 20429 and transient network
 *   errors, with backoff and a cap. POSTs (a send, a check) are never retried.
 */
export class RoutedRequestClient extends twilio.RequestClient {
  private readonly base: URL | null;
  private readonly sleep: Sleep;

  constructor(private readonly options: RoutedRequestClientOptions) {
    super({ timeout: options.timeoutMs, autoRetry: false });
    this.base = options.baseUrl ? new URL(options.baseUrl) : null;
    this.sleep = options.sleep ?? realSleep;
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<Response<TData>> {
    const routed = { ...opts, uri: this.route(opts.uri), timeout: opts.timeout ?? this.options.timeoutMs };
    const isRead = String(opts.method).toLowerCase() === 'get';
    for (let attempt = 1; ; attempt++) {
      let response: Response<TData>;
      try {
        response = await super.request<TData>(routed);
      } catch (error) {
        if (!isRead || attempt > this.options.retry.maxRetries || !isTransientNetworkError(error)) throw error;
        await this.wait(attempt, undefined, String((error as { code?: string }).code), routed.uri);
        continue;
      }
      if (!isRead || attempt > this.options.retry.maxRetries || !isApiRateLimit(response.statusCode, response.body)) {
        return response;
      }
      const retryAfter = Number((response.headers as Record<string, unknown> | undefined)?.['retry-after']);
      await this.wait(attempt, Number.isFinite(retryAfter) ? retryAfter : undefined, '20429', routed.uri);
    }
  }

  private async wait(attempt: number, retryAfter: number | undefined, reason: string, uri: string): Promise<void> {
    const delayMs = backoffDelay(this.options.retry, attempt, retryAfter);
    this.options.onRetry?.({ attempt, delayMs, reason, uri });
    await this.sleep(delayMs);
  }

  private route(uri: string): string {
    if (!this.base) return uri;
    const url = new URL(uri);
    url.protocol = this.base.protocol;
    url.host = this.base.host;
    return url.href;
  }
}
