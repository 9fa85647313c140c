// What a source of credentials is: where it is set, how the messages, the command's help and the
// docs name it, and what it stands for. Each source is one module of this folder; their order is
// the one list in ../plan.ts.
import type { AlicloudConfig } from "../../config/alicloudConfig";
import type { ConfigSource } from "../../config/configSource";
import type { SettingTerms } from "../../config/settingTerms";
import type { CredentialChain } from "../chain";

/** What planning needs: the face's configuration, the environment, and the `alicloud:*` keys read. */
export interface PlanInput {
  /** The face's configuration. */
  config: ConfigSource;
  /** Environment variables. */
  env: NodeJS.ProcessEnv;
  /** The `alicloud:*` keys, read and checked. */
  alicloud: AlicloudConfig;
}

/** What every plan says: its kind, and where it was found (never a secret's value). */
export interface PlanBase {
  /** The kind of plan. */
  kind: string;
  /** Where it was found, for diagnostics. */
  source: string;
}

/** One source of credentials, `P` being the plans it makes. */
export interface CredentialSource<P extends PlanBase> {
  /** Where it is looked for, as the "no credentials" diagnostic lists it, in a face's terms: one line each. */
  places(terms: SettingTerms): string[];
  /** Its row of the docs' table of credential sources: its settings, and its environment variables. */
  readonly doc: { readonly source: string; readonly environment: string };
  /** How the command's help names it, one line each (the command reads the environment only): none for a setting alone. */
  readonly help: readonly string[];
  /** Its plan when it is set, else undefined. Reads no file's content and sends nothing; throws for a setting made by half. */
  plan(input: PlanInput): P | undefined;
  /** Whether a plan is one of its own. */
  owns(plan: PlanBase): plan is P;
  /** What a plan of its own stands for, reading the files it names (bounded, never quoted). */
  expand(plan: P, env: NodeJS.ProcessEnv, terms: SettingTerms): CredentialChain;
}

/** A source as the list holds it: any plan can be offered to it, and it expands only its own. */
export interface ListedSource<P extends PlanBase> extends CredentialSource<P> {
  /** What a plan stands for when it is one of this source's; undefined when it is not. */
  expandOwn(plan: PlanBase, env: NodeJS.ProcessEnv, terms: SettingTerms): CredentialChain | undefined;
}

/** A source, typed by the plans it makes, as the list holds it. */
export function credentialSource<P extends PlanBase>(source: CredentialSource<P>): ListedSource<P> {
  return {
    ...source,
    expandOwn: (plan, env, terms) => (source.owns(plan) ? source.expand(plan, env, terms) : undefined),
  };
}
