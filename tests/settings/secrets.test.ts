import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { parseSettings, type SecretKey, secretConfigKeys } from "../../settings";
import { propertyRuns } from "../arbitraries/runs";
import { missingSecretsOf, problemsOf, withCriticalReceiver } from "../support/settingsProblems";

const cloudflare = (dns01: Record<string, unknown> = {}) => ({ issuer: { type: "acme", acme: { email: "ops@example.com", dns01: { provider: "cloudflare", ...dns01 } } } });
const route53 = (dns01: Record<string, unknown> = {}) => ({ issuer: { type: "acme", acme: { email: "ops@example.com", dns01: { provider: "route53", region: "eu-west-1", ...dns01 } } } });
const openid = (extra: Record<string, unknown> = {}) => ({ authStrategy: "openid", openid: { issuerUri: "https://login.example.com", clientId: "kiali", ...extra } });
const secret = (value = "s3cr3t") => pulumi.secret(value);


describe("credentials the stack writes come from secret config, and a missing one is named", () => {
  test("Cloudflare DNS-01 without a Secret name needs istio-mesh:cloudflareApiToken, and writes cloudflare-api-token from it", () => {
    expect(missingSecretsOf("prod", withCriticalReceiver({ certManager: cloudflare() }))).toEqual(["cloudflareApiToken"]);
    const { issuer } = parseSettings("prod", withCriticalReceiver({ certManager: cloudflare(), cloudflareApiToken: secret() })).certManager;
    expect(issuer.type === "acme" && issuer.solver.type === "dns01" && issuer.solver.dns01).toMatchObject({
      provider: "cloudflare",
      apiTokenSecretKey: "api-token",
      apiToken: { source: "stack", name: "cloudflare-api-token", data: { "api-token": expect.anything() } },
    });
  });

  test("a token the solver does not use is not asked for: HTTP-01, or cert-manager switched off", () => {
    expect(missingSecretsOf("prod", withCriticalReceiver({ certManager: { issuer: { type: "acme", acme: { email: "ops@example.com", solver: "http01", dns01: { provider: "cloudflare" } } } } }))).toEqual([]);
    expect(missingSecretsOf("prod", withCriticalReceiver({ certManager: { ...cloudflare(), enabled: false } }))).toEqual([]);
  });

  test("Route 53 uses the pod's IRSA role without keys; one static key needs the other", () => {
    const { issuer } = parseSettings("prod", withCriticalReceiver({ certManager: route53() })).certManager;
    expect(issuer.type === "acme" && issuer.solver.type === "dns01" && issuer.solver.dns01).toMatchObject({ provider: "route53", credentials: undefined });
    expect(missingSecretsOf("prod", withCriticalReceiver({ certManager: route53(), route53AccessKeyId: secret() }))).toEqual(["route53SecretAccessKey"]);
    const both = parseSettings("prod", withCriticalReceiver({ certManager: route53(), route53AccessKeyId: secret(), route53SecretAccessKey: secret() })).certManager.issuer;
    expect(both.type === "acme" && both.solver.type === "dns01" && both.solver.dns01).toMatchObject({
      credentials: { source: "stack", name: "route53-credentials", data: { "access-key-id": expect.anything(), "secret-access-key": expect.anything() } },
    });
  });

  test("Grafana's admin password is generated when unset, taken from istio-mesh:grafanaAdminPassword when set", () => {
    expect(parseSettings("dev", {}).monitoring.grafana.admin).toEqual({ source: "stack", name: "grafana-admin", password: undefined });
    const password = secret();
    expect(parseSettings("dev", { grafanaAdminPassword: password }).monitoring.grafana.admin).toEqual({ source: "stack", name: "grafana-admin", password });
  });

  test("Kiali's OpenID login needs istio-mesh:kialiOidcClientSecret, unless Kiali is off", () => {
    expect(missingSecretsOf("staging", { kiali: openid() })).toEqual(["kialiOidcClientSecret"]);
    expect(missingSecretsOf("staging", { kiali: { ...openid(), enabled: false } })).toEqual([]);
    expect(parseSettings("staging", { kiali: openid(), kialiOidcClientSecret: secret() }).kiali.openid?.clientSecret).toMatchObject({ source: "stack", name: "kiali" });
  });

  test("every missing secret is named at once, each once", () => {
    expect(missingSecretsOf("prod", withCriticalReceiver({ certManager: cloudflare(), kiali: openid() }))).toEqual(["cloudflareApiToken", "kialiOidcClientSecret"]);
  });

  test("a config error comes first: the secrets of a config that cannot work are not asked for", () => {
    expect(problemsOf("prod", withCriticalReceiver({ certManager: cloudflare(), kiali: { ...openid(), replicas: 0 } }))).toEqual(["kiali.replicas: expected an integer from 1 to 5, got 0"]);
  });
});

describe("a Secret someone else writes is named instead, and then has one owner", () => {
  test("named Secrets need no secret config and are not written by the stack", () => {
    const settings = parseSettings("prod", withCriticalReceiver({
      certManager: cloudflare({ apiTokenSecretName: "cf-token", apiTokenSecretKey: "token" }),
      monitoring: { grafana: { adminSecretName: "grafana-login" } },
      kiali: { ...openid({ clientSecretName: "kiali-oidc" }), grafana: { passwordSecretName: "kiali-grafana-login" } },
    }));
    const { issuer } = settings.certManager;
    expect(issuer.type === "acme" && issuer.solver.type === "dns01" && issuer.solver.dns01).toMatchObject({ apiToken: { source: "existing", name: "cf-token" }, apiTokenSecretKey: "token" });
    expect(settings.monitoring.grafana.admin).toEqual({ source: "existing", name: "grafana-login" });
    expect(settings.kiali.openid?.clientSecret).toEqual({ source: "existing", name: "kiali-oidc" });
    expect(settings.kiali.grafana.passwordSecret).toEqual({ source: "existing", name: "kiali-grafana-login" });
  });

  test.each([
    ["certManager.issuer.acme.dns01.apiTokenSecretName", { certManager: cloudflare({ apiTokenSecretName: "cf-token" }), cloudflareApiToken: secret() }, "istio-mesh:cloudflareApiToken", "cloudflare-api-token"],
    ["certManager.issuer.acme.dns01.credentialsSecretName", { certManager: route53({ credentialsSecretName: "aws" }), route53SecretAccessKey: secret() }, "istio-mesh:route53SecretAccessKey", "route53-credentials"],
    ["monitoring.grafana.adminSecretName", { monitoring: { grafana: { adminSecretName: "grafana-login" } }, kiali: { grafana: { passwordSecretName: "kiali-grafana-login" } }, grafanaAdminPassword: secret() }, "istio-mesh:grafanaAdminPassword", "grafana-admin"],
    ["kiali.openid.clientSecretName", { kiali: openid({ clientSecretName: "kiali-oidc" }), kialiOidcClientSecret: secret() }, "istio-mesh:kialiOidcClientSecret", "kiali"],
  ])("%s and its secret config both set is an error naming both", (key, config, secretKey, stackSecret) => {
    const [problem, ...rest] = problemsOf("prod", withCriticalReceiver(config));
    expect(rest).toEqual([]);
    expect(problem).toMatch(new RegExp(`^${key.replace(/\./g, "\\.")}: expected no Secret name while ${secretKey} is set \\(the stack then writes the Secret ${stackSecret} itself`));
  });
});

test("any secret config key given as plain text is refused, naming the key and the command that sets it", () => {
  fc.assert(
    fc.property(fc.constantFrom(...(Object.keys(secretConfigKeys) as SecretKey[])), fc.string(), (key, value) => {
      expect(problemsOf("dev", { [key]: value })).toEqual([`${key}: expected a secret value (set it with \`pulumi config set --secret istio-mesh:${key} <value>\`), got ${JSON.stringify(value)}`]);
    }),
    propertyRuns,
  );
});
