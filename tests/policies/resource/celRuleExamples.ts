/**
 * For each distinct CEL rule of Istio 1.30.4's CRDs, a value of the field it sits on that breaks it and one that
 * keeps it, written from the rule's meaning (the Kubernetes documentation of the field), not from the evaluator.
 */
export interface RuleExample {
  readonly keep: unknown;
  readonly break: unknown;
}

const gatewayRef = { kind: "Gateway", group: "gateway.networking.k8s.io", name: "edge" };
const selector = { matchLabels: { app: "reviews" } };

export const celRuleExamples: Readonly<Record<string, RuleExample>> = {
  "(has(self.selector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1": { keep: { selector }, break: { selector, targetRefs: [gatewayRef] } },
  "has(self.wasm) != has(self.lua)": { keep: { lua: { inlineCode: "function envoy_on_request(handle) end" } }, break: {} },
  'self.all(key, !key.contains("*"))': { keep: { app: "reviews" }, break: { "app*": "reviews" } },
  "self.all(key, key.size() != 0)": { keep: { app: "reviews" }, break: { "": "reviews" } },
  '!self.contains("*")': { keep: "reviews", break: "review*" },
  "self.size() == 0": { keep: "", break: "other-namespace" },
  'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "file", "oci"]) : (isURL("http://" + self) &&\nurl("http://" + self).getScheme() in ["", "http", "https", "file", "oci"])':
    { keep: "oci://registry.example.com/filters/auth:1.0", break: "ftp://registry.example.com/filters/auth.wasm" },
  'isURL(self) ? (url(self).getScheme() in ["", "http", "https", "oci", "file"]) : (isURL("http://" + self) &&\nurl("http://" + self).getScheme() in ["", "http", "https", "oci", "file"])':
    { keep: "registry.example.com/filters/auth:1.0", break: "ftp://registry.example.com/filters/auth.wasm" },
  '(has(self.valueFrom) ? self.valueFrom : "") != "HOST" || !has(self.value)': { keep: { name: "LOG_LEVEL", value: "info" }, break: { name: "LOG_LEVEL", valueFrom: "HOST", value: "info" } },
  "(has(self.selector) ? 1 : 0) + (has(self.targetRef) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1": { keep: { targetRefs: [gatewayRef] }, break: { selector, targetRef: gatewayRef } },
  "duration(self) >= duration('1ms')": { keep: "1s", break: "500us" },
  "(has(self.workloadSelector) ? 1 : 0) + (has(self.targetRefs) ? 1 : 0) <= 1": { keep: { workloadSelector: { labels: { app: "reviews" } } }, break: { workloadSelector: { labels: { app: "reviews" } }, targetRefs: [gatewayRef] } },
  'has(self.context) ? ((self.context == "WAYPOINT") ? has(self.waypoint) : !has(self.waypoint)) : !has(self.waypoint)':
    { keep: { context: "WAYPOINT", waypoint: { portNumber: 8080 } }, break: { context: "SIDECAR_INBOUND", waypoint: { portNumber: 8080 } } },
  "0 < self && self <= 65535": { keep: 8080, break: 0 },
  "(has(self.tlsCertificates) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1": { keep: { credentialNames: ["shop-tls"] }, break: { credentialNames: ["shop-tls"], tlsCertificates: [{ serverCertificate: "/etc/certs/tls.crt", privateKey: "/etc/certs/tls.key" }] } },
  "(has(self.credentialName) ? 1 : 0) + (has(self.credentialNames) ? 1 : 0) <= 1": { keep: { credentialName: "shop-tls" }, break: { credentialName: "shop-tls", credentialNames: ["shop-tls-ecdsa"] } },
  "(has(self.credentialNames) ? 1 : 0) + (has(self.tlsCertificates) ? 1 : 0) <= 1": { keep: { tlsCertificates: [{ serverCertificate: "/etc/certs/tls.crt", privateKey: "/etc/certs/tls.key" }] }, break: { credentialNames: ["shop-tls"], tlsCertificates: [{ serverCertificate: "/etc/certs/tls.crt", privateKey: "/etc/certs/tls.key" }] } },
  "(has(self.workloadSelector) ? 1 : 0) + (has(self.endpoints) ? 1 : 0) <= 1": { keep: { resolution: "STATIC", endpoints: [{ address: "10.0.0.7" }] }, break: { resolution: "STATIC", workloadSelector: { labels: { app: "vm" } }, endpoints: [{ address: "10.0.0.7" }] } },
  '!((has(self.addresses) ? self.addresses : []).exists(k, k.contains("/")) && !((has(self.resolution) ? self.resolution : "NONE") in ["STATIC", "NONE"]))':
    { keep: { addresses: ["10.20.0.0/16"], resolution: "STATIC" }, break: { addresses: ["10.20.0.0/16"], resolution: "DNS" } },
  '((has(self.resolution) ? self.resolution : "NONE") == "NONE") ? !has(self.endpoints) : true': { keep: { resolution: "STATIC", endpoints: [{ address: "10.0.0.7" }] }, break: { endpoints: [{ address: "10.0.0.7" }] } },
  '((has(self.resolution) ? self.resolution : "") == "DNS_ROUND_ROBIN") ? ((has(self.endpoints) ? self.endpoints : []).size() <= 1) : true':
    { keep: { resolution: "DNS_ROUND_ROBIN", endpoints: [{ address: "api.example.com" }] }, break: { resolution: "DNS_ROUND_ROBIN", endpoints: [{ address: "a.example.com" }, { address: "b.example.com" }] } },
  "has(self.address) || has(self.network)": { keep: { address: "10.0.0.7" }, break: { labels: { app: "vm" } } },
  '(has(self.address) ? self.address : "").startsWith("unix://") ? !has(self.ports) : true': { keep: { address: "unix:///var/run/app.sock" }, break: { address: "unix:///var/run/app.sock", ports: { http: 8080 } } },
  'self.startsWith("unix://") ? (self.substring(7, 8) == "/" || self.substring(7, 8) == "@") : true': { keep: "unix:///var/run/app.sock", break: "unix://var/run/app.sock" },
  'self.startsWith("unix://") ? !self.endsWith("/") : true': { keep: "unix:///var/run/app.sock", break: "unix:///var/run/" },
  'self.all(key, size(key) < 63 && key.matches("^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$"))': { keep: { "http-web": 8080 }, break: { http_web: 8080 } },
  'self != "*"': { keep: "api.example.com", break: "*" },
  "self.all(l1, self.exists_one(l2, l1.number == l2.number))": { keep: [{ number: 80, name: "http", protocol: "HTTP" }, { number: 443, name: "https", protocol: "HTTPS" }], break: [{ number: 80, name: "http", protocol: "HTTP" }, { number: 80, name: "http-alt", protocol: "HTTP" }] },
  'self in ["", "HTTP", "HTTPS"]': { keep: "HTTPS", break: "TCP" },
  "(has(self.serviceAccounts) || has(self.notServiceAccounts)) ? (!has(self.principals) &&\n!has(self.notPrincipals) && !has(self.namespaces) && !has(self.notNamespaces)) : true":
    { keep: { serviceAccounts: ["shop/frontend"] }, break: { serviceAccounts: ["shop/frontend"], principals: ["cluster.local/ns/shop/sa/frontend"] } },
  "has(self.portLevelMtls) ? (((has(self.selector) && has(self.selector.matchLabels)) ? self.selector.matchLabels : {}).size() > 0) : true":
    { keep: { selector, portLevelMtls: { "8080": { mode: "STRICT" } } }, break: { portLevelMtls: { "8080": { mode: "STRICT" } } } },
  "self.all(key, 0 < int(key) && int(key) <= 65535)": { keep: { "8080": { mode: "STRICT" } }, break: { "70000": { mode: "STRICT" } } },
  "(has(self.jwksUri) ? 1 : 0) + (has(self.jwks_uri) ? 1 : 0) + (has(self.jwks) ? 1 : 0) <= 1": { keep: { issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/jwks" }, break: { issuer: "https://issuer.example.com", jwksUri: "https://issuer.example.com/jwks", jwks: '{"keys":[]}' } },
  'url(self).getScheme() in ["http", "https"]': { keep: "https://issuer.example.com/jwks", break: "ftp://issuer.example.com/jwks" },
  '((has(self.operation) ? self.operation : "") == "UPSERT") ? (self.value != "") : true': { keep: { operation: "UPSERT", value: "request.host" }, break: { operation: "UPSERT", value: "" } },
  '((has(self.operation) ? self.operation : "") == "REMOVE") ? !has(self.value) : true': { keep: { operation: "REMOVE" }, break: { operation: "REMOVE", value: "request.host" } },
};
