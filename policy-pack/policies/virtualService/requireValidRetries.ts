import { defineResourcePolicy } from "../../lib/definePolicy";
import { durationProblem } from "../../lib/duration";
import { Finding } from "../../lib/messages";
import { asRecord } from "../../lib/values";
import { httpRouteSettings } from "../../lib/virtualService";

const maxAttempts = 10;

function checkRetries(retries: Record<string, unknown>, path: string): Finding[] {
  const findings: Finding[] = [];
  const attempts = retries.attempts;
  if (!(typeof attempts === "number" && Number.isInteger(attempts) && attempts >= 1 && attempts <= maxAttempts)) {
    findings.push({
      path: `${path}.attempts`,
      found: attempts,
      expected: `an integer from 1 to ${maxAttempts}`,
      fix: `Set retries.attempts between 1 and ${maxAttempts}.`,
    });
  }
  const timeoutProblem = durationProblem(retries.perTryTimeout);
  if (timeoutProblem) {
    findings.push({
      path: `${path}.perTryTimeout`,
      found: retries.perTryTimeout,
      expected: timeoutProblem,
      fix: "Set retries.perTryTimeout to a duration such as 2s.",
    });
  }
  return findings;
}

/** Property 7: retries that Envoy can honour without amplifying load. */
export const requireValidRetries = defineResourcePolicy({
  name: "istio-virtualservice-require-valid-retries",
  description:
    `A VirtualService retry policy must set \`retries.attempts\` between 1 and ${maxAttempts} and a ` +
    "`perTryTimeout` duration of at least 1ms (seed property 7). Fix the attempts or the per-try timeout.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["VirtualService"],
  check: (virtualService) =>
    httpRouteSettings(virtualService.spec, "retries").flatMap(({ path, value }) => checkRetries(asRecord(value), path)),
});
