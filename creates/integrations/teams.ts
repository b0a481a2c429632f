/** Teams: https://developers.projectcor.com/api-reference/integrations/teams/{create,update,delete,attach-users,detach-users} */
import { defineEntity, entriesOf, type FieldSpec, fieldOf, jsonText, reasonOf, standardOperations } from '../../src/model/entity.js';

const teamFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, example: 'Frontend Team' },
  {
    key: 'workspace_id',
    label: 'Workspace External ID',
    type: 'id',
    references: 'Workspace',
    help: 'Users attached to the team must be in this workspace (and in no other team of it).',
    example: 'WS-ENG',
  },
  { key: 'description', label: 'Description', type: 'text', example: 'Web and mobile UI' },
];
const teamResponse = {
  id: 4240,
  company_id: 2336,
  name: 'Frontend Team',
  description: 'Web and mobile UI',
  workspace_id: 3,
  created_at: '2026-01-08 19:06:19',
  updated_at: '2026-01-08 19:06:19',
  deleted_at: null,
};
const usersList: FieldSpec = { key: 'users', label: 'User External IDs', type: 'id', list: true, required: true, references: 'User', help: 'The users, one per entry.', example: ['OKTA-USER-12345'] };
const relation = { team_id: 4240, user_id: 48878, created_at: '2026-01-08 19:10:00', updated_at: '2026-01-08 19:10:00', id: 178148 };
const PUT_OR_POST = "COR's page header says PUT while its curl example sends POST; we send PUT.";

export default defineEntity({
  noun: 'Team',
  idExample: 'TEAM-FRONT',
  operations: [
    ...standardOperations('teams', {
      fields: teamFields,
      // Create answers with ISO timestamps and no deleted_at; update with COR's naive ones and deleted_at.
      response: { id: 5001, name: 'Team test', description: 'description', workspace_id: 1234, company_id: 1234, created_at: '2025-01-10T14:30:00Z', updated_at: '2025-01-10T14:30:00Z' },
      create: { duplicateCodes: ['ZC004'] },
      update: { response: teamResponse },
    }),
    {
      kind: 'action',
      label: 'Attach Users to Team',
      method: 'PUT',
      path: '/v2/integrations/teams/{id}/attach',
      docs: 'teams/attach-users',
      summary: 'Adds users to a team and lists any refused, with the reason. Users must be in its workspace and in none of its other teams.',
      fields: [usersList],
      response: { users: [relation], errors: [{ user_id: 48879, name: 'ALREADY_ASSIGNED', code: 'UT011', message: 'User is already assigned to this team' }] },
      batch: {
        // Older answers are a bare list of relations; newer ones {users, errors}.
        read: (response) => ({
          applied: Array.isArray(response) ? response : entriesOf(response, 'users'),
          rejected: entriesOf(response, 'errors').map((e) => ({
            item: `user ${jsonText(fieldOf(e, 'user_id'))}`,
            reason: typeof e === 'object' ? `${reasonOf(e, 'code', 'name')}: ${reasonOf(e, 'message')}` : reasonOf(e),
          })),
        }),
      },
      unverified: PUT_OR_POST,
    },
    {
      kind: 'action',
      label: 'Detach Users From Team',
      method: 'PUT',
      path: '/v2/integrations/teams/{id}/detach',
      docs: 'teams/detach-users',
      summary: 'Removes users from a team.',
      fields: [usersList],
      response: [relation],
      unverified: PUT_OR_POST,
    },
  ],
});
