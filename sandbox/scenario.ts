/**
 * A realistic sync, step by step, through the real app against the sandbox: what `npm start`
 * prints, and what test/e2e.test.ts asserts. Each step says what it does and checks that COR
 * (the sandbox) and the app behaved as documented.
 */
import type { Sandbox } from './server.js';
import { readZapierError, type Runner } from './zapier-runner.js';

export interface StepOutcome {
  title: string;
  ok: boolean;
  detail: string;
}

const SOURCE = 'SALESFORCE';

/** Runs `fn`, which must fail; returns the Zapier error. */
const mustFail = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    return readZapierError(error);
  }
  throw new Error('the step succeeded, but it should have failed');
};

const expect = (condition: boolean, what: string) => {
  if (!condition) throw new Error(what);
};

/** COR IDs the scenario's steps by COR ID pass on, per sandbox (each step is built on its own in the e2e suite). */
const learned = new WeakMap<object, { task?: number }>();
const memory = (sandbox: Sandbox) => {
  if (!learned.has(sandbox)) learned.set(sandbox, {});
  return learned.get(sandbox)!;
};
/** The COR ID of a record the scenario created by external ID. */
const corIdOf = (sandbox: Sandbox, kind: string, externalId: string): number => sandbox.control.entities(SOURCE, kind).find((e) => e.externalId === externalId)!.corId;

/** What a step runs with: the app, and the sandbox standing in for COR. */
interface Scene {
  runner: Runner;
  sandbox: Sandbox;
}

/** The steps, in order: each says what it does, and returns what it saw. */
const STEPS: { title: string; run: (scene: Scene) => Promise<string> }[] = [
  {
    title: 'Connect a COR account (API key + client secret → token, test call, label)',
    run: async ({ runner }) => {
      const label = await runner.connect();
      expect(label === 'Sandra Box (sandbox@cor.local)', `unexpected connection label "${label}"`);
      return `connected as "${label}"`;
    },
  },
  {
    title: 'Create Client ACME-1 (source Salesforce)',
    run: async ({ runner }) => {
      const out = await runner.run('create_client_by_external_id', { source: SOURCE, id: 'ACME-1', name: 'Acme Corporation', email_contact: 'ops@acme.com' });
      expect(typeof out.cor_id === 'number', 'no COR ID in the output');
      return `COR ID ${out.cor_id}, external ID ${out.external_id}`;
    },
  },
  {
    title: 'Create User EMP-7',
    run: async ({ runner }) => {
      const out = await runner.run('create_user_by_external_id', { source: SOURCE, id: 'EMP-7', email: 'ana@acme.com', first_name: 'Ana', last_name: 'Pérez', role_id: '3' });
      return `COR ID ${out.cor_id} for ${out.first_name} ${out.last_name}`;
    },
  },
  {
    title: 'Create Project OPP-42 for client ACME-1, managed by EMP-7',
    run: async ({ runner, sandbox }) => {
      const out = await runner.run('create_project_by_external_id', {
        source: SOURCE,
        id: 'OPP-42',
        name: 'Website Redesign',
        client_id: 'ACME-1',
        pm_id: 'EMP-7',
        start: '2026-01-15',
        end: '2026-03-31',
        billable: true,
      });
      const client = sandbox.control.entities(SOURCE, 'clients')[0]!;
      expect(out.client_id === client.corId, 'the project does not point at the client');
      return `COR ID ${out.cor_id}, client COR ID ${out.client_id}, PM COR ID ${out.pm_id}`;
    },
  },
  {
    title: 'Create Leave Type VAC, then a leave LV-1 for EMP-7',
    run: async ({ runner }) => {
      await runner.run('create_leave_type_by_external_id', { source: SOURCE, id: 'VAC', name: 'Vacation' });
      const out = await runner.run('create_leave_by_external_id', {
        source: SOURCE,
        id: 'LV-1',
        userId: 'EMP-7',
        leaveTypeId: 'VAC',
        start: '2026-05-11T00:00:00-00:00',
        end: '2026-05-15T23:59:00-00:00',
        allDay: true,
      });
      return `leave COR ID ${out.cor_id}, ${out.start} → ${out.end}`;
    },
  },
  {
    title: 'Update Project OPP-42 by its external ID (only the status and the name)',
    run: async ({ runner }) => {
      const out = await runner.run('update_project_by_external_id', { source: SOURCE, id: 'OPP-42', name: 'Website Redesign (phase 2)', status: 'in_progress' });
      expect(out.name === 'Website Redesign (phase 2)' && out.billable === true, 'the update changed more or less than it was given');
      return `now "${out.name}", status ${out.status}, billable still ${out.billable}`;
    },
  },
  {
    title: 'Create or Update Project OPP-43, twice: no duplicate',
    run: async ({ runner, sandbox }) => {
      const input = { source: SOURCE, id: 'OPP-43', name: 'Mobile App', client_id: 'ACME-1' };
      const first = await runner.run('create_or_update_project_by_external_id', input);
      const second = await runner.run('create_or_update_project_by_external_id', { ...input, name: 'Mobile App v2' });
      const projects = sandbox.control.entities(SOURCE, 'projects');
      expect(first.action_taken === 'created' && second.action_taken === 'updated', 'expected created, then updated');
      expect(first.cor_id === second.cor_id && projects.length === 2, 'a second project was made');
      return `first run: ${first.action_taken} (COR ID ${first.cor_id}); second run: ${second.action_taken} (same COR ID); ${projects.length} projects in COR`;
    },
  },
  {
    title: 'A validation error: a project that ends before it starts (nothing is sent)',
    run: async ({ runner, sandbox }) => {
      const before = sandbox.control.requests.length;
      const error = await mustFail(() => runner.run('create_project_by_external_id', { source: SOURCE, id: 'OPP-99', name: 'Backwards', start: '2026-06-01', end: '2026-05-01' }));
      expect(error.code === 'InvalidInput' && sandbox.control.requests.length === before, 'expected a local validation error and no request');
      return error.message.replace(/\n/g, ' ');
    },
  },
  {
    title: 'A not-found error: a leave for a user that was never created (EMP-404)',
    run: async ({ runner }) => {
      const error = await mustFail(() =>
        runner.run('create_leave_by_external_id', { source: SOURCE, id: 'LV-2', userId: 'EMP-404', leaveTypeId: 'VAC', start: '2026-06-01T00:00:00Z', end: '2026-06-01T23:59:00Z', allDay: true }),
      );
      expect(error.code === 'UserNotFoundError' && error.message.includes('"Create User by External ID"'), `unexpected error: ${error.message}`);
      return error.message;
    },
  },
  {
    title: 'The same external ID under another source is another record (Jira has no OPP-42)',
    run: async ({ runner }) => {
      const error = await mustFail(() => runner.run('update_project_by_external_id', { source: 'JIRA', id: 'OPP-42', name: 'x' }));
      expect(error.message.includes('for source JIRA'), `unexpected error: ${error.message}`);
      return error.message;
    },
  },
  {
    title: 'The token expires: the app gets a new one and the step succeeds',
    run: async ({ runner, sandbox }) => {
      const before = runner.refreshes;
      // An hour later: COR has expired the token.
      runner.ageToken();
      sandbox.control.expireTokens();
      const out = await runner.run('update_project_by_external_id', { source: SOURCE, id: 'OPP-42', status: 'active' });
      expect(runner.refreshes === before + 1 && out.status === 'active', 'expected one refresh, then success');
      return 'COR answered 401; a new token was obtained and the update went through';
    },
  },
  {
    title: 'Read back through the triggers and searches: New Project, Updated Project, Find Client',
    run: async ({ runner, sandbox }) => {
      const newest = await runner.trigger('new_project', {});
      expect(newest.length === 2 && newest[0]!.name === 'Mobile App v2', `expected the 2 projects, newest first; got ${newest.map((p) => p.name).join(', ')}`);
      const acme = sandbox.control.entities(SOURCE, 'clients')[0]!;
      const forAcme = await runner.trigger('updated_project', { client_id: String(acme.corId) });
      const found = await runner.search('find_client', { name: 'acme' });
      expect(found.length === 1 && found[0]!.cor_id === acme.corId, 'Find Client did not find Acme');
      return `New Project: ${newest.map((p) => `#${p.cor_id} "${p.name}" (client ${p.client_name})`).join(', ')}; Updated Project for Acme: ${forAcme.length} with keys ${forAcme.map((p) => p.id).join(', ')}; Find Client "acme": #${found[0]!.cor_id}`;
    },
  },
  {
    title: 'The daily work, by COR ID: Create Task in project OPP-42, assigned to EMP-7, high priority',
    run: async ({ runner, sandbox }) => {
      const project = corIdOf(sandbox, 'projects', 'OPP-42');
      const out = await runner.run('create_task', { title: 'Homepage wireframe', project_id: project, priority: 'High', collaborators: [corIdOf(sandbox, 'users', 'EMP-7')] });
      const seen = await runner.trigger('new_task', { project_id: project });
      expect(out.project_id === project && out.priority === 2, 'the task is not in the project, or its priority was not set');
      expect(
        seen.some((t) => t.cor_id === out.cor_id),
        'New Task did not see the task',
      );
      memory(sandbox).task = Number(out.cor_id);
      return `task COR ID ${out.cor_id} in project ${project}, priority ${out.priority}; New Task sees it`;
    },
  },
  {
    title: 'Log 1.5 hours on it (Log Time with a duration), seen by New Time Entry',
    run: async ({ runner, sandbox }) => {
      const task = memory(sandbox).task!;
      const out = await runner.run('log_time', { task_log_id: task, start: '2026-02-02T09:00:00-03:00', duration: 1.5 });
      const seen = await runner.trigger('new_time_entry', {});
      expect(
        seen.some((h) => h.cor_id === out.cor_id && h.task_id === task),
        'New Time Entry did not see the time logged',
      );
      return `time entry COR ID ${out.cor_id}: ${out.start} → ${out.stop} (${out.duration}) on "${out.task_title}"`;
    },
  },
  {
    title: 'Comment on the task (Add Comment to Task)',
    run: async ({ runner, sandbox }) => {
      const out = await runner.run('add_comment_to_task', { task_id: memory(sandbox).task!, message: 'Wireframes are ready for review.' });
      return `posted "${out.message}" on task ${out.task_id}`;
    },
  },
  {
    title: 'Move it to Finished (Update Task with Title left empty: the task is read first, as COR requires a title)',
    run: async ({ runner, sandbox }) => {
      const out = await runner.run('update_task', { task_id: memory(sandbox).task!, status: 'finalizada' });
      expect(out.status === 'finalizada' && out.title === 'Homepage wireframe', 'the status did not change, or the title did');
      return `"${out.title}" is now ${out.status_name ?? out.status}`;
    },
  },
  {
    title: 'Find it again with Find Task, by a word of its title',
    run: async ({ runner, sandbox }) => {
      const found = await runner.search('find_task', { name: 'wireframe' });
      expect(found.length === 1 && found[0]!.cor_id === memory(sandbox).task, 'Find Task did not find the task');
      return `Find Task "wireframe": #${found[0]!.cor_id} "${found[0]!.title}", ${found[0]!.status}`;
    },
  },
];

export const scenarioSteps = (runner: Runner, sandbox: Sandbox): { title: string; run: () => Promise<string> }[] =>
  STEPS.map((step) => ({ title: step.title, run: () => step.run({ runner, sandbox }) }));

/** Runs every step in order; a failing step is reported and the run goes on. */
export const runScenario = async (runner: Runner, sandbox: Sandbox, print: (outcome: StepOutcome, index: number) => void = () => {}) => {
  const outcomes: StepOutcome[] = [];
  for (const [index, step] of scenarioSteps(runner, sandbox).entries()) {
    let outcome: StepOutcome;
    try {
      outcome = { title: step.title, ok: true, detail: await step.run() };
    } catch (error) {
      outcome = { title: step.title, ok: false, detail: (error as Error).message };
    }
    outcomes.push(outcome);
    print(outcome, index);
  }
  return outcomes;
};
