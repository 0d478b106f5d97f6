/** Per-request values on `c.var`, typed once for every route. */
export type Principal =
  | { kind: 'customer'; authUserId: string }
  | { kind: 'anonymous' }
  | { kind: 'host' }
  | { kind: 'staff'; name: string };

export type AppEnv = {
  Variables: {
    requestId: string;
    principal: Principal;
  };
};
