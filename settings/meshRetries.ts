import { durationMs } from "./duration";
import { describeValue } from "./errors";
import type { RetrySettings } from "./meshTypes";

/**
 * Istio's own retry policy (pilot's `route/retry` package: 2 retries on `connect-failure,refused-stream,
 * unavailable,cancelled,retriable-status-codes`, with 503 as the retriable status). Istio reads a number in
 * `retryOn` as a retriable status code.
 */
export const defaultRetries: RetrySettings = Object.freeze({
  attempts: 2,
  perTryTimeout: "10s",
  retryOn: "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503",
});

/**
 * Envoy retry conditions that fire after the upstream may already have acted on the request: any 5xx, a gateway
 * error (502/503/504, a 504 after the upstream timed out mid-request) and a reset after the request was sent. A
 * POST retried on one of them can run twice.
 */
const conditionsAfterProcessing = new Set(["5xx", "gateway-error", "reset"]);

/** The conditions of `retryOn` that may repeat a request the upstream already processed; 503 is Istio's default. */
export function unsafeRetryConditions(retryOn: string): string[] {
  return retryOn.split(",").filter((condition) => conditionsAfterProcessing.has(condition) || (/^5\d\d$/.test(condition) && condition !== "503"));
}

/** The route's own retries over the service's, over Istio's defaults. */
export function resolveRetries(serviceRetries: Partial<RetrySettings> | undefined, routeRetries: Partial<RetrySettings> | undefined): RetrySettings {
  return { ...defaultRetries, ...serviceRetries, ...routeRetries };
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

export interface RouteRetries {
  /** The route's name, for messages. */
  readonly name: string;
  readonly idempotent: boolean;
  readonly retries: RetrySettings;
  /** The config key the route's retries come from: the route's own, or the service's. */
  readonly retriesKey: string;
}

/** 5xx-style retries only where the route declares itself idempotent. */
export function checkRetryConditions(route: RouteRetries, idempotentKey: string, problems: string[]): void {
  const { retries } = route;
  const unsafe = unsafeRetryConditions(retries.retryOn);
  if (unsafe.length > 0 && !route.idempotent) {
    problems.push(
      `${route.retriesKey}.retryOn: expected no ${unsafe.join(", ")} on route "${route.name}" unless ${idempotentKey} is true (those retries repeat requests the upstream may already have processed, e.g. a POST), got ${describeValue(retries.retryOn)}`,
    );
  }
}

/** Every try, the first one included, gets its full per-try timeout: perTryTimeout × (attempts + 1) ≤ timeout. */
export function checkRetryBudget(route: RouteRetries, timeout: string, timeoutKey: string, problems: string[]): void {
  const { retries } = route;
  const perTry = durationMs(retries.perTryTimeout);
  const total = durationMs(timeout);
  if (perTry === undefined || total === undefined) return;
  const tries = retries.attempts + 1;
  if (perTry * tries > total) {
    problems.push(
      `${route.retriesKey}: expected perTryTimeout × (attempts + 1) ≤ ${timeoutKey} on route "${route.name}" (the first try counts), got ${retries.perTryTimeout} × ${tries} = ${seconds(perTry * tries)} > ${seconds(total)}`,
    );
  }
}

/** The retry rules of one route: its conditions and its budget. */
export function checkRouteRetries(route: RouteRetries, timeout: string, timeoutKey: string, idempotentKey: string, problems: string[]): void {
  checkRetryConditions(route, idempotentKey, problems);
  checkRetryBudget(route, timeout, timeoutKey, problems);
}
