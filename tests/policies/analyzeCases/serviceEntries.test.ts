/**
 * ServiceEntries and the DestinationRules of their hosts: protocol conflicts scoped by exportTo (istioctl's
 * ConflictingServiceEntryProtocol), DNS hosts (property 19) and TLS origination to external hosts (property 21).
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

describe("TLS per port of MESH_EXTERNAL hosts", () => {
  /** The app calls http:// on 80 and the sidecar originates TLS to the server's 443. */
  const originatedEntry = () => withField(serviceEntry(), "spec.ports", [{ number: 80, name: "http", protocol: "HTTP", targetPort: 443 }]);

  it("accepts SIMPLE with sni from a DestinationRule in another namespace", () =>
    expectCleanWith(originatedEntry(), externalRule("istio-system", { tls: { mode: "SIMPLE", sni: host } })));
  it("accepts TLS stated per port: DISABLE on the app's own HTTPS, origination on plain HTTP", () =>
    expectCleanWith(
      withField(serviceEntry(), "spec.ports[1]", { number: 80, name: "http", protocol: "HTTP", targetPort: 443 }),
      externalRule("shop", { portLevelSettings: [{ port: { number: 443 }, tls: { mode: "DISABLE" } }, { port: { number: 80 }, tls: { mode: "SIMPLE", sni: host } }] }),
    ));
  it("accepts MUTUAL with a client credential", () =>
    expectCleanWith(originatedEntry(), externalRule("shop", { tls: { mode: "MUTUAL", credentialName: "payments-client", sni: host } })));
  it("reports SIMPLE towards an HTTPS external port: the app's TLS encrypted twice", async () =>
    expectViolations(await findingsOf(requireExternalTls.name, serviceEntry(), externalRule("shop", { tls: { mode: "SIMPLE", sni: host } })), [
      { resource: "DestinationRule shop/payments-api", path: "spec.trafficPolicy.tls.mode", found: '"SIMPLE"', expected: `DISABLE (port 443 of ${host} is HTTPS: the application speaks TLS itself` },
    ]));
  it("reports DISABLE towards a plain HTTP external port: the call leaves the mesh in clear", async () =>
    expectViolations(await findingsOf(requireExternalTls.name, originatedEntry(), externalRule("shop", { tls: { mode: "DISABLE" } })), [
      { resource: "DestinationRule shop/payments-api", path: "spec.trafficPolicy.tls.mode", found: '"DISABLE"', expected: `SIMPLE or MUTUAL (port 80 of ${host} is HTTP` },
    ]));
  it("reports an HTTPS port whose TLS is not stated when the port-level settings name another port", async () =>
    expectViolations(await findingsOf(requireExternalTls.name, serviceEntry(), externalRule("shop", { portLevelSettings: [{ port: { number: 8443 }, tls: { mode: "DISABLE" } }] })), [
      { resource: "DestinationRule shop/payments-api", path: "spec.trafficPolicy.tls.mode", found: "(not set)" },
    ]));
});
