import * as fs from "fs";
import * as path from "path";

/**
 * The Gateway API release the program installs (`gatewayApi.crds: install`) and requires (`existing`): Istio 1.30
 * supports v1.5.1, and its analyzer IST0176 flags older bundles, whose resources istiod ignores. The objects come
 * from the release's Go module, extracted by `scripts/gatewayApiCrds.ts` (CI checks the file against the module).
 */
export const gatewayApiBundle = Object.freeze({ version: "v1.5.1", channel: "standard" });

/** The extracted objects of `standard-install.yaml`, relative to the project folder. */
export const gatewayApiManifestsFile = `components/gatewayApi/crds/gateway-api-${gatewayApiBundle.version}-${gatewayApiBundle.channel}.json`;

/** A Kubernetes object of the bundle: CustomResourceDefinitions and the safe-upgrades admission policy. */
export interface BundleObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly annotations?: Readonly<Record<string, string>> };
  readonly [field: string]: unknown;
}

let cached: readonly BundleObject[] | undefined;

/** The bundle's objects, read once from the checked-in file. */
export function gatewayApiManifests(): readonly BundleObject[] {
  cached ??= (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", gatewayApiManifestsFile), "utf8")) as { objects: BundleObject[] }).objects;
  return cached;
}
