import * as pulumi from "@pulumi/pulumi";
import type { ProgramRun, Registration } from "../../scripts/offline/mockEngine";
import { renderWithConfig } from "../support/program";
import { stacks } from "../support/project";
import { byName, kubernetesObjects, ofType, releases } from "../support/registrations";
import { renderedStack } from "../support/renderedStacks";

/**
 * A first `pulumi up` on an empty cluster: every Secret a release or an issuer reads is written by the stack, in a
 * namespace the stack creates, before the reader; a credential the stack needs and lacks stops it before anything.
 */
type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const runs = new Map<string, ProgramRun>();
beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderedStack(stack));
});
const run = (stack: string) => runs.get(stack) as ProgramRun;

/** The Secret `namespace/name` the stack writes, checked to wait for the stack's own Namespace. */
function writtenSecret(target: ProgramRun, namespace: string, name: string): Registration {
  const objects = kubernetesObjects(target);
  const secret = objects.get(`Secret ${namespace}/${name}`);
  if (!secret) throw new Error(`the stack writes no Secret ${namespace}/${name}`);
  expect(secret.dependsOn).toContain(objects.get(`Namespace /${namespace}`)?.urn);
  expect(secret.inputs.stringData).toBe("[secret]");
  return secret;
}

const withConfig = (stack: string, extra: Record<string, unknown>) =>
  renderWithConfig(stack, (config) => ({ ...config, ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [`istio-mesh:${key}`, JSON.stringify(value)])) }));

describe.each(stacks)("stack %s on an empty cluster", (stack) => {
  test("Kiali's copy of Grafana's password is written in istio-system before the Kiali release that mounts it", () => {
    const release = releases(run(stack)).get("kiali-server") as Registration;
    const [mounted] = (release.inputs.values as Inputs).deployment.custom_secrets;
    expect(release.dependsOn).toContain(writtenSecret(run(stack), "istio-system", mounted.name).urn);
  });

  test("Grafana's admin Secret is written in monitoring before the kube-prometheus-stack release that reads it", () => {
    const release = releases(run(stack)).get("kube-prometheus-stack") as Registration;
    const admin = (release.inputs.values as Inputs).grafana.admin;
    expect(admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    expect(release.dependsOn).toContain(writtenSecret(run(stack), "monitoring", admin.existingSecret).urn);
  });

  test("the generated admin password is one RandomPassword kept in state, exported only as a secret", () => {
    const password = byName(run(stack), "random:index/randomPassword:RandomPassword", "monitoring-grafana-admin-password");
    expect(password.inputs).toEqual({ length: 32, special: false });
    expect(writtenSecret(run(stack), "monitoring", "grafana-admin").dependsOn).toContain(password.urn);
    expect(run(stack).outputs.grafanaAdminPassword).toBe("[secret]");
  });
});

test("prod: the DNS-01 solver's token is written in cert-manager before the ClusterIssuer that names it", () => {
  const [issuer] = ofType(run("prod"), "kubernetes:cert-manager.io/v1:ClusterIssuer");
  const ref = (issuer.inputs as Inputs).spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef;
  expect(ref).toEqual({ name: "cloudflare-api-token", key: "api-token" });
  expect(issuer.dependsOn).toContain(writtenSecret(run("prod"), "cert-manager", ref.name).urn);
});

test("Route 53 keys from secret config are written as route53-credentials, which the issuer reads", async () => {
  const certManager = { issuer: { type: "acme", acme: { email: "ops@example.com", dns01: { provider: "route53", region: "eu-west-1" } } } };
  const target = await renderWithConfig("prod", (config) => ({
    ...config,
    "istio-mesh:certManager": JSON.stringify(certManager),
    "istio-mesh:route53AccessKeyId": "AKIA-test",
    "istio-mesh:route53SecretAccessKey": "test-secret",
  }));
  const [issuer] = ofType(target, "kubernetes:cert-manager.io/v1:ClusterIssuer");
  expect((issuer.inputs as Inputs).spec.acme.solvers[0].dns01.route53).toEqual({
    region: "eu-west-1",
    accessKeyIDSecretRef: { name: "route53-credentials", key: "access-key-id" },
    secretAccessKeySecretRef: { name: "route53-credentials", key: "secret-access-key" },
  });
  expect(issuer.dependsOn).toContain(writtenSecret(target, "cert-manager", "route53-credentials").urn);
});

test("Kiali's OIDC client secret is written as istio-system/kiali, the Secret the release mounts, before the release", async () => {
  const target = await withConfig("staging", { kiali: { authStrategy: "openid", openid: { issuerUri: "https://login.example.com", clientId: "kiali" } } });
  const release = releases(target).get("kiali-server") as Registration;
  expect((release.inputs.values as Inputs).deployment.secret_name).toBe("kiali");
  expect(release.dependsOn).toContain(writtenSecret(target, "istio-system", "kiali").urn);
});

test("Secrets someone else writes are only named: the stack writes none of them and generates no password", async () => {
  const target = await withConfig("prod", {
    certManager: { replicas: 2, issuer: { type: "acme", acme: { email: "ops@example.com", dns01: { provider: "cloudflare", apiTokenSecretName: "cf-token" } } } },
    monitoring: { prometheus: { replicas: 2 }, grafana: { adminSecretName: "grafana-login" }, alertmanager: { receivers: { pagerDuty: {}, secretName: "oncall-keys" } } },
    kiali: { grafana: { passwordSecretName: "kiali-grafana-login" } },
  });
  expect(ofType(target, "kubernetes:core/v1:Secret")).toEqual([]);
  expect(ofType(target, "random:index/randomPassword:RandomPassword")).toEqual([]);
  expect(((releases(target).get("kube-prometheus-stack") as Registration).inputs.values as Inputs).grafana.admin.existingSecret).toBe("grafana-login");
  expect(target.outputs.grafanaAdminPassword).toBeUndefined();
});

test("a Grafana password from secret config replaces the generated one and stays secret", async () => {
  const target = await renderWithConfig("dev", (config) => ({ ...config, "istio-mesh:grafanaAdminPassword": "from-config" }));
  expect(ofType(target, "random:index/randomPassword:RandomPassword")).toEqual([]);
  expect(writtenSecret(target, "monitoring", "grafana-admin").inputs.stringData).toBe("[secret]");
  expect(target.outputs.grafanaAdminPassword).toBe("[secret]");
});

describe("under the engine, a credential the stack needs and lacks", () => {
  test("stops the program with Pulumi's own missing-configuration error before any resource is registered", async () => {
    const registered: Registration[] = [];
    const error = await renderWithConfig("prod", (config) => config, registered, { fillMissingSecrets: false }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(pulumi.RunError.isInstance(error)).toBe(true);
    expect((error as Error).message.split("\n")).toEqual([
      "Missing required configuration variable 'istio-mesh:cloudflareApiToken'",
      "\tplease set a value using the command `pulumi config set --secret istio-mesh:cloudflareApiToken <value>`",
      "Missing required configuration variable 'istio-mesh:pagerDutyRoutingKey'",
      "\tplease set a value using the command `pulumi config set --secret istio-mesh:pagerDutyRoutingKey <value>`",
      "Missing required configuration variable 'istio-mesh:slackWebhookUrl'",
      "\tplease set a value using the command `pulumi config set --secret istio-mesh:slackWebhookUrl <value>`",
      "Missing required configuration variable 'istio-mesh:kialiOidcClientSecret'",
      "\tplease set a value using the command `pulumi config set --secret istio-mesh:kialiOidcClientSecret <value>`",
    ]);
    expect(registered.map((registration) => registration.type)).toEqual(["pulumi:pulumi:Stack"]);
  });

  test("names every missing key in one error: the ones the config in hand needs, and no others", async () => {
    const withWebhook = (config: Record<string, string>) => {
      const monitoring = JSON.parse(config["istio-mesh:monitoring"]) as Inputs;
      const argocd = JSON.parse(config["istio-mesh:argocd"]) as Inputs;
      return {
        ...config,
        "istio-mesh:monitoring": JSON.stringify({ ...monitoring, alertmanager: { receivers: { webhook: {} } } }),
        "istio-mesh:kiali": JSON.stringify({ authStrategy: "token" }),
        // Argo CD notifies the same webhook, whose host its ServiceEntry names.
        "istio-mesh:argocd": JSON.stringify({ ...argocd, notifications: { webhookHost: "alerts.example.com" } }),
      };
    };
    const error = await renderWithConfig("prod", withWebhook, [], { fillMissingSecrets: false }).then(
      () => undefined,
      (thrown: unknown) => thrown as Error,
    );
    expect(error?.message.split("\n").filter((line) => line.startsWith("Missing required"))).toEqual([
      "Missing required configuration variable 'istio-mesh:cloudflareApiToken'",
      "Missing required configuration variable 'istio-mesh:alertWebhookUrl'",
    ]);
  });
});
