/**
 * EnvoyFilter patches as istioctl judges them: IST0151 (relative operation without priority: INSERT_BEFORE,
 * INSERT_AFTER, REMOVE, REPLACE on a filter; not MERGE), IST0152 (REPLACE outside filters), and patch contexts.
 */
import { forbidUnsupportedPatchOperation } from "../../../policy-pack/policies/envoyFilter/forbidUnsupportedPatchOperation";
import { requirePriorityForRelativePatch } from "../../../policy-pack/policies/envoyFilter/requirePriorityForRelativePatch";
import { expectCleanWith, findingsOf } from "../../support/analyzeCases";
import { envoyFilter, istioResource } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const label = "EnvoyFilter istio-ingress/edge-tweaks";
const patchOf = (applyTo: string, operation: string, context = "GATEWAY", priority?: number) =>
  istioResource("EnvoyFilter", "istio-ingress", "edge-tweaks", {
    workloadSelector: { labels: { istio: "ingressgateway" } },
    ...(priority === undefined ? {} : { priority }),
    configPatches: [{
      applyTo,
      match: { context },
      patch: { operation, value: applyTo === "HTTP_FILTER" ? { name: "envoy.filters.http.lua" } : { per_connection_buffer_limit_bytes: 32768 } },
    }],
  });

describe("EnvoyFilter patch ordering (IST0151)", () => {
  it("accepts MERGE on a listener without priority", () => expectCleanWith(patchOf("LISTENER", "MERGE")));
  it("accepts MERGE on a cluster in the SIDECAR_OUTBOUND context", () => expectCleanWith(patchOf("CLUSTER", "MERGE", "SIDECAR_OUTBOUND")));
  it("accepts ADD of a cluster without priority", () => expectCleanWith(patchOf("CLUSTER", "ADD", "ANY")));
  it("accepts INSERT_FIRST without priority", () => expectCleanWith(patchOf("HTTP_FILTER", "INSERT_FIRST")));
  it("accepts INSERT_BEFORE with a negative priority", () => expectCleanWith(patchOf("HTTP_FILTER", "INSERT_BEFORE", "GATEWAY", -10)));
  it("accepts the rate-limit filter in the SIDECAR_INBOUND context with priority", () => expectCleanWith(envoyFilter()));

  it("reports INSERT_AFTER without priority", async () =>
    expectViolations(await findingsOf(requirePriorityForRelativePatch.name, patchOf("HTTP_FILTER", "INSERT_AFTER")), [
      { resource: label, path: "spec.priority", found: "(not set)", expected: "a non-zero priority (spec.configPatches[0].patch.operation is INSERT_AFTER)" },
    ]));
  it("reports REMOVE of a network filter with priority 0", async () =>
    expectViolations(await findingsOf(requirePriorityForRelativePatch.name, patchOf("NETWORK_FILTER", "REMOVE", "SIDECAR_INBOUND", 0)), [
      { resource: label, path: "spec.priority", found: "0" },
    ]));
  it("reports REPLACE of an HTTP filter without priority, at advisory level", async () => {
    const [violation] = await findingsOf(requirePriorityForRelativePatch.name, patchOf("HTTP_FILTER", "REPLACE"));
    expect(violation.enforcementLevel).toBe("advisory");
  });
});

describe("EnvoyFilter operations Istio ignores (IST0152)", () => {
  it("accepts REPLACE on a network filter", () => expectCleanWith(patchOf("NETWORK_FILTER", "REPLACE", "SIDECAR_INBOUND", 5)));
  it("reports REPLACE on a cluster, without also asking for a priority", async () => {
    const resources = [patchOf("CLUSTER", "REPLACE")];
    expectViolations(await findingsOf(forbidUnsupportedPatchOperation.name, ...resources), [
      { resource: label, path: "spec.configPatches[0].patch.operation", found: '"REPLACE"' },
    ]);
    expect(await findingsOf(requirePriorityForRelativePatch.name, ...resources)).toEqual([]);
  });
  it("reports REPLACE on a listener", async () =>
    expectViolations(await findingsOf(forbidUnsupportedPatchOperation.name, withField(patchOf("LISTENER", "REPLACE"), "spec.priority", 1)), [
      { resource: label, path: "spec.configPatches[0].patch.operation" },
    ]));
});
