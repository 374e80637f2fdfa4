import type fc from "fast-check";
import { dashedLabel } from "./labels";

const dns1123Label = dashedLabel(14);

/** A DNS-1123 label usable as a Kubernetes name or namespace. */
export function kubernetesName(): fc.Arbitrary<string> {
  return dns1123Label;
}
