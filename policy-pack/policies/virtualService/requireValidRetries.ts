import { defineResourcePolicy } from "../../lib/definePolicy";
import { durationProblem, parseDurationMs } from "../../lib/duration";
import { Finding } from "../../lib/messages";
import { asRecord, isSet, Json } from "../../lib/values";
import { httpRoutes } from "../../lib/virtualService";

const maxAttempts = 10;

function validAttempts(attempts: unknown): attempts is number {
  return typeof attempts === "number" && Number.isInteger(attempts) && attempts >= 1 && attempts <= maxAttempts;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/**
 * Every try gets its per-try timeout, the first one included: `attempts` counts the retries after it, so the route's
 * `timeout` must hold perTryTimeout × (attempts + 1). A route without a timeout (Istio's default: none) has no budget.
 */
function budgetFinding(retries: Json, timeout: unknown, path: string): Finding[] {
  const perTry = typeof retries.perTryTimeout === "string" ? parseDurationMs(retries.perTryTimeout) : undefined;
  const total = typeof timeout === "string" ? parseDurationMs(timeout) : undefined;
  if (!validAttempts(retries.attempts) || perTry === undefined || total === undefined) return [];
  const tries = retries.attempts + 1;
  if (perTry * tries <= total) return [];
  return [
    {
      path: `${path}.retries`,
      found: `perTryTimeout ${String(retries.perTryTimeout)} × ${tries} tries = ${seconds(perTry * tries)}`,
      expected: `at most the route timeout ${String(timeout)} (the first try counts)`,
      fix: `Lower retries.attempts or retries.perTryTimeout to at most ${seconds(total / tries)}, or raise the timeout.`,
    },
  ];
}

function checkRetries(route: Json, path: string): Finding[] {
  if (!isSet(route.retries)) return [];
  const retries = asRecord(route.retries);
  const findings: Finding[] = [];
  if (!validAttempts(retries.attempts)) {
    findings.push({
      path: `${path}.retries.attempts`,
      found: retries.attempts,
      expected: `an integer from 1 to ${maxAttempts}`,
      fix: `Set retries.attempts between 1 and ${maxAttempts}.`,
    });
  }
  const timeoutProblem = durationProblem(retries.perTryTimeout);
  if (timeoutProblem) {
    findings.push({
      path: `${path}.retries.perTryTimeout`,
      found: retries.perTryTimeout,
      expected: timeoutProblem,
      fix: "Set retries.perTryTimeout to a duration such as 2s.",
    });
  }
  return [...findings, ...budgetFinding(retries, route.timeout, path)];
}

/** Property 7: retries that Envoy can honour without amplifying load, each try within the route's timeout. */
export const requireValidRetries = defineResourcePolicy({
  name: "istio-virtualservice-require-valid-retries",
  description:
    `A VirtualService retry policy must set \`retries.attempts\` between 1 and ${maxAttempts} and a ` +
    "`perTryTimeout` duration of at least 1ms (property 7), and where the route has a `timeout`, every try fits in it: " +
    "perTryTimeout × (attempts + 1) ≤ timeout, the first try included. Fix the attempts, the per-try timeout or the timeout.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["VirtualService"],
  check: (virtualService) => httpRoutes(virtualService.spec).flatMap(({ path, value }) => checkRetries(value, path)),
});
