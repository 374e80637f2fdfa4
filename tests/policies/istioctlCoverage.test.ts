/**
 * The table of istioctl's codes in policy-pack/README.md says what policy-pack/istioctlCoverage.ts says, and the
 * coverage names only policies of the pack. (That it names every code of the pinned istioctl is checked by
 * `npm run test:istioctl`, which has the Istio module.)
 */
import { readFileSync } from "fs";
import * as path from "path";
import { policyChecks, undecidableCodes } from "../../policy-pack/istioctlCoverage";
import { policies } from "../../policy-pack/policies";

function readmeCodes(): Map<string, string> {
  const readme = readFileSync(path.join(__dirname, "../../policy-pack/README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## istioctl's checks, code by code"), readme.indexOf("## How closely the pack agrees with istioctl"));
  return new Map(
    section
      .split("\n")
      .map((line) => line.split("|").map((cell) => cell.trim()))
      .filter((cells) => /^IST\d{4}$/.test(cells[1] ?? ""))
      .map((cells) => [cells[1], cells[4]]),
  );
}

const coveredCodes = () => [...new Set(Object.values(policyChecks).flatMap((checks) => checks.map((check) => check.code)))];

describe("the istioctl coverage table", () => {
  it("names only policies of the pack", () => {
    const names = new Set(policies.map((policy) => policy.name));
    expect(Object.keys(policyChecks).filter((name) => !names.has(name))).toEqual([]);
  });
  it("never calls a covered code undecidable", () => {
    expect(coveredCodes().filter((code) => code in undecidableCodes)).toEqual([]);
  });
  it("lists in the README every code, with exactly the policies that raise it or the reason none can", () => {
    const rows = readmeCodes();
    expect([...rows.keys()].sort()).toEqual([...coveredCodes(), ...Object.keys(undecidableCodes)].sort());
    for (const [code, cell] of rows) {
      const raising = Object.entries(policyChecks).filter(([, checks]) => checks.some((check) => check.code === code)).map(([name]) => name);
      if (raising.length > 0) expect([code, [...cell.matchAll(/`(istio-[^`]+)`/g)].map((match) => match[1]).sort()]).toEqual([code, raising.sort()]);
      else expect([code, cell]).toEqual([code, `not decidable before deploy: ${undecidableCodes[code]}`]);
    }
  });
});
