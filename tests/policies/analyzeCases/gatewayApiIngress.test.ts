/**
 * Broken Gateway API ingresses of each kind, with the whole pack at prod's levels: each is caught by its named check
 * (mandatory), and the compliant baseline raises nothing at all.
 */
import { evaluatePolicies, loadPolicyConfig, type OfflineResource } from "../../../policy-pack/offline";
import { gatewayApiCrd, gatewayApiStack, gatewayRelease, istiodRelease, istiodReleaseWithTlsDefaults, peerAuthentication, referenceGrant } from "../../support/meshFactories";
import { withResourceField } from "../../support/policyHarness";

const baseline = (): OfflineResource[] => [...gatewayApiStack(), gatewayRelease(), peerAuthentication(), gatewayApiCrd()];

async function mandatoryPolicies(resources: OfflineResource[]): Promise<string[]> {
  const violations = await evaluatePolicies(resources, loadPolicyConfig("prod"));
  return [...new Set(violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => violation.policyName))].sort();
}

const route = (path: string, value: unknown) => withResourceField(baseline(), "HTTPRoute", "shop-reviews-ingress", path, value);
const gateway = (path: string, value: unknown) => withResourceField(baseline(), "Gateway", "istio-ingress-ingress", path, value);

describe("a Gateway API ingress under the whole pack", () => {
  it("raises nothing for the compliant baseline", async () => expect(await evaluatePolicies(baseline(), loadPolicyConfig("prod"))).toEqual([]));

  it.each([
    ["a parentRef to a missing Gateway", () => route("spec.parentRefs[0].name", "public"), ["istio-httproute-require-existing-parent"]],
    ["a listener that does not admit the route's namespace", () => route("spec.parentRefs[0].sectionName", "http"), ["istio-httproute-require-existing-parent"]],
    ["hostnames outside the listener's", () => route("spec.hostnames", ["shop.example.org"]), ["istio-httproute-require-listener-hostname"]],
    ["a backend Service the stack lacks", () => route("spec.rules[0].backendRefs[1].name", "reviews-v3"), ["istio-httproute-require-resolvable-backend"]],
    ["a backend port the Service does not serve", () => route("spec.rules[0].backendRefs[0].port", 8080), ["istio-httproute-require-resolvable-backend"]],
    ["all weights zero", () => withResourceField(route("spec.rules[0].backendRefs[0].weight", 0), "HTTPRoute", "shop-reviews-ingress", "spec.rules[0].backendRefs[1].weight", 0), ["istio-httproute-require-valid-weights"]],
    ["a cross-namespace backend without ReferenceGrant", () => route("spec.rules[0].backendRefs[0].namespace", "backends"), ["istio-gatewayapi-require-reference-grant", "istio-httproute-require-resolvable-backend"]],
    ["a listener Secret no Certificate writes", () => gateway("spec.listeners[0].tls.certificateRefs[0].name", "other-tls"), ["istio-k8sgateway-require-certificate"]],
    ["two listeners with one port, protocol and hostname", () => gateway("spec.listeners[2]", { name: "again", port: 80, protocol: "HTTP" }), ["istio-gatewayapi-require-valid-schema", "istio-k8sgateway-forbid-conflicting-listeners"]],
    ["an experimental field (HTTPRoute retry)", () => route("spec.rules[0].retry", { attempts: 2 }), ["istio-gatewayapi-require-valid-schema"]],
    ["istiod with a TLS 1.2 minimum", () => baseline().map((resource) => (resource.name === "istiod" ? istiodReleaseWithTlsDefaults("TLSV1_2") : resource)), ["istio-k8sgateway-require-tls13"]],
    ["an older CRD bundle", () => [...baseline().slice(0, -1), gatewayApiCrd("httproutes", "v1.3.0")], ["istio-crd-require-supported-gateway-api"]],
  ])("catches %s by its named check", async (_case, broken, expected) => expect(await mandatoryPolicies(broken())).toEqual(expected));

  it("raises nothing for istiod without a TLS minimum (Envoy accepts TLS 1.2 and 1.3, left unset on purpose)", async () =>
    expect(await mandatoryPolicies(baseline().map((resource) => (resource.name === "istiod" ? istiodRelease() : resource)))).toEqual([]));

  it("passes the cross-namespace backend once granted", async () => {
    const resources = [...route("spec.rules[0].backendRefs[0].namespace", "backends"), referenceGrant()];
    expect(await mandatoryPolicies(resources)).toEqual(["istio-httproute-require-resolvable-backend"]);
  });
});
