import { type AuthService, type UserService } from '../../graphql/services';
import { type ServiceDeps } from './deps';

export function authService(deps: ServiceDeps): AuthService {
  return {
    register: (command) => deps.users.register(command),
    login: (email, password, clientIp) => deps.users.login(email, password, clientIp),
    verifyToken: (token) => deps.users.verifyToken(token),
  };
}

export function userService(deps: ServiceDeps): UserService {
  return { usersByIds: (ids) => deps.users.usersByIds(ids) };
}
