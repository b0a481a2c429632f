/** Currency exchanges (batch of up to 20): https://developers.projectcor.com/api-reference/integrations/currency-exchanges/create */
import { defineEntity, entriesOf, fieldOf, jsonText, type JsonObject, reasonOf } from '../../src/model/entity.js';

type Rate = {
  foreign_currency: string;
  base_currency: string;
  amount: number;
  factor: number;
  effective_date: string;
  last_updated_datetime?: string;
  rate_type?: string;
};

/** Line items are flat; COR nests last_updated_datetime and rate_type in each rate's own metadata. */
const toRates = (input: Record<string, unknown>): JsonObject => ({
  currency_exchanges: (input.currency_exchanges as Rate[]).map(({ last_updated_datetime, rate_type, ...rate }) => {
    const metadata: JsonObject = {};
    if (last_updated_datetime !== undefined) metadata.last_updated_datetime = last_updated_datetime;
    if (rate_type !== undefined) metadata.rate_type = rate_type;
    return Object.keys(metadata).length ? { ...rate, metadata } : rate;
  }),
});

export default defineEntity({
  noun: 'Currency Exchange',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/v2/integrations/currency-exchanges',
      docs: 'currency-exchanges/create',
      summary: 'Creates up to 20 exchange rates in one step and lists any refused, with the reason.',
      note: "The base currency must be your company's base currency.",
      fields: [
        {
          key: 'currency_exchanges',
          label: 'Exchange Rates',
          type: 'string',
          required: true,
          maxItems: 20,
          help: 'One line per rate.',
          children: [
            { key: 'foreign_currency', label: 'Foreign Currency', type: 'string', required: true, help: 'ISO 4217 code of the foreign currency, for example USD.', example: 'USD' },
            { key: 'base_currency', label: 'Base Currency', type: 'string', required: true, help: "ISO 4217 code of your COR company's base currency, for example ARS.", example: 'ARS' },
            { key: 'amount', label: 'Amount', type: 'number', required: true, min: 0, help: 'Units of base currency per Factor units of the foreign currency.', example: 100 },
            { key: 'factor', label: 'Factor', type: 'number', required: true, min: 0, help: 'Units of foreign currency the Amount is for (usually 1).', example: 1 },
            { key: 'effective_date', label: 'Effective Date', type: 'datetime', required: true, example: '2025-03-20T02:00:00Z' },
            {
              key: 'last_updated_datetime',
              label: 'Last Updated',
              type: 'datetime',
              help: 'When your source last updated the rate. For source Globant it must be the same day as Effective Date.',
              example: '2025-03-20T02:00:00Z',
            },
            { key: 'rate_type', label: 'Rate Type', type: 'string', help: 'Your rate type label, for example EURX.', example: 'EURX' },
          ],
          example: null,
        },
      ],
      toBody: toRates,
      response: {
        status: 'partial',
        company_id: 2336,
        records_received: 2,
        records_deduplicated: 0,
        records_created: 1,
        records_replaced: 0,
        records_rejected: 1,
        errors: [{ from_currency: 'XYZ', to_currency: 'ARS', message: 'Currency not found' }],
      },
      batch: {
        read: (response, input) => {
          const rejected = entriesOf(response, 'errors').map((e) => ({ item: `${jsonText(fieldOf(e, 'from_currency'))}→${jsonText(fieldOf(e, 'to_currency'))}`, reason: reasonOf(e, 'message') }));
          const rejectedPairs = new Set(rejected.map((r) => r.item));
          const applied = (input.currency_exchanges as Rate[])
            .filter((r) => !rejectedPairs.has(`${r.foreign_currency}→${r.base_currency}`))
            .map((r) => ({ foreign_currency: r.foreign_currency, base_currency: r.base_currency, amount: r.amount, factor: r.factor }));
          return { applied, rejected };
        },
      },
    },
  ],
});
