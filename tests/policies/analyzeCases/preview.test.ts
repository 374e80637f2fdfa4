/**
 * Preview safety of the cross-resource policies: a value unknown during `pulumi preview` never crashes a policy
 * nor yields a mandatory violation (the analyzer turns it into an advisory "can't run during preview"), and a
 * secret value is checked like a plain one.
 */
import { requireCertificate } from "../../../policy-pack/policies/gateway/requireCertificate";
import { requireValidSchema } from "../../../policy-pack/policies/resource/requireValidSchema";
import { requireExistingGateway } from "../../../policy-pack/policies/virtualService/requireExistingGateway";
import { packViolations, baseStack } from "../../support/analyzeCases";
import { destinationRule, gateway, istioResource, serviceEntry, virtualService } from "../../support/meshFactories";
import { withField, withResourceField } from "../../support/policyHarness";
import { OfflineResource } from "../../../policy-pack/offline";

const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const frontDoor = (gateways: unknown) =>
  istioResource("VirtualService", "shop", "storefront", { hosts: ["shop.example.com"], gateways, http: [{ route: [{ destination: { host: "reviews" } }] }] });

async function expectOnlyAdvisoriesIn(resources: OfflineResource[]): Promise<void> {
  const violations = await packViolations(resources);
  expect(violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => violation.message)).toEqual([]);
}

const expectOnlyAdvisories = (resources: OfflineResource[]) => expectOnlyAdvisoriesIn([...baseStack(), ...resources]);

describe("values unknown during preview", () => {
  it("gives no mandatory violation for an unknown credentialName", () => expectOnlyAdvisories([withField(gateway(), "spec.servers[0].tls.credentialName", unknownValue)]));
  it("says requireCertificate can't run rather than guessing", async () => {
    const violations = await packViolations([...baseStack(), withField(gateway(), "spec.servers[0].tls.credentialName", unknownValue)]);
    const ours = violations.filter((violation) => violation.policyName === requireCertificate.name);
    expect(ours).toHaveLength(1);
    expect(ours[0].enforcementLevel).toBe("advisory");
    expect(ours[0].message).toMatch(/during preview/);
  });
  it("reports the schema check as unable to run, not as a schema error, for an unknown field", async () => {
    const violations = (await packViolations([...baseStack(), withField(gateway(), "spec.servers[0].hosts", [unknownValue])])).filter((v) => v.policyName === requireValidSchema.name);
    expect(violations.map((violation) => violation.enforcementLevel)).toEqual(["advisory"]);
    expect(violations[0].message).toMatch(/during preview/);
  });
  it("gives no mandatory violation for unknown gateway release labels", () =>
    expectOnlyAdvisoriesIn(withResourceField([...baseStack(), gateway()], "Release", "istio-ingressgateway", "values.labels", unknownValue)));
  it("gives no mandatory violation for an unknown gateways list", () => expectOnlyAdvisories([gateway(), frontDoor(unknownValue)]));
  it("gives no mandatory violation for an unknown gateway reference", () => expectOnlyAdvisories([gateway(), frontDoor([unknownValue])]));
  it("gives no mandatory violation for an unknown DestinationRule host", () =>
    expectOnlyAdvisories([virtualService(), withField(destinationRule(), "spec.host", unknownValue)]));
  it("gives no mandatory violation for an unknown VirtualService exportTo", () =>
    expectOnlyAdvisories([virtualService(), destinationRule(), withField(virtualService("shop", "reviews-2"), "spec.exportTo", unknownValue)]));
  it("gives no mandatory violation for unknown namespace labels", () =>
    expectOnlyAdvisoriesIn(withResourceField(baseStack(), "Namespace", "shop", "metadata.labels", unknownValue)));
  it("gives no mandatory violation for an unknown ServiceEntry port list", () =>
    expectOnlyAdvisories([withField(serviceEntry(), "spec.ports", unknownValue), serviceEntry("billing", "payments-api")]));
  it("gives no mandatory violation for an unknown Gateway selector", () => expectOnlyAdvisories([withField(gateway(), "spec.selector", unknownValue)]));
});

describe("secret values", () => {
  it("accepts a secret credentialName that a Certificate writes", async () =>
    expect(await packViolations([...baseStack(), withField(gateway(), "spec.servers[0].tls.credentialName", secret("shop-tls"))])).toEqual([]));
  it("still reports a secret gateway reference to a missing Gateway", async () => {
    const violations = (await packViolations([...baseStack(), gateway(), frontDoor([secret("shop/edge")])])).filter((v) => v.policyName === requireExistingGateway.name);
    expect(violations.map((violation) => violation.enforcementLevel)).toEqual(["mandatory"]);
    expect(violations[0].message).toContain('spec.gateways[0] found "shop/edge"');
  });
});
