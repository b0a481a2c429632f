/**
 * The main API's work-item writes, on the records main-api.ts lists: tasks (create, update,
 * collaborators, messages, files: uploaded and served back, or from a cloud service, and listed),
 * time entries (log, change status), projects (create, update, collaborators, messages, costs, the
 * files of their tasks), and the seeded templates and labels they pick from. Each answers
 * as COR's OpenAPI document says (sandbox/openapi/ has checked the request before); where the
 * document gives no error or no body, the route's comment says what the sandbox chose.
 * control.reset() empties all of it (through the main API's clear).
 */
import type { FastifyInstance } from 'fastify';
import type { MainApi } from './main-api.js';
import type { SandboxState } from './state.js';
import { registerAttachments } from './writes/attachments.js';
import { registerCatalogs } from './writes/catalogs.js';
import { type ConnectedUser, writeContext } from './writes/context.js';
import { registerHourWrites } from './writes/hours.js';
import { registerMessages } from './writes/messages.js';
import { projectTeams, registerProjectParts } from './writes/project-parts.js';
import { registerProjectWrites } from './writes/projects.js';
import { registerTaskCollaborators } from './writes/task-collaborators.js';
import { registerTaskWrites } from './writes/tasks.js';

/** `filesDir`: where uploaded files are kept (the sandbox's own temporary directory). */
export const registerMainWrites = (app: FastifyInstance, options: { state: SandboxState; mainApi: MainApi; me: ConnectedUser; filesDir: string }) => {
  const ctx = writeContext(options.state, options.mainApi, options.me);
  const teams = projectTeams(ctx);
  registerTaskWrites(app, ctx);
  registerTaskCollaborators(app, ctx);
  registerHourWrites(app, ctx);
  registerProjectWrites(app, ctx, teams);
  registerProjectParts(app, ctx, teams);
  registerMessages(app, ctx);
  registerAttachments(app, ctx, options.filesDir);
  registerCatalogs(app);
};
