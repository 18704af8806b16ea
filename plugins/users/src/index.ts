export { UsersPlugin } from './users.plugin.js';
export type { UserPage, UserView } from './user-view.js';
export type { TokenAnswer } from './user-sessions.service.js';
export type {
  ChangedBy,
  UserDeletedPayload,
  UserLoginPayload,
  UserLogoutPayload,
  UserProfileUpdatedPayload,
  UserRegisteredPayload,
} from './user-hooks.interface.js';
export { ACTION_ERRORS, USER_HOOKS, USERS_MANAGE, USERS_READ } from './users.constants.js';
