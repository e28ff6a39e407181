// A user's permission on the repository, as an Action checks it before obeying a comment command.
import { json, type Handler } from '../responses.js';
import type { RepoPermission } from '../setup-types.js';

// `permission` only knows GitHub's legacy base roles: maintain reads as write and triage as read.
// The fine-grained role is in `role_name`.
const LEGACY_PERMISSION: Record<RepoPermission, 'admin' | 'write' | 'read' | 'none'> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none',
};

const RANK: RepoPermission[] = ['none', 'read', 'triage', 'write', 'maintain', 'admin'];

export const getCollaboratorPermission: Handler = (context) => {
  const { store } = context;
  const login = String(context.path['username']);
  const role = store.permissionOf(login);
  const atLeast = (wanted: RepoPermission) => RANK.indexOf(role) >= RANK.indexOf(wanted);
  return json(200, {
    permission: LEGACY_PERMISSION[role],
    role_name: role,
    user: {
      ...store.user(login),
      permissions: {
        admin: atLeast('admin'),
        maintain: atLeast('maintain'),
        push: atLeast('write'),
        triage: atLeast('triage'),
        pull: atLeast('read'),
      },
      role_name: role,
    },
  });
};
