/**
 * Namespace-wide defaults and injection labels: one selectorless Sidecar (istioctl IST0111) and Telemetry per
 * namespace, the injection label rules (IST0123, IST0102) and served revisions.
 */
import { forbidConflictingInjectionLabels } from "../../../policy-pack/policies/namespace/forbidConflictingInjectionLabels";
import { requireAppInjection } from "../../../policy-pack/policies/namespace/requireAppInjection";
import { requireServedRevision } from "../../../policy-pack/policies/namespace/requireServedRevision";
import { forbidMultipleSelectorless as forbidMultipleSidecars } from "../../../policy-pack/policies/sidecar/forbidMultipleSelectorless";
import { forbidMultipleSelectorless as forbidMultipleTelemetry } from "../../../policy-pack/policies/telemetry/forbidMultipleSelectorless";
import { appNamespace, expectCleanWith, findingsOf, packViolations } from "../../support/analyzeCases";
import { certificate, gatewayRelease, istiodRelease, istioResource, namespace, peerAuthentication, sidecar, telemetry } from "../../support/meshFactories";
import { expectViolations, withField } from "../../support/policyHarness";

const scopedSidecar = (name: string, app: string) =>
  istioResource("Sidecar", "shop", name, { workloadSelector: { labels: { app } }, egress: [{ hosts: ["./*"] }], outboundTrafficPolicy: { mode: "REGISTRY_ONLY" } });

describe("Sidecars (IST0111)", () => {
  it("accepts one default Sidecar next to workload-scoped ones", () => expectCleanWith(sidecar(), scopedSidecar("reviews", "reviews"), scopedSidecar("ratings", "ratings")));
  it("accepts one default Sidecar per namespace, the root namespace's included", () =>
    expectCleanWith(sidecar(), sidecar("billing"), withField(sidecar("istio-system"), "spec.egress", [{ hosts: ["*/*"] }])));
  it("reports a second selectorless Sidecar in one namespace", async () =>
    expectViolations(await findingsOf(forbidMultipleSidecars.name, sidecar(), sidecar("shop", "extra")), [
      { resource: "Sidecar shop/extra", path: "spec.workloadSelector", expected: "a workload selector (Sidecar shop/default is already the namespace-wide Sidecar)" },
    ]));
});

describe("Telemetry defaults", () => {
  it("accepts a namespace default next to a selector and a targetRefs Telemetry", () =>
    expectCleanWith(
      telemetry("shop", "shop-default"),
      withField(telemetry("shop", "reviews"), "spec.selector", { matchLabels: { app: "reviews" } }),
      withField(telemetry("shop", "waypoint"), "spec.targetRefs", [{ kind: "Service", group: "", name: "reviews" }]),
    ));
  it("reports a second namespace-wide Telemetry", async () =>
    expectViolations(await findingsOf(forbidMultipleTelemetry.name, telemetry("shop", "a"), telemetry("shop", "b")), [
      { resource: "Telemetry shop/b", path: "spec.selector" },
    ]));
});

describe("injection labels", () => {
  const revisioned = () => withField(istiodRelease(), "values.revision", "1-30");
  it("accepts istio.io/rev naming the revision istiod serves", async () =>
    expect(await packViolations([appNamespace({ "istio.io/rev": "1-30" }), peerAuthentication(), revisioned(), gatewayRelease(), certificate()])).toEqual([]));
  it("accepts istio.io/rev naming a revision tag", async () =>
    expect(await packViolations([appNamespace({ "istio.io/rev": "stable" }), peerAuthentication(), withField(revisioned(), "values.revisionTags", ["stable"]), gatewayRelease(), certificate()])).toEqual([]));
  it("accepts an uninjected namespace that has no PeerAuthentication of its own", () => expectCleanWith(namespace("tools", { "istio-injection": "disabled" })));
  it("accepts a workload-scoped PeerAuthentication in an uninjected namespace", () =>
    expectCleanWith(namespace("legacy", {}), istioResource("PeerAuthentication", "legacy", "db", { selector: { matchLabels: { app: "db" } }, mtls: { mode: "STRICT" } })));

  it("reports both injection labels on one namespace, even with injection disabled", async () =>
    expectViolations(await findingsOf(forbidConflictingInjectionLabels.name, namespace("tools", { "istio-injection": "disabled", "istio.io/rev": "default" })), [
      { resource: "Namespace tools", path: "metadata.labels", expected: "only one of istio-injection or istio.io/rev" },
    ]));
  it("reports a revision istiod doesn't serve", async () =>
    expectViolations(await findingsOf(requireServedRevision.name, namespace("tools", { "istio.io/rev": "canary" })), [
      { resource: "Namespace tools", path: 'metadata.labels["istio.io/rev"]', found: '"canary"', expected: "a served revision: default" },
    ]));
  it("reports an app namespace (own namespace-wide PeerAuthentication) without injection", async () =>
    expectViolations(await findingsOf(requireAppInjection.name, namespace("billing", {}), peerAuthentication("billing")), [
      { resource: "Namespace billing", path: 'metadata.labels["istio-injection"]', found: "(not set)" },
    ]));
});
