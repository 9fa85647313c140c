// The calls a program makes in its own process (the organisation's directory, its status): the
// stack's configuration, read raw and only when a call is made, in the stack's terms. The SDK is
// loaded here, at the first such call: importing the package loads none.
import * as pulumi from "@pulumi/pulumi";
import { STACK_TERMS } from "../config/settingTerms";
import { faceContext } from "../diagnostics/faceContext";
import type { LifecycleCalls } from "../pulumi/lifecycleCalls";

/** The calls of the program's stack configuration. */
export function programCalls(): LifecycleCalls {
  const { lifecycleCalls } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, typed here
    require("../pulumi/lifecycleCalls") as typeof import("../pulumi/lifecycleCalls");
  return lifecycleCalls({
    config: { get: (key) => pulumi.runtime.getConfig(key) },
    env: process.env,
    context: faceContext(STACK_TERMS),
  });
}
