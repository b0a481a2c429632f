/** Users: https://developers.projectcor.com/api-reference/integrations/users/{create,update,delete,assign-position,attach-workspaces,detach-workspaces} */
import { ROLES } from '../../src/request/config.js';
import { defineEntity, entriesOf, type FieldSpec, fieldOf, jsonText, optional, reasonOf, standardOperations } from '../../src/model/entity.js';

const profileFields: FieldSpec[] = [
  { key: 'first_name', label: 'First Name', type: 'string', required: true, example: 'John' },
  { key: 'last_name', label: 'Last Name', type: 'string', required: true, example: 'Smith' },
  { key: 'phone', label: 'Phone', type: 'string', example: '+1-555-987-6543' },
  { key: 'position', label: 'Job Title', type: 'string', help: 'Job title as free text (not a COR position).', example: 'Senior Developer' },
  { key: 'department', label: 'Department', type: 'string', example: 'Engineering' },
  { key: 'role_id', label: 'Role', type: 'integer', choices: ROLES, help: "The user's COR role, which sets what they can see and do.", example: 4 },
  { key: 'daily_hours', label: 'Daily Hours', type: 'number', min: 0, max: 24, help: 'Working hours per day (COR default: 8).', example: 8 },
  { key: 'user_position_id', label: 'Position External ID', type: 'id', references: 'Position', example: 'external-user-position-1' },
  { key: 'seniority_id', label: 'Seniority External ID', type: 'id', references: 'Seniority', example: 'external_seniority_id_10' },
];
const userResponse = {
  id: 8546,
  email: 'john.smith@company.com',
  first_name: 'John',
  last_name: 'Smith',
  phone: '+1-555-987-6543',
  role_id: 4,
  daily_hours: 8,
  company_id: 1234,
  created_at: '2025-01-10T14:30:00Z',
  updated_at: '2025-01-10T14:30:00Z',
};
const workspaceUser = {
  id: 8545,
  name: 'John Smith',
  email: 'john.smith@company.com',
  workspaces: [
    {
      id: 5001,
      name: 'Engineering',
      active: true,
      metadata: {},
      json_integrations: { integration_id: 16, is_active: true, source: 'MICROSOFT_DYNAMICS', destination: null, status: 'NOT_SEND', origin_external_id: 'WS-ENG', destination_external_id: null },
      created_at: '2026-01-15 22:42:15',
      updated_at: '2026-01-15 22:42:15',
      pivot: { workspace_id: 5001, user_id: 8545, percentage: 50 },
    },
  ],
};

const email: FieldSpec = { key: 'email', label: 'E-mail', type: 'email', required: true, help: "The user's e-mail address; must not belong to another COR user.", example: 'john.smith@company.com' };

export default defineEntity({
  noun: 'User',
  idExample: 'OKTA-USER-12345',
  operations: [
    ...standardOperations('users', {
      fields: [email, ...profileFields],
      response: userResponse,
      update: {
        note: 'The e-mail address does not change here.',
        fields: [
          ...optional(profileFields),
          { key: 'hourly_rate', label: 'Hourly Rate', type: 'number', min: 0, help: 'It applies from the date in Hourly Rate Effective From.', example: 45 },
          { key: 'hourly_rate_effective_from', label: 'Hourly Rate Effective From', type: 'date', example: '2025-02-01' },
        ],
        response: { ...userResponse, updated_at: '2025-02-01T09:00:00Z' },
        unverified: 'COR documents hourly_rate_effective_from but not the name of the rate field itself; we send hourly_rate (its name in the main API).',
      },
      delete: { note: 'It fails while the user has time entries or project assignments.', response: { message: 'User deleted successfully', external_id: 'OKTA-USER-12345', cor_id: 8546 } },
    }),
    {
      kind: 'action',
      label: 'Assign Positions to Users',
      method: 'PUT',
      path: '/v2/user/user-position',
      docs: 'users/assign-position',
      summary: 'Assigns positions to several users in one step (one line per user) and lists any refused, with the reason.',
      fields: [
        {
          key: 'users',
          label: 'Assignments',
          type: 'string',
          required: true,
          help: 'One line per user.',
          children: [
            { key: 'id', label: 'User External ID', type: 'id', required: true, references: 'User', example: 'OKTA-USER-12345' },
            { key: 'position_id', label: 'Position External ID', type: 'id', required: true, references: 'Position', example: 'POS-DEV-001' },
          ],
          example: null,
        },
      ],
      response: { message: 'Users assigned to positions successfully', assignments: [{ user_id: 8546, position_id: 101, status: 'assigned' }] },
      batch: {
        read: (response) => {
          const assignments = entriesOf(response, 'assignments');
          const assigned = (a: (typeof assignments)[number]) => fieldOf(a, 'status') === 'assigned';
          return {
            applied: assignments.filter(assigned),
            rejected: assignments.filter((a) => !assigned(a)).map((a) => ({ item: `user ${jsonText(fieldOf(a, 'user_id'))}`, reason: reasonOf(a, 'status', 'message') })),
          };
        },
      },
    },
    {
      kind: 'action',
      label: 'Attach Workspaces to User',
      method: 'PUT',
      path: '/v2/integrations/users/{id}/attach',
      docs: 'users/attach-workspaces',
      summary: 'Gives a user access to workspaces, with the share of their time in each (one line per workspace).',
      fields: [
        {
          key: 'workspaces',
          label: 'Workspaces',
          type: 'string',
          required: true,
          help: 'One line per workspace.',
          children: [
            { key: 'workspaceId', label: 'Workspace External ID', type: 'id', required: true, references: 'Workspace', example: 'WS-ENG' },
            { key: 'percentage', label: 'Percentage', type: 'number', required: true, min: 0, max: 100, help: "Share of the user's time in this workspace, in percent.", example: 50 },
          ],
          example: null,
        },
      ],
      response: workspaceUser,
    },
    {
      kind: 'action',
      label: 'Detach Workspaces From User',
      method: 'PUT',
      path: '/v2/integrations/users/{id}/detach',
      docs: 'users/detach-workspaces',
      summary: "Removes a user's access to workspaces.",
      fields: [{ key: 'workspaces', label: 'Workspace External IDs', type: 'id', list: true, required: true, references: 'Workspace', help: 'The workspaces, one per entry.', example: ['WS-ENG'] }],
      response: { ...workspaceUser, workspaces: [] },
    },
  ],
});
