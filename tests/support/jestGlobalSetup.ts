import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderedStacksVariable } from "./renderedStacks";

/** A fresh folder for this run's renders of the repository's stacks; jest's workers inherit the variable. */
export default function globalSetup(): void {
  process.env[renderedStacksVariable] = fs.mkdtempSync(path.join(os.tmpdir(), "istio-mesh-rendered-stacks-"));
}
