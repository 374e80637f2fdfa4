/**
 * ServiceEntries and the DestinationRules of their hosts: protocol conflicts scoped by exportTo (istioctl's
 * ConflictingServiceEntryProtocol), DNS hosts (seed property 19) and TLS origination to external hosts (property 21).
 */
import { requireExternalTls } from "../../../policy-pack/policies/destinationRule/requireExternalTls";
import { forbidConflictingProtocols } from "../../../policy-pack/policies/serviceEntry/forbidConflictingProtocols";
import { requireDnsHosts } from "../../../policy-pack/policies/serviceEntry/requireDnsHosts";
import { expectCleanWith, findingsOf } from "../../support/analyzeCases";
import { istioResource, serviceEntry } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const host = "api.payments.example.com";
const entry = (namespace: string, name: string, protocol: string, exportTo?: string[]) =>
  withField(withField(serviceEntry(namespace, name), "spec.ports[0]", { number: 443, name: "tls", protocol }), "spec.exportTo", exportTo);
const externalRule = (namespace: string, trafficPolicy: Record<string, unknown>) =>
  istioResource("DestinationRule", namespace, "payments-api", { host, trafficPolicy });

describe("one protocol per host and port where ServiceEntries meet", () => {
  it("accepts the same host and port declared twice with one protocol", () => expectCleanWith(entry("shop", "a", "HTTPS"), entry("billing", "b", "HTTPS")));
  it("accepts protocols differing only in case", async () =>
    expect(await findingsOf(forbidConflictingProtocols.name, entry("shop", "a", "HTTPS"), entry("billing", "b", "https"))).toEqual([]));
  it("accepts different protocols in namespace-local entries of different namespaces", () =>
    expectCleanWith(entry("shop", "a", "HTTPS", ["."]), entry("billing", "b", "TLS", ["."])));
  it("accepts different protocols exported to disjoint namespaces", () =>
    expectCleanWith(entry("shop", "a", "HTTPS", ["frontend"]), entry("shop", "b", "TLS", ["batch"])));

  it("reports different protocols when both are exported everywhere", async () =>
    expectViolations(await findingsOf(forbidConflictingProtocols.name, entry("shop", "a", "HTTPS"), entry("billing", "b", "TLS")), [
      { resource: "ServiceEntry billing/b", path: "spec.ports[0].protocol", found: '"TLS"', expected: `HTTPS, as ServiceEntry shop/a declares for ${host}:443` },
    ]));
  it("reports a namespace-local entry that meets one exported everywhere", async () =>
    expectViolations(await findingsOf(forbidConflictingProtocols.name, entry("shop", "a", "HTTPS"), entry("billing", "b", "TLS", ["."])), [
      { resource: "ServiceEntry billing/b", path: "spec.ports[0].protocol" },
    ]));
  it("reports entries exported to a common namespace", async () =>
    expectViolations(await findingsOf(forbidConflictingProtocols.name, entry("shop", "a", "HTTPS", ["frontend"]), entry("billing", "b", "TLS", [".", "frontend"])), [
      { resource: "ServiceEntry billing/b", path: "spec.ports[0].protocol" },
    ]));
});

describe("ServiceEntry hosts", () => {
  it("accepts a *.domain host with resolution NONE", () =>
    expectCleanWith(withField(withField(serviceEntry(), "spec.hosts", ["*.googleapis.com"]), "spec.resolution", "NONE")));
  it("accepts a MESH_INTERNAL entry with a CIDR in addresses", () =>
    expectCleanWith(
      istioResource("ServiceEntry", "shop", "legacy-db", {
        hosts: ["db.legacy.internal"],
        addresses: ["10.20.0.0/16"],
        location: "MESH_INTERNAL",
        resolution: "STATIC",
        endpoints: [{ address: "10.20.0.5" }],
        ports: [{ number: 5432, name: "tcp-postgres", protocol: "TCP" }],
      }),
    ));
  it("reports an IP written as a host", async () =>
    expectViolations(await findingsOf(requireDnsHosts.name, withField(serviceEntry(), "spec.hosts", [host, "10.1.2.3"])), [
      { resource: "ServiceEntry shop/payments-api", path: "spec.hosts[1]", found: '"10.1.2.3"' },
    ]));
});

describe("TLS origination to MESH_EXTERNAL hosts", () => {
  it("accepts SIMPLE with sni from a DestinationRule in another namespace", () =>
    expectCleanWith(serviceEntry(), externalRule("istio-system", { tls: { mode: "SIMPLE", sni: host } })));
  it("accepts port-level TLS on the encrypted port only", () =>
    expectCleanWith(
      withField(serviceEntry(), "spec.ports[1]", { number: 80, name: "http", protocol: "HTTP" }),
      externalRule("shop", { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "SIMPLE", sni: host } }] }),
    ));
  it("accepts MUTUAL with a client credential", () =>
    expectCleanWith(serviceEntry(), externalRule("shop", { tls: { mode: "MUTUAL", credentialName: "payments-client", sni: host } })));
  it("reports tls DISABLE towards an HTTPS external port", async () =>
    expectViolations(await findingsOf(requireExternalTls.name, serviceEntry(), externalRule("shop", { tls: { mode: "DISABLE" } })), [
      { resource: "DestinationRule shop/payments-api", path: "spec.trafficPolicy.tls.mode", found: '"DISABLE"', expected: `SIMPLE or MUTUAL (port 443 of ${host} is HTTPS)` },
    ]));
  it("reports a port-level setting for another port that leaves 443 plain", async () =>
    expectViolations(await findingsOf(requireExternalTls.name, serviceEntry(), externalRule("shop", { portLevelSettings: [{ port: { number: 8443 }, tls: { mode: "SIMPLE", sni: host } }] })), [
      { resource: "DestinationRule shop/payments-api", path: "spec.trafficPolicy.tls.mode" },
    ]));
});
