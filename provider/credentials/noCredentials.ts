// The "no credentials" diagnostic: every place credentials are looked for, in the order of the
// sources' list, and how to set them, in the terms of the face that looked.
import { CHAIN_ENV, SETTINGS } from "../config/keys";
import type { SettingTerms } from "../config/settingTerms";
import { credentialPlaces } from "./plan";
import { diagnosticText } from "../diagnostics/diagnostic";

/** The "no credentials" diagnostic: every place looked, and how to set credentials. */
export function noCredentialsMessage(terms: SettingTerms): string {
  return diagnosticText({
    what: [
      "No Alibaba Cloud credentials were found.",
      "Looked in, in order:",
      ...credentialPlaces(terms).map((p) => `  - ${p}`),
    ].join("\n"),
    fix:
      `${terms.set(SETTINGS.accessKey.key, "<AccessKey ID>")} and ` +
      `${terms.set(SETTINGS.secretKey.key, "<AccessKey secret>", { secret: true })}, ` +
      `or export ${CHAIN_ENV.accessKeyId} and ${CHAIN_ENV.accessKeySecret}.`,
  });
}
