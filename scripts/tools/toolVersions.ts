import { istioVersion } from "../../components/names";

/**
 * The tools `npm run tools` builds, at the versions the stack pins. Istio's git tags are not semver, so the Go
 * module proxy knows a release only by the pseudo-version of its commit; `tools/istio/go.mod` requires this one.
 */
export const istioModule = Object.freeze({
  path: "istio.io/istio",
  /**
   * The newest release-1.30 commit the proxy serves (2026-08-26): the 1.30.4 code (its go.mod requires
   * istio.io/api v1.30.4-0.20260824163423-69099aec2678), a day before 1.30.4's release.
   */
  version: "v0.0.0-20260826214018-9739e10eb9d7",
  /** The release its binaries report and its charts are published as. */
  release: istioVersion,
  /** The hub the release process writes into the published charts (istio/release-builder `DOCKER_HUB`). */
  releasedHub: "docker.io/istio",
});

/** The commit of the pinned Istio module, as istioctl reports its `revision`. */
export const istioCommit = istioModule.version.slice(istioModule.version.lastIndexOf("-") + 1);

export const helmModule = Object.freeze({ path: "helm.sh/helm/v3", version: "v3.22.0" });
