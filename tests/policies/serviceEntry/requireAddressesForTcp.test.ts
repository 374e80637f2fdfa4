import fc from "fast-check";
import { requireAddressesForTcp } from "../../../policy-pack/policies/serviceEntry/requireAddressesForTcp";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, serviceEntry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireAddressesForTcp;
const tcpEntry = () => withField(serviceEntry(), "spec.ports", [{ number: 5432, name: "tcp-postgres", protocol: "TCP" }]);

describe(policy.name, () => {
  it("passes an HTTPS entry without addresses", () => expectCompliant(policy, [serviceEntry()]));
  it("passes a TCP entry with addresses", () => expectCompliant(policy, [withField(tcpEntry(), "spec.addresses", ["10.20.0.5"])]));
  it("passes a TCP entry where the DNS proxy allocates addresses", () =>
    expectCompliant(policy, [withField(istiodRelease(), "values.meshConfig.defaultConfig", { proxyMetadata: { ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: "true" } }), tcpEntry()]));
  it("fails a TCP entry without addresses", async () =>
    expectViolations(await runPolicy(policy, [tcpEntry()]), [{ resource: "ServiceEntry shop/payments-api", path: "spec.addresses", expected: "addresses for TCP port spec.ports[0]" }]));

  itReportsAtConfiguredLevels(policy, () => [tcpEntry()]);

  it("passes entries whose ports all name an application protocol", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("HTTP", "HTTPS", "HTTP2", "GRPC", "TLS"), fc.integer({ min: 1, max: 65535 }), async (protocol, number) => {
        expect(await runPolicy(policy, [withField(serviceEntry(), "spec.ports", [{ number, name: `p-${number}`, protocol }])])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails every TCP or protocol-less port without addresses", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 4 }), fc.constantFrom("TCP", "tcp", undefined), async (numbers, protocol) => {
        const ports = numbers.map((number) => ({ number, name: `tcp-${number}`, ...(protocol ? { protocol } : {}) }));
        expect(await runPolicy(policy, [withField(serviceEntry(), "spec.ports", ports)])).toHaveLength(numbers.length);
      }),
      propertyRuns,
    );
  });
});
