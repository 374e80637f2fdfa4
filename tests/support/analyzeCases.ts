/**
 * Shared by the `analyzeCases` tests: a compliant baseline stack, and the whole pack run over it with the prod
 * config, so a valid case proves that no policy at all (schema and CEL rules included) objects to it.
 */
import { evaluatePolicies, loadPolicyConfig, OfflineResource, OfflineViolation } from "../../policy-pack/offline";
import { certificate, gatewayRelease, istiodRelease, namespace, peerAuthentication } from "./meshFactories";

/** App namespace `shop` as prod deploys it: protected, so no config change deletes it. */
export function appNamespace(labels?: Record<string, string>): OfflineResource {
  return { ...namespace("shop", labels), protect: true };
}

/** The resources every case builds on: app namespace `shop` (injected, STRICT), istiod, the ingress gateway and its certificate. */
export function baseStack(): OfflineResource[] {
  return [appNamespace(), namespace("istio-ingress", {}), peerAuthentication(), istiodRelease(), gatewayRelease(), certificate()];
}

/** Every policy of the pack at the prod stack's levels and settings. */
export function packViolations(resources: OfflineResource[]): Promise<OfflineViolation[]> {
  return evaluatePolicies(resources, loadPolicyConfig("prod"));
}

/** Asserts that no policy of the pack reports anything for the baseline plus these resources. */
export async function expectCleanWith(...resources: OfflineResource[]): Promise<void> {
  const violations = await packViolations([...baseStack(), ...resources]);
  expect(violations.map((violation) => `${violation.policyName}: ${violation.message}`)).toEqual([]);
}

/** The violations of one policy when the whole pack runs over the baseline plus these resources. */
export async function findingsOf(policyName: string, ...resources: OfflineResource[]): Promise<OfflineViolation[]> {
  return (await packViolations([...baseStack(), ...resources])).filter((violation) => violation.policyName === policyName);
}
