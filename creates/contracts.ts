/** Contracts: COR docs api-reference/integrations/contracts/* (catalog §3.5). */
import { defineEntity, entriesOf, externalIdField, type FieldSpec, fieldOf, jsonText, type JsonObject, type JsonValue, reasonOf, optional } from '../src/entity.js';

const contractFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, help: 'The contract name shown in COR.', example: 'Annual Retainer 2025' },
  { key: 'type', label: 'Type', type: 'string', help: 'The kind of contract as COR names it, for example retainer, project or hourly.', example: 'retainer' },
  { key: 'status', label: 'Status', type: 'string', help: 'Contract status as COR names it, for example active, pending or completed.', example: 'active' },
  { key: 'start_date', label: 'Start Date', type: 'date', help: 'When the contract starts.', example: '2025-01-01' },
  { key: 'end_date', label: 'End Date', type: 'date', help: 'When the contract ends; on or after the start date.', example: '2025-12-31' },
  { key: 'value', label: 'Value', type: 'number', min: 0, help: "The contract's total value.", example: 120000 },
  { key: 'description', label: 'Description', type: 'text', help: 'Notes about the contract.', example: 'Monthly retainer for design services' },
];
const clientField: FieldSpec = { key: 'client_id', label: 'Client External ID', type: 'id', required: true, references: 'Client', help: 'The client the contract is with.', example: 'SF-ACC-67890' };
const dateOrder = [{ before: 'start_date', after: 'end_date' }];
const contractResponse = { id: 30001, name: 'Annual Retainer 2025', client_id: 25855, type: 'retainer', status: 'active', start_date: '2025-01-01', end_date: '2025-12-31', value: 120000, company_id: 1234, created_at: '2025-01-10T14:30:00Z', updated_at: '2025-01-10T14:30:00Z' };
const contractId = (extra = '') => externalIdField('Contract', 'SF-CONTRACT-001', extra);
const SAME_ID = 'Use the same ID the contract was created with.';
const usersList: FieldSpec = { key: 'users', label: 'User External IDs', type: 'id', list: true, required: true, references: 'User', help: 'The users, one per entry.', example: ['OKTA-USER-12345'] };

/** One line item per period; COR wants them grouped per user: users[{id, dates[{start, end}]}]. */
const groupPeriodsByUser = (input: Record<string, unknown>): JsonObject => {
  const byUser = new Map<string, { start: string; end: string }[]>();
  for (const row of input.users as { user_id: string; start: string; end: string }[]) {
    byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), { start: row.start, end: row.end }]);
  }
  return { users: [...byUser].map(([id, dates]) => ({ id, dates })) };
};


export default defineEntity({
  key: 'contract',
  noun: 'Contract',
  about: 'A contract with a client.',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/contracts',
      summary: "Creates a contract with a client in COR and links it to your own ID for it. If the contract has a currency, COR needs an exchange rate for it first (Create Currency Exchanges).",
      fields: [contractId(), contractFields[0]!, clientField, ...contractFields.slice(1)],
      rules: dateOrder,
      response: contractResponse,
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/v2/integrations/contracts/{id}',
      summary: 'Updates a COR contract found by its external ID. Only the fields you fill in are changed.',
      fields: [contractId(SAME_ID), ...optional(contractFields)],
      rules: dateOrder,
      response: { ...contractResponse, updated_at: '2025-02-01T09:00:00Z' },
    },
    {
      kind: 'delete',
      method: 'DELETE',
      path: '/v2/integrations/contracts/{id}',
      summary: 'Deletes a COR contract found by its external ID, and removes the link to that ID. COR refuses while users are attached to it.',
      fields: [
        contractId(SAME_ID),
        { key: 'corId', label: 'Contract COR ID', type: 'integer', help: "COR's own ID of the contract, to remove its associations too (optional).", example: 30001 },
      ],
      response: { message: 'Contract deleted successfully', external_id: 'SF-CONTRACT-001', cor_id: 30001 },
    },
    {
      kind: 'action',
      key: 'attach_users_to',
      label: 'Attach Users to Contract',
      method: 'POST',
      path: '/v2/integrations/contracts/{id}/users',
      summary: 'Attaches users to a COR contract for date ranges (one line per user and period). Reports which periods COR accepted and which it rejected, with its reason.',
      fields: [
        contractId(SAME_ID),
        {
          key: 'users',
          label: 'User Periods',
          type: 'string',
          required: true,
          help: 'One line per user and period; several lines for the same user give that user several periods. Each period must lie within the contract dates.',
          children: [
            { key: 'user_id', label: 'User External ID', type: 'id', required: true, references: 'User', help: 'The user to attach.', example: 'OKTA-USER-12345' },
            { key: 'start', label: 'Start Date', type: 'date', required: true, help: 'First day of the period.', example: '2027-10-01' },
            { key: 'end', label: 'End Date', type: 'date', required: true, help: 'Last day of the period; on or after the start.', example: '2028-11-01' },
          ],
          rules: [{ before: 'start', after: 'end' }],
          example: null,
        },
      ],
      toBody: groupPeriodsByUser,
      response: {
        status: 'partial_success',
        company_id: 2336,
        contract_id: 'SF-CONTRACT-001',
        records_received: 2,
        records_created: 1,
        records_rejected: 1,
        assigned: [{ id: 18, user_id: 48915, start_date: '2027-10-01T00:00:00.000Z', end_date: '2028-11-01T00:00:00.000Z' }],
        errors: [{ id: 'external-user-id-5', error_code: 'CE001', message: 'User not found in associations' }],
      },
      batch: {
        read: (response) => ({
          applied: [...entriesOf(response, 'assigned'), ...entriesOf(response, 'attached_users')],
          rejected: entriesOf(response, 'errors').map((e) => {
            const periods = entriesOf(e, 'dates').map((d) => `${jsonText(fieldOf(d, 'start'))}–${jsonText(fieldOf(d, 'end'))}: ${reasonOf(d, 'message')}`);
            return { item: jsonText(fieldOf(e, 'id')), reason: [reasonOf(e, 'error_code', 'message'), ...periods].join('; ') };
          }),
        }),
      },
      unverified: 'COR documents this endpoint as POST in its header and PUT in its summary; we send POST with the newer body (users with date ranges).',
    },
    {
      kind: 'action',
      key: 'detach_users_from',
      label: 'Detach Users from Contract',
      method: 'DELETE',
      path: '/v2/integrations/contracts/{id}/users',
      summary: 'Removes users from a COR contract.',
      fields: [contractId(SAME_ID), usersList],
      response: { message: 'Users detached successfully', contract_id: 30001, detached_users: [8547] },
      unverified: "COR's newer page labels this PUT without giving its path; we use the documented DELETE /contracts/{id}/users.",
    },
  ],
});
