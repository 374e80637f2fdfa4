import { trafficPolicies } from "../../lib/destinationRule";
import { defineResourcePolicy } from "../../lib/definePolicy";
import { durationProblem } from "../../lib/duration";
import { Finding } from "../../lib/messages";
import { asRecord, isSet } from "../../lib/values";

const errorCounts = ["consecutive5xxErrors", "consecutiveGatewayErrors", "consecutiveLocalOriginFailures", "consecutiveErrors"];
const durations = ["interval", "baseEjectionTime"];

function checkOutlierDetection(outlier: Record<string, unknown>, path: string): Finding[] {
  const findings: Finding[] = [];
  for (const field of errorCounts) {
    const count = outlier[field];
    if (isSet(count) && !(typeof count === "number" && Number.isInteger(count) && count > 0)) {
      findings.push({ path: `${path}.${field}`, found: count, expected: "an integer greater than 0", fix: `Set ${field} to 1 or more, or remove it.` });
    }
  }
  for (const field of durations) {
    const problem = isSet(outlier[field]) ? durationProblem(outlier[field]) : undefined;
    if (problem) {
      findings.push({ path: `${path}.${field}`, found: outlier[field], expected: problem, fix: `Set ${field} to a duration such as 30s.` });
    }
  }
  const percent = outlier.maxEjectionPercent;
  if (isSet(percent) && !(typeof percent === "number" && percent >= 0 && percent <= 100)) {
    findings.push({ path: `${path}.maxEjectionPercent`, found: percent, expected: "a number from 0 to 100", fix: "Set maxEjectionPercent between 0 and 100." });
  }
  return findings;
}

/** Property 6: circuit breaking that ejects hosts sensibly. */
export const requireValidOutlierDetection = defineResourcePolicy({
  name: "istio-destinationrule-require-valid-outlier-detection",
  description:
    "A DestinationRule `outlierDetection` must set consecutive error counts above 0, `interval` and " +
    "`baseEjectionTime` durations of at least 1ms and `maxEjectionPercent` within 0–100 (property 6). " +
    "Correct the named field.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["DestinationRule"],
  check: (destinationRule) =>
    trafficPolicies(destinationRule.spec)
      .filter(({ value }) => isSet(value.outlierDetection))
      .flatMap(({ path, value }) => checkOutlierDetection(asRecord(value.outlierDetection), `${path}.outlierDetection`)),
});
