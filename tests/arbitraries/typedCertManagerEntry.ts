import fc from "fast-check";
import { certManagerTypedKeys } from "../../policy-pack/lib/certManagerComponent";

/** A values key the cert-manager component types, with a value for it. */
export function typedCertManagerEntry(): fc.Arbitrary<[string, unknown]> {
  return fc.tuple(fc.constantFrom(...certManagerTypedKeys), fc.oneof(fc.nat(5), fc.record({ replicaCount: fc.integer({ min: 1, max: 5 }) })));
}
