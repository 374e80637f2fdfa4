import { defineResourcePolicy } from "../../lib/definePolicy";
import { Finding } from "../../lib/messages";
import { asArray, asRecord, asString, isSet } from "../../lib/values";

const removedRbacKinds = ["ClusterRbacConfig", "RbacConfig", "ServiceRole", "ServiceRoleBinding"];

/** Fields and types Istio deprecated or removed (istioctl IST0002). */
export const forbidDeprecatedFields = defineResourcePolicy({
  name: "istio-resource-forbid-deprecated-fields",
  description:
    "Istio resources must not use deprecated or removed fields and types: a fault delay's `percent` (use " +
    "`percentage`), a Sidecar's `outboundTrafficPolicy.egressProxy` (ignored), the CRDs of the removed rbac.istio.io " +
    "API (istioctl IST0002). Move to the replacement named in the message.",
  enforcementLevel: "advisory",
  severity: "low",
  kinds: ["VirtualService", "Sidecar", "CustomResourceDefinition"],
  check: (resource) => {
    const findings: Finding[] = [];
    if (resource.kind === "VirtualService") {
      asArray(resource.spec.http).forEach((route, i) => {
        const percent = asRecord(asRecord(asRecord(route).fault).delay).percent;
        if (typeof percent === "number" && percent > 0) {
          findings.push({ path: `spec.http[${i}].fault.delay.percent`, found: percent, expected: "fault.delay.percentage.value (percent is deprecated)", fix: "Write the share as percentage: {value: <n>}." });
        }
      });
    }
    if (resource.kind === "Sidecar" && isSet(asRecord(resource.spec.outboundTrafficPolicy).egressProxy)) {
      findings.push({ path: "spec.outboundTrafficPolicy.egressProxy", found: asRecord(resource.spec.outboundTrafficPolicy).egressProxy, expected: "not set (Istio ignores it)", fix: "Route egress through an egress gateway instead." });
    }
    if (resource.kind === "CustomResourceDefinition") {
      const kind = asString(asRecord(resource.spec.names).kind) ?? "";
      if (asString(resource.spec.group) === "rbac.istio.io" && removedRbacKinds.includes(kind)) {
        findings.push({ path: "spec.names.kind", found: kind, expected: "no rbac.istio.io types (removed; use AuthorizationPolicy)", fix: "Remove the CRD and migrate to AuthorizationPolicy." });
      }
    }
    return findings;
  },
});
