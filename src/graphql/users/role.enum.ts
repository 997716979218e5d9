import { registerEnumType } from 'type-graphql';
import type { Role as RoleValue } from '../views';

export const Role = {
  CUSTOMER: 'CUSTOMER',
  ADMIN: 'ADMIN',
} as const satisfies { [K in RoleValue]: K };

registerEnumType(Role, { name: 'Role' });
