import { defineResourcePolicy } from "../../lib/definePolicy";
import { isIpAddress as isAddress } from "../../lib/hostSyntax";
import { Finding } from "../../lib/messages";
import { asArray, asRecord, asString } from "../../lib/values";

/**
 * The host of a webhook URL as istioctl and the API server read it (Go's url.Parse, which takes the host as
 * written), or undefined when it does not parse. WHATWG URL rewrites the host of an http(s) URL (IDNA, so
 * `xn--0` fails; IPv4 shorthands, so `0x7f.1` becomes 127.0.0.1) and leaves the host of other schemes as written.
 */
function urlHost(url: string): string | undefined {
  try {
    return new URL(url.replace(/^https?:/i, "webhook:")).hostname.replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
}

/** Go's net.ParseIP, which istioctl asks: an address as netip.ParseAddr reads it, without a zone. */
const isIpAddress = (host: string): boolean => !host.includes("%") && isAddress(host);

/** Istio's injection and validation webhooks: the names istioctl recognises. */
function isIstioWebhookConfiguration(kind: string, name: string): boolean {
  return kind === "MutatingWebhookConfiguration"
    ? name.startsWith("istio-sidecar-injector")
    : name === "istiod-default-validator" || name.startsWith("istio-validator");
}

/** Webhooks of a remote cluster reach the external control plane by host name (istioctl IST0163, IST0164). */
export const requireExternalControlPlaneAddress = defineResourcePolicy({
  name: "istio-webhook-require-external-control-plane-address",
  description:
    "Each webhook of Istio's injector and validator configurations names where istiod runs: a `clientConfig.service`, " +
    "or a `clientConfig.url` that parses (istioctl IST0163); a URL should name a host, not an IP address (IST0164). " +
    "Point the webhook at the external control plane's host name.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
  check: (configuration) => {
    if (!isIstioWebhookConfiguration(configuration.kind, configuration.name)) return [];
    return asArray(configuration.props.webhooks).flatMap((entry, i): Finding[] => {
      const webhook = asRecord(entry);
      const client = asRecord(webhook.clientConfig);
      const url = asString(client.url);
      const path = `webhooks[${i}].clientConfig`;
      if (url !== undefined) {
        const host = urlHost(url);
        if (host === undefined) return [{ path: `${path}.url`, found: url, expected: "a URL that parses", fix: "Write the external control plane's URL as https://<host>:<port>/<path>.", istioctlCode: "IST0163" }];
        if (isIpAddress(host)) return [{ path: `${path}.url`, found: url, expected: "a host name (an IP address changes with the load balancer)", fix: "Use the external control plane's host name.", istioctlCode: "IST0164" }];
        return [];
      }
      return client.service === undefined
        ? [{ path, found: client, expected: "a url or a service for istiod", fix: "Set clientConfig.url to the external control plane, or clientConfig.service.", istioctlCode: "IST0163" }]
        : [];
    });
  },
});
