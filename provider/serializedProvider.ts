import type * as pulumi from "@pulumi/pulumi";

// This object is serialized into every resource's state as `__provider`. Each method loads the
// implementation by package name when it runs, so the serialized text holds no code of ours, no
// client, no credential and no version: it stays under 2 KB and identical across releases, and
// upgrading the package upgrades the behaviour of every existing resource. Arrow functions with
// short parameter names keep it small. There is no `update`: `diff` never asks for one (every
// change replaces the resource).

/** The dynamic provider of {@link PublicIpAddressPoolService}. */
export const serializedProvider: pulumi.dynamic.ResourceProvider = {
  configure: (r) => require("pulumi-alicloud-ip-pool-service/implementation").configure(r),
  check: (o, n) => require("pulumi-alicloud-ip-pool-service/implementation").check(o, n),
  diff: (i, o, n) => require("pulumi-alicloud-ip-pool-service/implementation").diff(i, o, n),
  create: (n) => require("pulumi-alicloud-ip-pool-service/implementation").create(n),
  read: (i, o) => require("pulumi-alicloud-ip-pool-service/implementation").read(i, o),
  delete: (i, o) => require("pulumi-alicloud-ip-pool-service/implementation").remove(i, o),
};
