import fc from "fast-check";
import { gatewayCredentialName, maxObjectNameLength } from "../../settings/certificateNames";
import { dnsName } from "../arbitraries/dnsName";
import { propertyRuns } from "../arbitraries/runs";
import { alphanumericLabel } from "../arbitraries/labels";

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const host = fc.oneof(dnsName(), dnsName().map((name) => `*.${name}`));

describe("gatewayCredentialName: the TLS secret a Gateway host's credentialName and Certificate share", () => {
  test("names a host the way the Gateway and the Certificate both expect", () => {
    expect(gatewayCredentialName("api.example.com")).toBe("api-example-com-tls");
    expect(gatewayCredentialName("*.example.com")).toBe("wildcard-example-com-tls");
    expect(gatewayCredentialName("API.Example.com")).toBe("api-example-com-tls");
  });

  test("any host gives a valid Kubernetes object name ending in -tls", () => {
    fc.assert(
      fc.property(host, (name) => {
        const secret = gatewayCredentialName(name);
        expect(secret).toMatch(dns1123Subdomain);
        expect(secret.length).toBeLessThanOrEqual(maxObjectNameLength);
        expect(secret.endsWith("-tls")).toBe(true);
      }),
      propertyRuns,
    );
  });

  test("a host too long for a plain name still fits, and different long hosts keep different names", () => {
    const long = (letter: string) => Array.from({ length: 4 }, () => letter.repeat(63)).join(".");
    const [first, second] = [gatewayCredentialName(long("a")), gatewayCredentialName(`${long("a").slice(0, -1)}b`)];
    expect(first.length).toBeLessThanOrEqual(maxObjectNameLength);
    expect(first).toMatch(dns1123Subdomain);
    expect(first).not.toBe(second);
  });

  test("hosts without hyphens never share a name: dots and dashes map one to one", () => {
    const plainHost = fc.array(alphanumericLabel(0, 10), { minLength: 2, maxLength: 4 }).map((labels) => labels.join("."));
    fc.assert(
      fc.property(plainHost, plainHost, (left, right) => {
        fc.pre(left !== right);
        expect(gatewayCredentialName(left)).not.toBe(gatewayCredentialName(right));
      }),
      propertyRuns,
    );
  });
});
