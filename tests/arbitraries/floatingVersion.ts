import fc from "fast-check";
import { exactVersion } from "./exactVersion";

/** Version constraints and tags that are not one exact version. */
export function floatingVersion(): fc.Arbitrary<string> {
  return fc.oneof(
    exactVersion().map((version) => `^${version.replace(/^v/, "")}`),
    exactVersion().map((version) => `~${version.replace(/^v/, "")}`),
    fc.tuple(fc.nat(40), fc.nat(99)).map(([major, minor]) => `${major}.${minor}.x`),
    fc.constantFrom("latest", "*", ">=1.0.0", "1.30", ""),
  );
}
