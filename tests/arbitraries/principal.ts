import fc from "fast-check";
import { kubernetesName } from "./kubernetesName";

/** A SPIFFE-style principal `<trust-domain>/ns/<namespace>/sa/<serviceaccount>`, sometimes with a `*` end. */
export function principal(): fc.Arbitrary<string> {
  const trustDomain = fc.constantFrom("cluster.local", "prod.example.com");
  const exact = fc.tuple(trustDomain, kubernetesName(), kubernetesName()).map(([td, ns, sa]) => `${td}/ns/${ns}/sa/${sa}`);
  return fc.oneof(
    exact,
    exact.map((value) => `*${value.slice(value.indexOf("/"))}`),
    fc.tuple(trustDomain, kubernetesName()).map(([td, ns]) => `${td}/ns/${ns}/*`),
  );
}

/** Strings that are not principals: bare names, missing segments, wrong separators. */
export function malformedPrincipal(): fc.Arbitrary<string> {
  return fc.oneof(
    kubernetesName(),
    kubernetesName().map((ns) => `ns/${ns}/sa/default`),
    fc.tuple(kubernetesName(), kubernetesName()).map(([ns, sa]) => `cluster.local/namespaces/${ns}/serviceaccounts/${sa}`),
    fc.tuple(kubernetesName(), kubernetesName()).map(([ns, sa]) => `spiffe://cluster.local/ns/${ns}/sa/${sa}`),
  );
}
