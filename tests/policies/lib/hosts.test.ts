import fc from "fast-check";
import { coveringWildcards, hostCovers, isDnsName, isInMeshHost, qualifyHost, splitGatewayHost } from "../../../policy-pack/lib/hosts";
import { HostIndex } from "../../../policy-pack/lib/hostIndex";
import { dnsName } from "../../arbitraries/dnsName";
import { propertyRuns } from "../../arbitraries/runs";

describe("hosts", () => {
  it("resolves short names in the resource's namespace and keeps anything with a dot", () => {
    expect(qualifyHost("reviews", "shop")).toBe("reviews.shop.svc.cluster.local");
    expect(qualifyHost("reviews.shop", "billing")).toBe("reviews.shop");
    expect(qualifyHost("*", "shop")).toBe("*");
    expect(isInMeshHost("reviews.shop.svc.cluster.local")).toBe(true);
    expect(isInMeshHost("api.example.com")).toBe(false);
  });

  it.each([
    ["*", "a.example.com", true],
    ["*.example.com", "a.example.com", true],
    ["*.example.com", "a.b.example.com", true],
    ["*.example.com", "example.com", false],
    ["*.example.com", "*.example.com", true],
    ["*.com", "*.example.com", true],
    ["*.example.com", "*.com", false],
    ["a.example.com", "b.example.com", false],
    ["a.example.com", "*.example.com", false],
  ])("%s covers %s: %s", (pattern, host, covers) => expect(hostCovers(pattern, host)).toBe(covers));

  it("lists the wildcards that cover a host, narrowest first", () => {
    expect(coveringWildcards("a.b.example.com")).toEqual(["*.b.example.com", "*.example.com", "*.com", "*"]);
    expect(coveringWildcards("*.example.com")).toEqual(["*.com", "*"]);
  });

  it("tells DNS names from addresses", () => {
    expect(isDnsName("api.example.com")).toBe(true);
    expect(isDnsName("*.example.com")).toBe(true);
    expect(isDnsName("10.1.2.3")).toBe(false);
    expect(isDnsName("::1")).toBe(false);
    expect(isDnsName("a..b")).toBe(false);
    expect(isDnsName(`${"a".repeat(60)}.`.repeat(5) + "com")).toBe(false);
    expect(isDnsName(`${"a".repeat(60)}.`.repeat(4) + "com")).toBe(true);
  });

  it("splits gateway hosts into namespace and name", () => {
    expect(splitGatewayHost("shop/a.example.com")).toEqual({ namespace: "shop", host: "a.example.com" });
    expect(splitGatewayHost("a.example.com")).toEqual({ namespace: "*", host: "a.example.com" });
  });

  it("every covering wildcard covers the host", () => {
    fc.assert(fc.property(dnsName(), (host) => coveringWildcards(host).every((pattern) => hostCovers(pattern, host))), propertyRuns);
  });

  it("the host index finds overlaps with other owners only", () => {
    fc.assert(
      fc.property(dnsName(), (host) => {
        const index = new HostIndex();
        index.claim(host, "first");
        const parent = `*.${host.split(".").slice(1).join(".")}`;
        expect(index.overlapping(host, "first")).toBeUndefined();
        expect(index.overlapping(host, "second")).toBe("first");
        expect(index.overlapping(parent, "second")).toBe("first");
        expect(index.overlapping(`other-${host}`, "second")).toBeUndefined();
      }),
      propertyRuns,
    );
  });
});
