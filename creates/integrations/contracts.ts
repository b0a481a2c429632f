/** Contracts: https://developers.projectcor.com/api-reference/integrations/contracts/{create,update,delete,attach-users,detach-users} */
import { defineEntity, entriesOf, type FieldSpec, fieldOf, jsonText, type JsonObject, optional, reasonOf, standardOperations } from '../../src/model/entity.js';

const contractFields: FieldSpec[] = [
  { key: 'name', label: 'Name', type: 'string', required: true, example: 'Annual Retainer 2025' },
  { key: 'client_id', label: 'Client External ID', type: 'id', required: true, references: 'Client', example: 'SF-ACC-67890' },
  { key: 'type', label: 'Type', type: 'string', help: 'The kind of contract as COR names it, for example retainer, project or hourly.', example: 'retainer' },
  { key: 'status', label: 'Status', type: 'string', help: 'Contract status as COR names it, for example active, pending or completed.', example: 'active' },
  { key: 'start_date', label: 'Start Date', type: 'date', example: '2025-01-01' },
  { key: 'end_date', label: 'End Date', type: 'date', help: 'On or after the Start Date.', example: '2025-12-31' },
  { key: 'value', label: 'Value', type: 'number', min: 0, example: 120000 },
  {
    key: 'currency_id',
    label: 'Currency',
    type: 'string',
    dynamic: 'list_currencies.id.name',
    help: "The contract's currency, as an ISO 4217 code such as USD. Leave empty for your company's base currency.",
    example: 'USD',
  },
  { key: 'description', label: 'Description', type: 'text', help: 'Notes about the contract.', example: 'Monthly retainer for design services' },
];
const contractResponse = {
  id: 30001,
  name: 'Annual Retainer 2025',
  client_id: 25855,
  type: 'retainer',
  status: 'active',
  start_date: '2025-01-01',
  end_date: '2025-12-31',
  value: 120000,
  company_id: 1234,
  created_at: '2025-01-10T14:30:00Z',
  updated_at: '2025-01-10T14:30:00Z',
};
/** COR refuses a contract whose currency has no exchange rate (CTR006) but its pages name no currency field. */
const CURRENCY_FIELD =
  'COR\'s page requires an exchange rate for "the currency ISO sent in the request" but names no field for it; we send currency_id with an ISO 4217 code, the name Create Project gives its currency.';
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
  noun: 'Contract',
  idExample: 'SF-CONTRACT-001',
  operations: [
    ...standardOperations('contracts', {
      fields: contractFields,
      rules: [{ before: 'start_date', after: 'end_date' }],
      response: contractResponse,
      create: { note: 'A contract in a foreign currency needs its exchange rate first (Create Currency Exchange).', unverified: CURRENCY_FIELD },
      update: {
        fields: optional(contractFields.filter((f) => f.key !== 'client_id')),
        response: { ...contractResponse, updated_at: '2025-02-01T09:00:00Z' },
        unverified: CURRENCY_FIELD,
      },
      delete: {
        note: 'It fails while users are attached to the contract.',
        fields: [
          {
            key: 'corId',
            label: 'Contract',
            type: 'integer',
            min: 1,
            dynamic: 'list_contracts.id.name',
            help: 'Pick the contract, or map its COR ID, to remove its associations too.',
            example: 30001,
          },
        ],
        response: { message: 'Contract deleted successfully', external_id: 'SF-CONTRACT-001', cor_id: 30001 },
      },
    }),
    {
      kind: 'action',
      label: 'Attach Users to Contract',
      method: 'POST',
      path: '/v2/integrations/contracts/{id}/users',
      docs: 'contracts/attach-users',
      summary: 'Attaches users to a contract for date ranges (one line per user and period) and lists any refused, with the reason.',
      fields: [
        {
          key: 'users',
          label: 'User Periods',
          type: 'string',
          required: true,
          help: 'One line per user and period; several lines for the same user give that user several periods. Each period must lie within the contract dates.',
          children: [
            { key: 'user_id', label: 'User External ID', type: 'id', required: true, references: 'User', example: 'OKTA-USER-12345' },
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
      label: 'Detach Users From Contract',
      method: 'DELETE',
      path: '/v2/integrations/contracts/{id}/users',
      docs: 'contracts/detach-users',
      summary: 'Removes users from a contract.',
      fields: [usersList],
      response: { message: 'Users detached successfully', contract_id: 30001, detached_users: [8547] },
      unverified: "COR's newer page labels this PUT without giving its path; we use the documented DELETE /contracts/{id}/users.",
    },
  ],
});
