// The pieces every part of the plugin's schema is written with: a property, a reference to a
// type, a text, and the role to assume that the resources, the component and the function share.
import { ROLE_FIELD_DOCS } from "../config/roles";
import { PACKAGE } from "./pluginConfig";

/** A property of the schema. */
export type Property = Record<string, unknown>;

/** The token of the role type of the resources (in `index`). */
export const ASSUME_ROLE = `${PACKAGE}:index:AssumeRole`;

/** A property whose type is the schema type `token`. */
export const ref = (token: string, description: string): Property => ({
  $ref: `#/types/${token}`,
  description,
});

/** A string property (secret: encrypted in the state). */
export const text = (description: string, secret = false): Property =>
  secret ? { type: "string", description, secret: true } : { type: "string", description };

/** A list of strings. */
export const texts = (description: string): Property => ({
  type: "array",
  items: { type: "string" },
  description,
});

/** The schema's properties of a role to assume, by field (the resource's and the provider's `assumeRole`). */
export const ROLE_PROPERTIES: Readonly<Record<string, Property>> = {
  roleArn: text(ROLE_FIELD_DOCS.roleArn),
  sessionName: text(ROLE_FIELD_DOCS.sessionName),
  policy: text(ROLE_FIELD_DOCS.policy),
  sessionExpiration: { type: "integer", description: ROLE_FIELD_DOCS.sessionExpiration },
  externalId: text(ROLE_FIELD_DOCS.externalId),
};
