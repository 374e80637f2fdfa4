/**
 * AuthorizationPolicy, PeerAuthentication and RequestAuthentication forms Istio accepts (CUSTOM and AUDIT actions,
 * notPrincipals in DENY, requestPrincipals patterns, port-level mTLS) and the ones the pack rejects.
 */
import { forbidNegativeAllowMatch } from "../../../policy-pack/policies/authorizationPolicy/forbidNegativeAllowMatch";
import { requirePrincipalFormat } from "../../../policy-pack/policies/authorizationPolicy/requirePrincipalFormat";
import { forbidMtlsDisable } from "../../../policy-pack/policies/peerAuthentication/forbidMtlsDisable";
import { requireStrictMtls } from "../../../policy-pack/policies/peerAuthentication/requireStrictMtls";
import { expectCleanWith, findingsOf } from "../../support/analyzeCases";
import { istioResource, namespace, requestAuthentication } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const authz = (spec: Record<string, unknown>) => istioResource("AuthorizationPolicy", "shop", "reviews-authz", { selector: { matchLabels: { app: "reviews" } }, ...spec });
const workloadPeer = (spec: Record<string, unknown>) => istioResource("PeerAuthentication", "shop", "reviews-mtls", { selector: { matchLabels: { app: "reviews" } }, ...spec });
const label = "AuthorizationPolicy shop/reviews-authz";

describe("AuthorizationPolicy", () => {
  it("accepts CUSTOM with an extension provider", () =>
    expectCleanWith(authz({ action: "CUSTOM", provider: { name: "ext-authz" }, rules: [{ to: [{ operation: { paths: ["/admin/*"] } }] }] })));
  it("accepts AUDIT with positive matches", () => expectCleanWith(authz({ action: "AUDIT", rules: [{ to: [{ operation: { methods: ["DELETE"] } }] }] })));
  it("accepts notPrincipals in a DENY policy", () =>
    expectCleanWith(authz({ action: "DENY", rules: [{ from: [{ source: { notPrincipals: ["cluster.local/ns/shop/sa/productpage"] } }] }] })));
  it("accepts requestPrincipals in issuer/subject form with wildcards", () =>
    expectCleanWith(authz({ action: "ALLOW", rules: [{ from: [{ source: { requestPrincipals: ["https://auth.example.com/*", "*"] } }] }] })));
  it("accepts an empty ALLOW rule (allow all to the selected workload)", () => expectCleanWith(authz({ action: "ALLOW", rules: [{}] })));
  it("accepts a namespace-wide deny-all (empty spec)", () => expectCleanWith(istioResource("AuthorizationPolicy", "shop", "deny-all", {})));
  it("accepts principals with a leading or trailing * and the any-principal *", () =>
    expectCleanWith(authz({ rules: [{ from: [{ source: { principals: ["*/ns/shop/sa/productpage", "cluster.local/ns/shop/*", "*"] } }] }] })));
  it("accepts a trust domain other than cluster.local", () =>
    expectCleanWith(authz({ rules: [{ from: [{ source: { principals: ["prod.example.org/ns/shop/sa/productpage"] } }] }] })));
  it("accepts namespaces and ipBlocks in ALLOW", () =>
    expectCleanWith(namespace("frontend", { "istio-injection": "enabled" }), authz({ rules: [{ from: [{ source: { namespaces: ["frontend"], ipBlocks: ["10.0.0.0/8"] } }] }] })));

  it("reports a principal without the ns/sa form", async () =>
    expectViolations(await findingsOf(requirePrincipalFormat.name, authz({ rules: [{ from: [{ source: { principals: ["productpage"] } }] }] })), [
      { resource: label, path: "spec.rules[0].from[0].source.principals[0]", found: '"productpage"', expected: "<trust-domain>/ns/<namespace>/sa/<serviceaccount>" },
    ]));
  it("reports a malformed notPrincipals entry in a DENY policy", async () =>
    expectViolations(await findingsOf(requirePrincipalFormat.name, authz({ action: "DENY", rules: [{ from: [{ source: { notPrincipals: ["spiffe://cluster.local/shop/productpage"] } }] }] })), [
      { resource: label, path: "spec.rules[0].from[0].source.notPrincipals[0]" },
    ]));
  it("reports notPaths in an ALLOW policy with the action left at its default", async () =>
    expectViolations(await findingsOf(forbidNegativeAllowMatch.name, authz({ rules: [{ to: [{ operation: { notPaths: ["/admin/*"] } }] }] })), [
      { resource: label, path: "spec.rules[0].to[0].operation.notPaths", expected: "no notPaths in an ALLOW policy" },
    ]));
});

describe("PeerAuthentication", () => {
  it("accepts a workload policy with STRICT port-level mTLS", () =>
    expectCleanWith(workloadPeer({ mtls: { mode: "STRICT" }, portLevelMtls: { "8080": { mode: "STRICT" } } })));
  it("accepts a workload policy that only sets port-level STRICT and inherits the rest", () =>
    expectCleanWith(workloadPeer({ portLevelMtls: { "9080": { mode: "STRICT" } } })));
  it("accepts a mesh-wide STRICT policy in the root namespace", () =>
    expectCleanWith(istioResource("PeerAuthentication", "istio-system", "default", { mtls: { mode: "STRICT" } })));

  it("reports a port relaxed to PERMISSIVE in prod", async () =>
    expectViolations(await findingsOf(requireStrictMtls.name, workloadPeer({ mtls: { mode: "STRICT" }, portLevelMtls: { "8080": { mode: "PERMISSIVE" } } })), [
      { resource: "PeerAuthentication shop/reviews-mtls", path: "spec.portLevelMtls.8080.mode", found: '"PERMISSIVE"', expected: "STRICT" },
    ]));
  it("reports a port with mTLS disabled", async () =>
    expectViolations(await findingsOf(forbidMtlsDisable.name, workloadPeer({ mtls: { mode: "STRICT" }, portLevelMtls: { "15020": { mode: "DISABLE" } } })), [
      { resource: "PeerAuthentication shop/reviews-mtls", path: "spec.portLevelMtls.15020.mode", found: '"DISABLE"', expected: "STRICT" },
    ]));
});

describe("RequestAuthentication", () => {
  it("accepts inline jwks", () =>
    expectCleanWith(withField(withField(requestAuthentication(), "spec.jwtRules[0].jwksUri", undefined), "spec.jwtRules[0].jwks", '{"keys":[]}')));
  it("accepts several issuers each with its own source", () =>
    expectCleanWith(withField(requestAuthentication(), "spec.jwtRules[1]", { issuer: "https://partner.example.com", jwksUri: "https://partner.example.com/jwks.json", forwardOriginalToken: true })));
});
