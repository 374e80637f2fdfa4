import fc from "fast-check";

/** An exact chart version such as `1.30.4` or `v1.21.1`. */
export function exactVersion(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.boolean(), fc.nat(40), fc.nat(99), fc.nat(99))
    .map(([prefixed, major, minor, patch]) => `${prefixed ? "v" : ""}${major}.${minor}.${patch}`);
}
