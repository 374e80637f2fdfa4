import { defineResourcePolicy } from "../../lib/definePolicy";
import { containersOf, podTemplateOf, workloadKinds } from "../../lib/workloads";
import { asRecord } from "../../lib/values";

const proxyUid = 1337;
const exemptContainers = ["istio-proxy", "istio-operator"];

/** No application container runs as the proxy's UID (istioctl IST0144). */
export const forbidProxyUid = defineResourcePolicy({
  name: "istio-workload-forbid-proxy-uid",
  description:
    "No pod or application container may run as UID 1337: the sidecar's iptables rules let that user's traffic bypass " +
    "the proxy, so its requests leave without mTLS or policy (istioctl IST0144). Run the application as another user.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: workloadKinds,
  check: (workload) => {
    if (workload.labels.istio !== undefined || workload.labels.release === "istio") return [];
    const { spec, path } = podTemplateOf(workload);
    const findings = [];
    if (asRecord(spec.securityContext).runAsUser === proxyUid) {
      findings.push({ path: `${path}.securityContext.runAsUser`, found: proxyUid, expected: "a UID other than 1337 (the proxy's)", fix: "Run the pod as another user." });
    }
    containersOf(spec).forEach((container, i) => {
      if (!exemptContainers.includes(String(container.name)) && asRecord(container.securityContext).runAsUser === proxyUid) {
        findings.push({ path: `${path}.containers[${i}].securityContext.runAsUser`, found: proxyUid, expected: "a UID other than 1337 (the proxy's)", fix: "Run the container as another user." });
      }
    });
    return findings;
  },
});
