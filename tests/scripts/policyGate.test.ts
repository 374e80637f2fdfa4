import type { OfflineResource, OfflineViolation } from "../../policy-pack/offline";
import { formatViolations, toPolicyResources } from "../../scripts/offline/policyGate";
import { renderedStack } from "../support/renderedStacks";

describe("toPolicyResources", () => {
  it("hands the pack every registration, with its provider reference resolved to the provider resource", async () => {
    const run = await renderedStack("dev");
    // Typed as the pack's own interface: the render's copy of the contract must stay assignable to it.
    const resources: OfflineResource[] = toPolicyResources(run.registrations);

    expect(resources.map((resource) => resource.urn)).toEqual(run.registrations.map((registration) => registration.urn));
    const istiod = resources.find((resource) => resource.name === "istio-istiod");
    expect(istiod?.provider).toEqual({
      type: "pulumi:providers:kubernetes",
      urn: expect.stringMatching(/pulumi:providers:kubernetes::cluster$/),
      name: "cluster",
      props: { context: "kind-istio-mesh-dev" },
    });
    expect(istiod?.dependencies).toEqual([expect.stringMatching(/::istio-base$/)]);
    expect(resources.find((resource) => resource.type === "pulumi:pulumi:Stack")?.provider).toBeUndefined();
  });
});

describe("formatViolations", () => {
  const violation: OfflineViolation = {
    policyName: "istio-helmrelease-require-pinned-version",
    enforcementLevel: "mandatory",
    description: "Pin every chart to an exact version.",
    message: "Pin every chart to an exact version.\nHelm release istio-system/istiod: version found \"^1.30\", expected an exact version.",
    urn: "urn:pulumi:dev::istio-mesh::kubernetes:helm.sh/v3:Release::istio-istiod",
    resourceName: "istio-istiod",
    resourceType: "kubernetes:helm.sh/v3:Release",
  };

  it("shows level, policy, resource, the finding and the description as the fix", () => {
    const text = formatViolations([violation]);

    expect(text.split("\n")).toEqual([
      "Policy violations: 1 mandatory, 0 advisory",
      "    [mandatory]  istio-helmrelease-require-pinned-version  (kubernetes:helm.sh/v3:Release istio-istiod)",
      '        Helm release istio-system/istiod: version found "^1.30", expected an exact version.',
      "        how to fix: Pin every chart to an exact version.",
      "",
    ]);
  });

  it("names the URN, or the stack, when the violation has no resource", () => {
    const { resourceName: _name, resourceType: _type, ...withUrn } = violation;
    const { urn: _urn, ...stackWide } = withUrn;

    expect(formatViolations([withUrn])).toContain(`(${violation.urn})`);
    expect(formatViolations([stackWide])).toContain("(the stack)");
  });
});
