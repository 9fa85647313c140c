// The resource directory of the emulator's ready account (its management account): folders, and
// members with their status, type, join method and tags; and Resource Manager's ListAccounts,
// paged as the real API pages it. A member the directory creates gets the role
// ResourceDirectoryAccountAccessRole, trusted by the management account.

import { UNCONFIRMED, type ErrorCode } from "./errorCatalog";

/** The version of the Resource Manager API. */
export const RESOURCE_MANAGER_VERSION = "2020-03-31";

/** The role the directory creates in each member it creates, trusted by the management account. */
export const DIRECTORY_ROLE = "ResourceDirectoryAccountAccessRole";

/** A member's status: the joined ones, and some of the others. */
export type MemberStatus =
  | "CreateSuccess"
  | "InviteSuccess"
  | "PromoteSuccess"
  | "CreateVerifying"
  | "PromoteVerifying"
  | "CreateFailed"
  | "InviteExpired"
  | "PromoteCancelled";

/** How to add a member; every field is optional. */
export interface MemberSpec {
  /** Its display name (default: `member-<n>`). */
  displayName?: string;
  /** The folder it is in (default: the root folder). */
  folderId?: string;
  /** Its status (default: `CreateSuccess`). */
  status?: MemberStatus;
  /** `ResourceAccount` or `CloudAccount` (default: `ResourceAccount`). */
  type?: "ResourceAccount" | "CloudAccount";
  /** `created` or `invited` (default: `created`). */
  joinMethod?: "created" | "invited";
  /** Its tags. */
  tags?: Record<string, string>;
}

/** A member of the directory. */
export interface Member extends Required<Omit<MemberSpec, "tags">> {
  /** The member's account ID. */
  accountId: string;
  /** Its tags. */
  tags: Record<string, string>;
}

/** The directory of the management account. */
export class ResourceDirectory {
  /** The directory's ID. */
  readonly id = "rd-emu0001";
  /** The root folder's ID. */
  readonly rootFolderId = "r-emu0001";
  private readonly folders = new Map<string, { name: string; parentId: string }>();
  private readonly members = new Map<string, Member>();

  /** Adds a folder under `parentId` (default: the root); returns its ID. */
  addFolder(name: string, parentId: string = this.rootFolderId): string {
    if (parentId !== this.rootFolderId && !this.folders.has(parentId))
      throw new Error(`no folder ${parentId}`);
    const id = `fd-emu${String(this.folders.size + 1).padStart(4, "0")}`;
    this.folders.set(id, { name, parentId });
    return id;
  }

  /** Records an account as a member; returns the member. */
  add(accountId: string, spec: MemberSpec = {}): Member {
    const folderId = spec.folderId ?? this.rootFolderId;
    if (folderId !== this.rootFolderId && !this.folders.has(folderId))
      throw new Error(`no folder ${folderId}`);
    const member: Member = {
      accountId,
      displayName: spec.displayName ?? `member-${this.members.size + 1}`,
      folderId,
      status: spec.status ?? "CreateSuccess",
      type: spec.type ?? "ResourceAccount",
      joinMethod: spec.joinMethod ?? "created",
      tags: { ...(spec.tags ?? {}) },
    };
    this.members.set(accountId, member);
    return member;
  }

  /** Changes a member's status, folder, name or tags. */
  update(accountId: string, patch: MemberSpec): void {
    const member = this.members.get(accountId);
    if (!member) throw new Error(`no member ${accountId}`);
    Object.assign(member, { ...patch, tags: patch.tags ?? member.tags });
  }

  /** Removes a member (it leaves the directory; its account stays). */
  remove(accountId: string): void {
    this.members.delete(accountId);
  }

  /** Every member, in the order they joined. */
  list(): Member[] {
    return [...this.members.values()];
  }

  /** A member's path in the directory: `<directory>/<root>/<folders…>/<account>`. */
  path(member: Member): string {
    const folders: string[] = [];
    for (let id = member.folderId; id !== this.rootFolderId; id = this.folders.get(id)!.parentId)
      folders.unshift(id);
    return [this.id, this.rootFolderId, ...folders, member.accountId].join("/");
  }

  /** Empties the directory. */
  clear(): void {
    this.folders.clear();
    this.members.clear();
  }
}

/** ListAccounts: one page of the members, as the real API pages them, or the reason it refuses. */
export function listAccounts(facts: {
  directory: ResourceDirectory;
  managementUid: string;
  callerUid: string;
  params: Record<string, string>;
  requestId: string;
}): { ok: true; body: Record<string, unknown> } | { ok: false; code: ErrorCode; detail: string } {
  const { directory, params } = facts;
  if (facts.callerUid !== facts.managementUid) {
    return {
      ok: false,
      code: UNCONFIRMED.notManagementAccount,
      detail: `account ${facts.callerUid} manages no resource directory.`,
    };
  }
  const pageNumber = params.PageNumber === undefined ? 1 : Number(params.PageNumber);
  const pageSize = params.PageSize === undefined ? 10 : Number(params.PageSize);
  if (!Number.isInteger(pageNumber) || pageNumber < 1) {
    return { ok: false, code: "InvalidParameter", detail: `PageNumber: ${params.PageNumber}.` };
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    return { ok: false, code: "InvalidParameter", detail: `PageSize: ${params.PageSize} (1 to 100).` };
  }
  const members = directory.list();
  const page = members.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  const withTags = params.IncludeTags === "true";
  return {
    ok: true,
    body: {
      RequestId: facts.requestId,
      PageNumber: pageNumber,
      PageSize: pageSize,
      TotalCount: members.length,
      Accounts: {
        Account: page.map((m) => ({
          AccountId: m.accountId,
          AccountName: `${m.displayName}@${directory.id}.onaliyun.com`,
          DisplayName: m.displayName,
          FolderId: m.folderId,
          ResourceDirectoryId: directory.id,
          ResourceDirectoryPath: directory.path(m),
          Status: m.status,
          Type: m.type,
          JoinMethod: m.joinMethod,
          ...(withTags
            ? { Tags: { Tag: Object.entries(m.tags).map(([Key, Value]) => ({ Key, Value })) } }
            : {}),
        })),
      },
    },
  };
}
