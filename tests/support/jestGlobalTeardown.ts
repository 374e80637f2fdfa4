import * as fs from "fs";
import { renderedStacksVariable } from "./renderedStacks";

export default function globalTeardown(): void {
  const dir = process.env[renderedStacksVariable];
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
}
