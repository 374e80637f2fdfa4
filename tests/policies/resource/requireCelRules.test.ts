import fc from "fast-check";
import { requireCelRules } from "../../../policy-pack/policies/resource/requireCelRules";
import { durationWithin, invalidDuration } from "../../arbitraries/duration";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { authorizationPolicy, destinationRule, envoyFilter, gateway, peerAuthentication, serviceEntry, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireCelRules;
const durationFields = [
  ["spec.http[0].timeout", virtualService],
  ["spec.http[0].retries.perTryTimeout", virtualService],
  ["spec.trafficPolicy.connectionPool.tcp.connectTimeout", destinationRule],
  ["spec.trafficPolicy.connectionPool.http.idleTimeout", destinationRule],
  ["spec.trafficPolicy.outlierDetection.interval", destinationRule],
] as const;

describe(policy.name, () => {
  it("passes the compliant VirtualService, DestinationRule, Gateway and ServiceEntry", () =>
    expectCompliant(policy, [virtualService(), destinationRule(), gateway(), serviceEntry(), peerAuthentication(), authorizationPolicy()]));
  it("ignores durations inside free-form EnvoyFilter patches", () =>
    expectCompliant(policy, [withField(envoyFilter(), "spec.configPatches[0].patch.value.typed_config.value.timeout", "0s")]));

  it("fails a connectTimeout of 0s", async () =>
    expectViolations(await runPolicy(policy, [withField(destinationRule(), "spec.trafficPolicy.connectionPool.tcp.connectTimeout", "0s")]), [
      { resource: "DestinationRule shop/reviews", path: "spec.trafficPolicy.connectionPool.tcp.connectTimeout", found: '"0s"', expected: `a value that satisfies "must be a valid duration greater than 1ms" (duration(self) >= duration('1ms'): the rule is false)` },
    ]));
  it("fails a malformed timeout, which duration() cannot parse", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].timeout", "ten seconds")]), [
      { resource: "VirtualService shop/reviews", path: "spec.http[0].timeout", found: '"ten seconds"', expected: `a value that satisfies "must be a valid duration greater than 1ms" (duration(self) >= duration('1ms'): the rule fails to evaluate` },
    ]));
  it("fails a wildcard in a selector label value", async () =>
    expectViolations(await runPolicy(policy, [withField(authorizationPolicy(), "spec.selector.matchLabels.app", "review*")]), [
      { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.selector.matchLabels.app", found: '"review*"', expected: 'a value that satisfies "wildcard not allowed in label value match"' },
    ]));
  it("fails selector together with targetRefs", async () =>
    expectViolations(await runPolicy(policy, [withField(authorizationPolicy(), "spec.targetRefs", [{ kind: "Gateway", group: "gateway.networking.k8s.io", name: "gw" }])]), [
      { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec", expected: 'a value that satisfies "only one of targetRefs or selector can be set"' },
    ]));
  it("fails a cross-namespace targetRef", async () =>
    expectViolations(await runPolicy(policy, [withField(withField(authorizationPolicy(), "spec.selector", undefined), "spec.targetRef", { kind: "Service", group: "", name: "web", namespace: "other" })]), [
      { resource: "AuthorizationPolicy shop/reviews-allow", path: "spec.targetRef.namespace", found: '"other"' },
    ]));
  it("fails a Gateway server with credentialName and credentialNames", async () =>
    expectViolations(await runPolicy(policy, [withField(gateway(), "spec.servers[0].tls.credentialNames", ["a", "b"])]), [
      { resource: "Gateway shop/shop-gateway", path: "spec.servers[0].tls", expected: 'a value that satisfies "only one of credentialName or credentialNames can be set"' },
    ]));
  it("fails a ServiceEntry with resolution NONE and endpoints", async () =>
    expectViolations(await runPolicy(policy, [withField(withField(serviceEntry(), "spec.resolution", "NONE"), "spec.endpoints", [{ address: "10.0.0.1" }])]), [
      { resource: "ServiceEntry shop/payments-api", path: "spec", expected: 'a value that satisfies "NONE mode cannot set endpoints"' },
    ]));
  it("fails a ServiceEntry CIDR address with DNS resolution", async () =>
    expectViolations(await runPolicy(policy, [withField(serviceEntry(), "spec.addresses", ["10.0.0.0/24"])]), [
      { resource: "ServiceEntry shop/payments-api", path: "spec", expected: 'a value that satisfies "CIDR addresses are allowed only for NONE/STATIC resolution types"' },
    ]));
  it("fails portLevelMtls without selector", async () =>
    expectViolations(await runPolicy(policy, [withField(peerAuthentication(), "spec.portLevelMtls", { "8080": { mode: "STRICT" } })]), [
      { resource: "PeerAuthentication shop/default", path: "spec", expected: 'a value that satisfies "portLevelMtls requires selector"' },
    ]));
  it("passes a port 0 in a VirtualService destination, which no CRD rule covers (istiod's validation does)", () =>
    expectCompliant(policy, [withField(virtualService(), "spec.http[0].route[0].destination.port", { number: 0 })]));

  itReportsAtConfiguredLevels(policy, () => [withField(virtualService(), "spec.http[0].timeout", "0s")]);

  it("passes every resource of any generated mesh, and any duration of at least 1ms in any duration field", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), fc.constantFrom(...durationFields), durationWithin(1, 600_000), async ({ resources }, [path, factory], duration) => {
        expect(await runPolicy(policy, [...resources, withField(factory(), path, duration)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any invalid or sub-millisecond duration in any duration field", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...durationFields), invalidDuration(), async ([path, factory], duration) => {
        const resource = factory();
        const label = `${String((resource.props.kind))} shop/reviews`;
        expectViolations(await runPolicy(policy, [withField(resource, path, duration)]), [{ resource: label, path, found: JSON.stringify(duration) }]);
      }),
      propertyRuns,
    );
  });
});
