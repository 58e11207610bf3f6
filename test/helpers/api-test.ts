import { apiClient, type ApiClient } from "./api.js";
import { createTestApp, type TestApp } from "./app.js";
import { buildAgent, buildWorkspace, type TestActor } from "./factories.js";

/** An error answer of the API. */
export interface ErrorBody {
  error: { code: string; message: string; details?: { field: string; message: string }[] };
}

/** The field a 400 answer names first. */
export const fieldOf = (body: unknown): string | undefined => (body as ErrorBody).error.details?.[0]?.field;

export interface ApiTest {
  t: TestApp;
  api: ApiClient;
  workspaceId: string;
  owner: TestActor;
  agent: TestActor;
  /** The owner of another workspace: its ids must answer 404 here, and ours to it. */
  stranger: TestActor;
}

/**
 * What most API test files start with: the app on a database of its own, a workspace with its owner and
 * an agent, and another workspace's owner. Call it in `beforeAll`; close with `t.close()`.
 */
export async function startApiTest(options: { agentName?: string } = {}): Promise<ApiTest> {
  const t = await createTestApp();
  const built = await buildWorkspace(t.ctx);
  const workspaceId = built.workspace.id;
  return {
    t,
    api: apiClient(t.app),
    workspaceId,
    owner: built.owner,
    agent: await buildAgent(t.ctx, workspaceId, options.agentName ? { name: options.agentName } : {}),
    stranger: (await buildWorkspace(t.ctx)).owner,
  };
}
