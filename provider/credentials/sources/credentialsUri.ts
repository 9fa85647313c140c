// `alicloud:credentialsUri`: a URI that serves credentials, fetched by @alicloud/credentials.
import { SETTINGS } from "../../config/keys";
import { credentialsLibrary } from "../chain";
import { credentialSource } from "./credentialSource";

/** A URI that serves credentials. */
export interface CredentialsUriPlan {
  /** The kind of plan. */
  kind: "uri";
  /** The URI. */
  uri: string;
  /** Where it was configured. */
  source: string;
}

/** The credentials URI: the fifth source. */
export const CREDENTIALS_URI = credentialSource<CredentialsUriPlan>({
  places: ({ place }) => [
    `${place(SETTINGS.credentialsUri.key)} (${SETTINGS.credentialsUri.env.join(", ")})`,
  ],
  doc: {
    source: `\`${SETTINGS.credentialsUri.key}\`: a URI that serves credentials`,
    environment: SETTINGS.credentialsUri.env.map((name) => `\`${name}\``).join(", "),
  },
  help: [SETTINGS.credentialsUri.env[0]],
  plan: ({ alicloud }) =>
    alicloud.credentialsUri && {
      kind: "uri",
      uri: alicloud.credentialsUri.value,
      source: alicloud.credentialsUri.source,
    },
  owns: (plan): plan is CredentialsUriPlan => plan.kind === "uri",
  expand: (plan) => ({
    base: {
      kind: "library",
      make: () => credentialsLibrary().URICredentialsProvider.builder().withCredentialsURI(plan.uri).build(),
      what: `the credentials URI ${plan.uri}`,
      source: plan.source,
    },
    roles: [],
  }),
});
