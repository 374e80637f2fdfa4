import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type ArgocdSettings, grantableKinds } from "../settings/argocd";
import { argocdApiVersion, applicationSpec, appProjectSpec } from "./argocdProjects";
import { subscriptionAnnotations } from "./argocdNotifications";

export interface ArgoCdTeamsArgs {
  /** Validated Argo CD settings: the teams, their Applications, the namespace and the notifications. */
  readonly argocd: ArgocdSettings;
  /** What the AppProjects and Applications wait for: Argo CD's CRDs and health checks (ArgoCd.ready). */
  readonly argocdReady: readonly pulumi.Resource[];
  /** The app namespaces by name (AppNamespaces.namespaces): an Application waits for its destination. */
  readonly namespaces: Readonly<Record<string, kubernetes.core.v1.Namespace>>;
}

/**
 * Per team an AppProject (its namespaces, its repositories, the kinds it may sync) and its Applications, subscribed
 * to the notifications of the mesh's alert receivers. What the Applications deliver is the team's; Pulumi owns the
 * project that bounds it.
 */
export class ArgoCdTeams extends pulumi.ComponentResource {
  readonly projects: Readonly<Record<string, kubernetes.apiextensions.CustomResource>>;
  readonly applications: readonly kubernetes.apiextensions.CustomResource[];

  constructor(name: string, args: ArgoCdTeamsArgs, opts?: pulumi.ComponentResourceOptions) {
    const missing = args.argocd.teams.flatMap((team) => team.namespaces).filter((namespace) => args.namespaces[namespace] === undefined);
    if (missing.length > 0) throw new Error(`ArgoCdTeams ${name}: no app namespace ${[...new Set(missing)].join(", ")} was given`);
    super("istio-mesh:argocd:ArgoCdTeams", name, {}, opts);
    const { namespace } = args.argocd;
    const annotations = subscriptionAnnotations(args.argocd.notifications);
    this.projects = Object.fromEntries(
      args.argocd.teams.map((team) => [
        team.name,
        new kubernetes.apiextensions.CustomResource(
          `${name}-${team.name}-project`,
          { apiVersion: argocdApiVersion, kind: "AppProject", metadata: { name: team.name, namespace }, spec: appProjectSpec(team, grantableKinds) },
          { parent: this, dependsOn: [...args.argocdReady] },
        ),
      ]),
    );
    this.applications = args.argocd.teams.flatMap((team) =>
      team.applications.map(
        (application) =>
          new kubernetes.apiextensions.CustomResource(
            `${name}-${application.name}`,
            {
              apiVersion: argocdApiVersion,
              kind: "Application",
              metadata: { name: application.name, namespace, ...(Object.keys(annotations).length === 0 ? {} : { annotations }) },
              spec: applicationSpec(application),
            },
            { parent: this, dependsOn: [...args.argocdReady, this.projects[team.name], args.namespaces[application.namespace]] },
          ),
      ),
    );
    this.registerOutputs({ projects: this.projects, applications: this.applications });
  }
}
