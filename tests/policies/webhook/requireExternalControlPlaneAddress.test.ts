import fc from "fast-check";
import { requireExternalControlPlaneAddress } from "../../../policy-pack/policies/webhook/requireExternalControlPlaneAddress";
import { dnsName } from "../../arbitraries/dnsName";
import { propertyRuns } from "../../arbitraries/runs";
import { kubernetesObject } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = requireExternalControlPlaneAddress;
const injector = (clientConfig: Record<string, unknown>, name = "istio-sidecar-injector-external-istiod") =>
  kubernetesObject("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", undefined, name, { webhooks: [{ name: "rev.namespace.sidecar-injector.istio.io", clientConfig }] });

describe(policy.name, () => {
  it("passes a URL with a host name", () => expectCompliant(policy, [injector({ url: "https://istiod.example.com:15017/inject" })]));
  it("passes a host Go's url.Parse takes as written, where WHATWG URL would map it (IDNA, IPv4 shorthand)", async () => {
    for (const host of ["aa.xn--0", "0x7f.1", "999.1.1.1"]) await expectCompliant(policy, [injector({ url: `https://${host}:15017/inject` })]);
  });
  it("fails an IPv6 literal (IST0164)", async () =>
    expectViolations(await runPolicy(policy, [injector({ url: "https://[fd00::7]:15017/inject" })]), [
      { resource: "MutatingWebhookConfiguration istio-sidecar-injector-external-istiod", path: "webhooks[0].clientConfig.url" },
    ]));
  it("passes an in-cluster service", () => expectCompliant(policy, [injector({ service: { name: "istiod", namespace: "istio-system" } })]));
  it("passes webhooks that are not Istio's", () => expectCompliant(policy, [injector({}, "cert-manager-webhook")]));

  it("fails an empty client config (IST0163)", async () => {
    const violations = await runPolicy(policy, [injector({})]);
    expectViolations(violations, [{ resource: "MutatingWebhookConfiguration istio-sidecar-injector-external-istiod", path: "webhooks[0].clientConfig", expected: "a url or a service for istiod" }]);
    expect(violations[0].message.endsWith("(istioctl IST0163)")).toBe(true);
  });
  it("fails a validator URL naming an IP address (IST0164)", async () => {
    const validator = kubernetesObject("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", undefined, "istio-validator-external-istiod", { webhooks: [{ name: "validation.istio.io", clientConfig: { url: "https://10.0.0.7:15017/validate" } }] });
    const violations = await runPolicy(policy, [validator]);
    expectViolations(violations, [{ resource: "ValidatingWebhookConfiguration istio-validator-external-istiod", path: "webhooks[0].clientConfig.url" }]);
    expect(violations[0].message.endsWith("(istioctl IST0164)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [injector({})]);

  it("passes any URL naming a host", async () => {
    await fc.assert(fc.asyncProperty(dnsName(), fc.integer({ min: 1, max: 65535 }), async (host, port) => expect(await runPolicy(policy, [injector({ url: `https://${host}:${port}/inject` })])).toEqual([])), propertyRuns);
  });
  it("fails any URL naming an IPv4 address", async () => {
    await fc.assert(
      fc.asyncProperty(fc.ipV4(), async (ip) => {
        expectViolations(await runPolicy(policy, [injector({ url: `https://${ip}:15017/inject` })]), [{ resource: "MutatingWebhookConfiguration istio-sidecar-injector-external-istiod", path: "webhooks[0].clientConfig.url" }]);
      }),
      propertyRuns,
    );
  });
});
