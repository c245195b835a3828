/**
 * The pane's client of the Worker's API: `hc<AppType>`, typed by the Worker's own routes, each
 * answer read with the zod schema of shared/api.ts the Worker answers with, failures as values.
 */
import { hc } from "hono/client";
import type { z } from "zod";
import {
  ListedUserSchema,
  MeSchema,
  ReceiptSchema,
  RecordsResponseSchema,
  RegistryResponseSchema,
  RejudgeResponseSchema,
  RobotDeletedSchema,
  RobotListSchema,
  RobotSchema,
  RobotTestResultSchema,
  StatusResponseSchema,
  SubmissionDetailSchema,
  SubmissionItemSchema,
  SubmissionListSchema,
  SummaryResponseSchema,
  TokenIssuedSchema,
  TokenRevokedSchema,
  UserListSchema,
  UserSchema,
  type Role,
  type RobotInput,
  type SubmissionRequest,
} from "../shared/api";
import { answer, clientOptions, serverBase } from "../shared/client";
import type { Registry } from "../shared/registry";
import type { AppType } from "../worker/index";

export { isRetryable, type ApiFailure, type ApiResult } from "../shared/client";
export { serverBase as apiBase };

export interface ApiConfig {
  serverUrl: string;
  token: string;
  fetch?: typeof fetch;
}

export type Me = z.infer<typeof MeSchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;
export type StatusResponse = z.infer<typeof StatusResponseSchema>;
export type RecordsResponse = z.infer<typeof RecordsResponseSchema>;
export type SummaryResponse = z.infer<typeof SummaryResponseSchema>;
export type SubmissionItem = z.infer<typeof SubmissionItemSchema>;
export type SubmissionDetail = z.infer<typeof SubmissionDetailSchema>;
export type UserList = z.infer<typeof UserListSchema>;
export type TokenIssued = z.infer<typeof TokenIssuedSchema>;
export type { RejudgeResponse, Robot, RobotInput, RobotList } from "../shared/api";

export function createApi(config: ApiConfig) {
  const { api } = hc<AppType>(serverBase(config.serverUrl), clientOptions(config.token, config.fetch));
  return {
    /** The typed client, for calls only lazily loaded views make (their schemas load with them). */
    client: api,
    me: () => answer(() => api.me.$get(), MeSchema),
    registry: () => answer(() => api.registry.$get(), RegistryResponseSchema),
    putRegistry: (registry: Registry) =>
      answer(() => api.registry.$put({ json: registry }), RegistryResponseSchema),
    /**
     * Judges the year's current submissions again with the current registry (admin): a dry run
     * that changes nothing unless `apply`; 409 `conflict` when the registry changed meanwhile.
     */
    rejudge: (year: string, apply = false) =>
      answer(
        () => api.registry.rejudge.$post({ json: apply ? { year, apply: true } : { year } }),
        RejudgeResponseSchema,
      ),
    submit: (body: SubmissionRequest) => answer(() => api.submissions.$post({ json: body }), ReceiptSchema),
    submissions: (year: string) =>
      answer(() => api.submissions.$get({ query: { year } }), SubmissionListSchema),
    submission: (id: string) =>
      answer(
        () => api.submissions[":id"].$get({ param: { id: encodeURIComponent(id) }, query: {} }),
        SubmissionDetailSchema,
      ),
    /** 退回 with the office's comment; 409 when the version is no longer current. */
    returnSubmission: (id: string, comment: string) =>
      answer(
        () =>
          api.submissions[":id"].return.$post({ param: { id: encodeURIComponent(id) }, json: { comment } }),
        SubmissionItemSchema,
      ),
    status: (year: string) => answer(() => api.status.$get({ query: { year } }), StatusResponseSchema),
    records: (kind: string, year: string) =>
      answer(
        () => api.records[":kind"].$get({ param: { kind: encodeURIComponent(kind) }, query: { year } }),
        RecordsResponseSchema,
      ),
    summary: (year: string) => answer(() => api.summary.$get({ query: { year } }), SummaryResponseSchema),
    users: () => answer(() => api.users.$get(), UserListSchema),
    createUser: (user: { name: string; role: Role; branch?: string }) =>
      answer(() => api.users.$post({ json: user }), UserSchema),
    /** `expiresAt`: the last day (YYYY-MM-DD, Shanghai) the token works; absent: no expiry. */
    issueToken: (userId: string, expiresAt?: string) =>
      answer(
        () => api.tokens.$post({ json: expiresAt ? { userId, expiresAt } : { userId } }),
        TokenIssuedSchema,
      ),
    setDisabled: (userId: string, disabled: boolean) =>
      answer(
        () => api.users[":id"].$patch({ param: { id: encodeURIComponent(userId) }, json: { disabled } }),
        ListedUserSchema,
      ),
    revokeToken: (id: string) =>
      answer(() => api.tokens[":id"].$delete({ param: { id: encodeURIComponent(id) } }), TokenRevokedSchema),
    // Group robots for scheduled 催报 (admin)
    robots: () => answer(() => api.robots.$get(), RobotListSchema),
    addRobot: (robot: RobotInput) => answer(() => api.robots.$post({ json: robot }), RobotSchema),
    putRobot: (id: string, robot: RobotInput) =>
      answer(
        () => api.robots[":id"].$put({ param: { id: encodeURIComponent(id) }, json: robot }),
        RobotSchema,
      ),
    deleteRobot: (id: string) =>
      answer(() => api.robots[":id"].$delete({ param: { id: encodeURIComponent(id) } }), RobotDeletedSchema),
    testRobot: (id: string) =>
      answer(
        () => api.robots[":id"].test.$post({ param: { id: encodeURIComponent(id) } }),
        RobotTestResultSchema,
      ),
  };
}

export type Api = ReturnType<typeof createApi>;
