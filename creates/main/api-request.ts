/** Any call of COR's main API v1 through the connection: https://developers.projectcor.com/api-reference/openapi.json */
import { type BuiltRequest, defineEntity, type JsonValue } from '../../src/model/entity.js';

export default defineEntity({
  noun: 'API Request',
  api: 'main',
  operations: [
    {
      kind: 'action',
      label: 'API Request',
      verb: 'send',
      method: 'POST',
      path: '{path}',
      docs: 'introduction',
      summary: "Sends a request of your own to the API with this connection's sign-in, for what no other action does.",
      fields: [
        {
          key: 'method',
          label: 'Method',
          type: 'string',
          required: true,
          choices: ['GET', 'POST', 'PUT', 'DELETE'].map((m) => ({ value: m, label: m })),
          default: 'GET',
          help: "COR's documentation gives the method of each call.",
          example: 'PUT',
        },
        {
          key: 'path',
          label: 'Path',
          type: 'path',
          required: true,
          help: 'Below `https://api.projectcor.com/v1`, as the OpenAPI document writes it, with the IDs filled in.',
          example: '/projects/155693',
        },
        { key: 'query', label: 'Query', type: 'dict', help: 'Query parameters, such as page and perPage on a list.', example: {} },
        { key: 'body', label: 'Body', type: 'json', help: 'Sent as application/json with POST, PUT and DELETE; a GET has none.', example: '{"name": "Website Redesign Phase 2"}' },
      ],
      forbids: [{ field: 'body', when: 'method', values: ['GET'], because: 'a GET request has no body; put its parameters in Query' }],
      toRequest: (i): BuiltRequest => ({
        method: i.method as BuiltRequest['method'],
        path: i.path as string,
        ...(i.query ? { params: i.query as Record<string, string> } : {}),
        ...(i.body !== undefined ? { body: i.body as JsonValue } : {}),
      }),
      response: { id: 155693, name: 'Website Redesign', status: 'active' },
    },
  ],
});
