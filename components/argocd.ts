import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ArgocdSettings } from "../settings/argocd";
import { argocdNotificationsSecretName } from "../settings/argocd";
import type { IngressSettings } from "../settings/mesh";
import { argocdChart } from "./addonCharts";
import { injectionLabels } from "./istioRevisions";
import { argocdNotificationConfig } from "./argocdNotifications";
import { argocdConfigEntries, argocdValues } from "./argocdValues";
import { writeCredentialSecret } from "./credentialSecret";
import { gatewayApiResource } from "./gatewayApiResource";
import { pinnedReleaseArgs } from "./helmRelease";
import { type ControlPlaneDependencies, istioResource } from "./istioResource";
import { argocdHttpRoute, argocdMeshObjects, argocdVirtualService } from "./meshSpecs/argocd";
import { argocd as argocdNames } from "./names";

export interface ArgoCdArgs {
  /** Validated Argo CD settings (`istio-mesh:argocd`, enabled). */
  readonly argocd: ArgocdSettings;
  /** `base` and `istiod` releases: Argo CD's namespace and mesh objects wait for them. */
  readonly controlPlane: ControlPlaneDependencies;
  /** The istiod releases and tag webhooks: the namespace is labelled for injection once its injector exists. */
  readonly injectors: readonly pulumi.Resource[];
  /** Revision or revision tag that injects sidecars; undefined uses `istio-injection: enabled`. */
  readonly injectionRevision?: string;
  /** The ingress (`mesh.ingress`): which API routes `argocd.host` to the server. */
  readonly ingress: IngressSettings;
  /** With the Gateway API ingress, the CRDs the stack installs, which the HTTPRoute waits for. @defaultValue [] */
  readonly gatewayApiCrds?: readonly pulumi.Resource[];
  /** Seconds Helm waits for the release before rolling it back. */
  readonly helmTimeoutSeconds: number;
  /** Keep the namespace (and the Applications' history in it) when the stack drops it. @defaultValue false */
  readonly retainNamespace?: boolean;
  /** `pulumi up` refuses to delete the namespace it creates, as the app namespaces in prod. @defaultValue false */
  readonly protectNamespace?: boolean;
}

/**
 * Argo CD in the mesh: its namespace (injected, STRICT, default-deny, with ALLOW rules for Argo CD's own calls), the
 * egress its components need, the route from the ingress gateway, and either the argo-cd release or, for an Argo CD
 * that already runs, server-side-apply patches that own only the stack's keys of its `argocd-cm` and notifications
 * config. `ready` is what the teams' AppProjects and Applications wait for (the CRDs and the health checks).
 */
export class ArgoCd extends pulumi.ComponentResource {
  /** The namespace the stack creates (installed Argo CD), or the labels it adds to the existing one. */
  readonly namespace: kubernetes.core.v1.Namespace | kubernetes.core.v1.NamespacePatch;
  readonly release?: kubernetes.helm.v3.Release;
  /** The stack's keys of an existing instance's `argocd-cm`: the Istio health checks. */
  readonly configPatch?: kubernetes.core.v1.ConfigMapPatch;
  readonly meshObjects: readonly kubernetes.apiextensions.CustomResource[];
  readonly ready: readonly pulumi.Resource[];

  constructor(name: string, args: ArgoCdArgs, opts?: pulumi.ComponentResourceOptions) {
    const settings = args.argocd;
    if (!settings.enabled) throw new Error(`ArgoCd ${name}: expected enabled Argo CD settings`);
    super("istio-mesh:argocd:ArgoCd", name, {}, opts);
    const { namespace: namespaceName } = settings;
    const labels = injectionLabels(true, args.injectionRevision);
    const namespaceOptions = { parent: this, dependsOn: [...args.injectors] };
    this.namespace = settings.install
      ? new kubernetes.core.v1.Namespace(`${name}-namespace`, { metadata: { name: namespaceName, labels } }, { ...namespaceOptions, retainOnDelete: args.retainNamespace ?? false, protect: args.protectNamespace ?? false })
      : new kubernetes.core.v1.NamespacePatch(`${name}-namespace-labels`, { metadata: { name: namespaceName, labels } }, namespaceOptions);

    const objects = argocdMeshObjects(settings);
    const mesh = (suffix: string, object: Parameters<typeof istioResource>[1]) => istioResource(`${name}-${suffix}`, object, this, args.controlPlane, [this.namespace]);
    const meshObjects = [
      mesh("peer-authentication", objects.peerAuthentication),
      mesh("default-deny", objects.defaultDeny),
      ...objects.authorizationPolicies.map((policy) => mesh(`allow-${policy.name}`, policy)),
      ...objects.sidecars.map((sidecar) => mesh(`sidecar-${sidecar.name}`, sidecar)),
      ...objects.serviceEntries.map((entry) => mesh(`egress-${entry.name}`, entry)),
    ];
    if (settings.host !== undefined) {
      meshObjects.push(
        args.ingress.api === "istio"
          ? mesh("ingress-route", argocdVirtualService(namespaceName, settings.host))
          : gatewayApiResource(`${name}-ingress-route`, argocdHttpRoute(namespaceName, settings.host, args.ingress), this, args.controlPlane, args.gatewayApiCrds ?? [], [this.namespace]),
      );
    }
    this.meshObjects = meshObjects;

    const secretOptions = { parent: this, dependsOn: [this.namespace] };
    const { secret } = settings.notifications;
    if (settings.install) {
      const notificationsSecret = secret && writeCredentialSecret(`${name}-notifications-secret`, secret, namespaceName, secretOptions);
      this.release = new kubernetes.helm.v3.Release(`${name}-release`, pinnedReleaseArgs(argocdChart(namespaceName), argocdValues(settings), args.helmTimeoutSeconds), {
        parent: this,
        // The pods start with their ALLOW rules and egress in place, and with the notifications Secret they mount.
        dependsOn: [this.namespace, ...meshObjects, ...(notificationsSecret ? [notificationsSecret] : [])],
      });
      this.ready = [this.release];
    } else {
      this.configPatch = new kubernetes.core.v1.ConfigMapPatch(
        `${name}-config`,
        { metadata: { name: argocdNames.configMap, namespace: namespaceName }, data: argocdConfigEntries({ host: undefined }) },
        { parent: this, dependsOn: [this.namespace] },
      );
      const notificationPatches = secret === undefined ? [] : this.notificationPatches(name, settings, secret.data);
      this.ready = [this.configPatch, ...notificationPatches];
    }
    this.registerOutputs({ namespace: this.namespace, release: this.release, configPatch: this.configPatch, meshObjects: this.meshObjects });
  }

  /** On an existing instance: the stack's services, templates and triggers, and their credentials, as owned keys. */
  private notificationPatches(name: string, settings: ArgocdSettings, data: Readonly<Record<string, pulumi.Output<string>>>): pulumi.Resource[] {
    const options = { parent: this, dependsOn: [this.namespace] };
    const secretPatch = new kubernetes.core.v1.SecretPatch(`${name}-notifications-secret`, { metadata: { name: argocdNotificationsSecretName, namespace: settings.namespace }, stringData: { ...data } }, options);
    const configPatch = new kubernetes.core.v1.ConfigMapPatch(
      `${name}-notifications-config`,
      { metadata: { name: argocdNames.notificationsConfigMap, namespace: settings.namespace }, data: argocdNotificationConfig(settings.notifications) },
      { ...options, dependsOn: [this.namespace, secretPatch] },
    );
    return [secretPatch, configPatch];
  }
}
