import fc from "fast-check";
import { dashedLabel } from "./labels";

const label = dashedLabel(10);

/** A lower-case DNS name of 2–4 labels, e.g. `api.shop.example.com`. */
export function dnsName(): fc.Arbitrary<string> {
  return fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join("."));
}
