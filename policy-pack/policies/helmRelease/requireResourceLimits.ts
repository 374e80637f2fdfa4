import { defineResourcePolicy } from "../../lib/definePolicy";
import { isGatewayRelease, isIstiodRelease, releaseValues } from "../../lib/helmReleases";
import { Finding } from "../../lib/messages";
import { cpuMillicores, memoryBytes } from "../../lib/quantities";
import { asRecord } from "../../lib/values";

const mebibyte = 1024 ** 2;
const bounds = [
  { resource: "cpu", parse: cpuMillicores, min: 500, max: 2000, range: "500m–2000m" },
  { resource: "memory", parse: memoryBytes, min: 512 * mebibyte, max: 2048 * mebibyte, range: "512Mi–2Gi" },
] as const;

/** Property 2: control plane and gateways have bounded, consistent resources. */
export const requireResourceLimits = defineResourcePolicy({
  name: "istio-helmrelease-require-resource-limits",
  description:
    "istiod and every gateway Helm release must set `resources.limits` with CPU in 500m–2000m and memory in " +
    "512Mi–2Gi, and requests must not exceed limits (property 2). Set values.resources.limits within bounds.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["HelmRelease"],
  check: (release) => {
    if (!isIstiodRelease(release) && !isGatewayRelease(release)) {
      return [];
    }
    const resources = asRecord(releaseValues(release).resources);
    const limits = asRecord(resources.limits);
    const requests = asRecord(resources.requests);
    const findings: Finding[] = [];
    for (const { resource, parse, min, max, range } of bounds) {
      const limit = parse(limits[resource]);
      if (limit === undefined || limit < min || limit > max) {
        findings.push({ path: `values.resources.limits.${resource}`, found: limits[resource], expected: `a quantity within ${range}`, fix: `Set the ${resource} limit within ${range}.` });
        continue;
      }
      const request = parse(requests[resource]);
      if (request !== undefined && request > limit) {
        findings.push({ path: `values.resources.requests.${resource}`, found: requests[resource], expected: `at most the limit ${String(limits[resource])}`, fix: `Lower the ${resource} request or raise the limit.` });
      }
    }
    return findings;
  },
});
