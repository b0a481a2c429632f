/**
 * Zapier's publishing rules that can be decided from the app definition, one entry a rule.
 * Zapier runs its integration checks on its own servers; these follow their published text:
 * - D… codes: https://docs.zapier.com/platform/publish/integration-checks-reference
 * - numbered requirements: https://platform.zapier.com/publish/integration-publishing-requirements
 * - 5.8 points to the naming conventions of https://docs.zapier.com/platform/publish/integration-build-guidelines ("Guidelines")
 * Where the text leaves a threshold open, the rule is stricter than it needs to be.
 */
import {
  type AppDefinition,
  BARE_URL,
  CODE_SPAN,
  type Field,
  isPlainObject,
  leavesOf,
  MD_LINK,
  sentences,
  snakeOf,
  type Step,
  staticFields,
  stepsOf,
  stringsOf,
  textsOf,
  tokens,
  valueAt,
  words,
} from './model.js';
import { titlecase } from './titlecase.js';

export interface Finding {
  code: string;
  where: string;
  message: string;
}

export interface Context {
  /** The app's name as its listing shows it: descriptions must not name it. */
  appName: string;
  /** URLs the app calls that are built in code, not written in the definition. */
  baseUrls: string[];
  /** zapier-platform-core as installed, and the newest release known (D027 needs the registry). */
  installedCore: string;
  latestCore: string;
}

export interface Rule {
  code: string;
  title: string;
  check: (app: AppDefinition, steps: Step[], context: Context) => Finding[];
}

const finding = (code: string, where: string, message: string): Finding => ({ code, where, message });
const visible = (steps: Step[]) => steps.filter((s) => !s.hidden);
const isStaticHook = (s: Step): boolean => s.group === 'triggers' && s.operation.type === 'hook' && (!s.operation.performSubscribe || !s.operation.performUnsubscribe);
const fieldsOf = (steps: Step[]) => steps.flatMap((s) => s.allFields.map((field) => ({ step: s, field })));

/* ---------- what a rule looks for ---------- */

const SENSITIVE = new Set(['token', 'secret', 'password', 'passwd', 'pswd', 'jwt', 'signature', 'apikey', 'accesstoken', 'refreshtoken', 'cookie']);
const SENSITIVE_PAIRS = ['api key', 'access key', 'private key', 'client secret', 'secret key', 'api token'];
const isSensitive = (f: Field): boolean => {
  const words = [...tokens(f.key), ...tokens(f.label ?? '')];
  const pairs = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  return f.type === 'password' || words.some((w) => SENSITIVE.has(w)) || pairs.some((p) => SENSITIVE_PAIRS.includes(p));
};

const isIdField = (f: Field): boolean => /(^|[_\-\s])ids?$/i.test(f.key) || /[a-z0-9]Ids?$/.test(f.key) || /\bID(s)?\b|\bId\b/.test(f.label ?? '');
const hasDropdown = (f: Field): boolean => Boolean(f.dynamic) || (Array.isArray(f.choices) ? f.choices.length > 0 : isPlainObject(f.choices));

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const isIso = (v: string): boolean => ISO_DATE.test(v) || ISO_DATETIME.test(v);
const MONTH = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const looksLikeDate = (key: string, v: string): boolean =>
  /\b(19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\b/.test(v) ||
  new RegExp(`\\b\\d{1,2}[-/. ](\\d{1,2}|${MONTH})[a-z]*[-/. ,]+\\d{2,4}\\b`, 'i').test(v) ||
  new RegExp(`\\b(${MONTH})[a-z]* \\d{1,2},? \\d{4}\\b`, 'i').test(v) ||
  (/(date|time|_at$|At$|_on$|timestamp|created|updated|modified|deadline|birthday|expires?)/i.test(key.split(/__|\[\]/).pop() ?? '') && /\d/.test(v) && !/^\d+(\.\d+)?$/.test(v));

const TYPE_OF: Record<string, (v: unknown) => boolean> = {
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  password: (v) => typeof v === 'string',
  datetime: (v) => typeof v === 'string' && isIso(v),
};

const DANGEROUS_URI = /^(javascript|vbscript|data|file|about|blob):/;
const NON_PRODUCTION_HOST = /(^|[.-])(sandbox|staging|stage|dev|develop|test|testing|qa|uat|preprod|localhost)([.-]|$)|^(\d+\.){3}\d+$|\.local$/i;
const URL_IN = /\b[a-z][a-z0-9+.-]*:\/\/[^\s)\]`'"]+/gi;
const SECRET_LITERAL = /(sk|pk|rk)_(live|test)_[A-Za-z0-9]{10,}|AKIA[0-9A-Z]{16}|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bBearer [A-Za-z0-9._~+/-]{20,}/;

/** Help-text sentences that only restate a field's type (Guidelines: "Don't be redundant with help text"). */
const GENERIC_HELP = [/^an? (e-?mail address|whole number|number|date|text|string|value|url|web address|phone number)\b/i, /\(for example 12\.5\)/];
/** Words that say nothing a label does not: a sentence of only these and the label's words repeats the label. */
const FILLER = new Set(['a', 'an', 'the', 'of', 'for', 'to', 'your', 'this', 'its', 'it', 's', 'enter', 'field', 'value', 'here', 'please', 'number', 'address', 'name', 'text']);

const PLACEHOLDER_VALUES = new Set([
  'string',
  'text',
  'value',
  'test',
  'foo',
  'bar',
  'baz',
  'lorem',
  'lorem ipsum',
  'xxx',
  'todo',
  'tbd',
  'null',
  'undefined',
  'example',
  'sample',
  '1234',
  '12345',
  '0000',
]);
const BOOLEAN_KEY = /^(is|has|can|should)_|_(enabled|active|flag)$|^(enabled|active|archived|deleted|verified|billable)$/i;
const NOT_PLURAL = /(ss|us|is|ics|news|series|species|status)$/i;

/* ---------- 5.8: naming conventions (Guidelines, trigger/action/search "design and copy" and "input fields") ---------- */

// Defined before RULES, which ends with them: a constant, unlike a function, is not hoisted.
const NAMING_RULES: Rule[] = [
  {
    code: '5.8 description',
    title: 'A concise description: at most two sentences and 25 words, ending with a period',
    check: (_app, steps) =>
      visible(steps)
        .filter((s) => sentences(s.description).length > 2 || words(s.description) > 25 || !s.description.endsWith('.'))
        .map((s) => finding('5.8 description', s.where, `${sentences(s.description).length} sentences, ${words(s.description)} words`)),
  },
  {
    code: '5.8 verb',
    title: 'Actions start with a verb in -s ("Creates …"), searches with "Finds"',
    check: (_app, steps) =>
      visible(steps)
        .filter((s) => (s.group === 'creates' && (!/^[A-Z][a-z]+s\b/.test(s.description) || s.description.startsWith('Triggers'))) || (s.group === 'searches' && !s.description.startsWith('Finds ')))
        .map((s) => finding('5.8 verb', s.where, `starts "${s.description.split(' ')[0]}"`)),
  },
  {
    code: '5.8 app name',
    title: 'Descriptions and labels do not name the app',
    check: (_app, steps, { appName }) =>
      visible(steps)
        .filter((s) => new RegExp(`\\b${appName}\\b`).test(`${s.label} ${s.description}`))
        .map((s) => finding('5.8 app name', s.where, `names ${appName}`)),
  },
  {
    code: '5.8 noun',
    title: 'A singular noun, not capitalized inside the description',
    check: (_app, steps) =>
      visible(steps).flatMap((s) => [
        ...(NOT_PLURAL.test(s.noun) || !/s$/i.test(s.noun) ? [] : [finding('5.8 noun', s.where, `"${s.noun}" is plural`)]),
        ...(s.noun !== s.noun.toLowerCase() && sentences(s.description).some((sentence) => sentence.slice(1).includes(s.noun))
          ? [finding('5.8 noun', s.where, `"${s.noun}" is capitalized in the description`)]
          : []),
      ]),
  },
  {
    code: '5.8 key',
    title: 'A descriptive key: the label in snake case',
    check: (_app, steps) => steps.filter((s) => s.key !== snakeOf(s.label)).map((s) => finding('5.8 key', s.where, `the key of "${s.label}" should be ${snakeOf(s.label)}`)),
  },
  {
    code: '5.8 find',
    title: 'Searches are named "Find …", not "Get …"',
    check: (_app, steps) => steps.filter((s) => s.group === 'searches' && !s.label.startsWith('Find ')).map((s) => finding('5.8 find', s.where, `"${s.label}"`)),
  },
  {
    code: '5.8 order',
    title: 'Required fields come before optional ones',
    check: (_app, steps) =>
      visible(steps).flatMap((s) =>
        [s.fields, ...s.fields.map((f) => staticFields(f.children))].flatMap((list) => {
          const inputs = list.filter((f) => f.type !== 'copy');
          const late = inputs.findIndex((f, i) => f.required && inputs.slice(0, i).some((g) => !g.required));
          return late < 0 ? [] : [finding('5.8 order', `${s.where} field ${inputs[late]!.key}`, 'a required field after an optional one')];
        }),
      ),
  },
  {
    code: '5.8 lists',
    title: 'Several values are a list field, not comma-separated text',
    check: (_app, steps) =>
      fieldsOf(steps)
        .filter(({ field }) => !field.list && /comma[- ]separated|separated? (by|with) (a )?comma/i.test(`${field.label} ${field.helpText}`))
        .map(({ step, field }) => finding('5.8 lists', `${step.where} field ${field.key}`, 'comma-separated text')),
  },
  {
    code: '5.8 help',
    title: 'Help text says what the label does not: no sentence restates the label or the type',
    check: (_app, steps) =>
      fieldsOf(steps).flatMap(({ step, field }) =>
        sentences(field.helpText ?? '')
          .filter((sentence) => GENERIC_HELP.some((g) => g.test(sentence)) || tokens(sentence).every((t) => FILLER.has(t) || tokens(field.label ?? '').includes(t)))
          .map((sentence) => finding('5.8 help', `${step.where} field ${field.key}`, `"${sentence}" says nothing the label "${field.label}" does not`)),
      ),
  },
  {
    code: 'Guidelines create or update',
    title: 'No standalone Create or Update action (a Find or Create with an Update instead)',
    check: (_app, steps) =>
      visible(steps)
        .filter((s) => s.group === 'creates' && /\b(create|add)\s*(or|\/|&)\s*update\b|\bupsert\b/i.test(s.label))
        .map((s) => finding('Guidelines create or update', s.where, 'a Create or Update action')),
  },
  {
    code: 'Guidelines delete',
    title: 'Delete actions are avoided; one that exists has a Copy field saying it is irreversible',
    check: (_app, steps) =>
      visible(steps)
        .filter((s) => s.group === 'creates' && /\b(delete|remove|destroy|erase|purge)\b/i.test(s.label))
        .flatMap((s) => [
          finding('Guidelines delete', s.where, 'a delete action'),
          ...(s.fields.some((f) => f.type === 'copy' && /irreversible|permanent|cannot be undone|can't be undone/i.test(f.helpText ?? ''))
            ? []
            : [finding('Guidelines delete copy', s.where, 'no Copy field saying the deletion is irreversible')]),
        ]),
  },
  {
    code: 'Guidelines updated trigger',
    title: 'No generic "Updated <Noun>" trigger',
    check: (_app, steps) =>
      visible(steps)
        .filter((s) => s.group === 'triggers' && /^(Updated|Modified|Changed|New or Updated) [A-Z][\w-]*( [A-Z][\w-]*)?$/.test(s.label))
        .map((s) => finding('Guidelines updated trigger', s.where, s.label)),
  },
  {
    code: 'Guidelines sample',
    title: 'Samples are one record of representative values; booleans are true or false; no output field only ever null',
    check: (_app, steps) =>
      visible(steps).flatMap((s) => [
        ...leavesOf(s.sample)
          .filter(({ value }) => typeof value === 'string' && PLACEHOLDER_VALUES.has(value.trim().toLowerCase()))
          .map(({ key, value }) => finding('Guidelines sample', `${s.where} sample ${key}`, `placeholder value "${value}"`)),
        ...leavesOf(s.sample)
          .filter(({ key, value }) => BOOLEAN_KEY.test(key.split(/__|\[\]/).pop() ?? '') && typeof value !== 'boolean' && value !== null)
          .map(({ key }) => finding('Guidelines sample', `${s.where} sample ${key}`, 'a boolean that is not true or false')),
        ...s.outputFields.filter((o) => valueAt(s.sample, o.key) === null).map((o) => finding('Guidelines sample', `${s.where} output ${o.key}`, `"${o.label}" is null in the sample`)),
      ]),
  },
];

/* ---------- the rules ---------- */

export const RULES: Rule[] = [
  {
    code: 'D001',
    title: 'Input Fields Should Be Insensitive (also requirement 5.5)',
    check: (_app, steps) =>
      fieldsOf(steps).flatMap(({ step, field }) => (isSensitive(field) ? [finding('D001', `${step.where} field ${field.key}`, 'asks for a credential outside the connection')] : [])),
  },
  {
    code: 'D002',
    title: 'Provide Link in Help Text for Auth Fields',
    check: (app) => {
      if (!['custom', 'session', 'digest'].includes(app.authentication?.type ?? '')) return [];
      return staticFields(app.authentication?.fields)
        .filter((f) => !f.computed && isSensitive(f))
        .filter((f) => ![...(f.helpText ?? '').matchAll(MD_LINK)].some((m) => /^https:\/\//.test(m[2]!)))
        .map((f) => finding('D002', `authentication field ${f.key}`, 'help text has no Markdown link to where the credential is found'));
    },
  },
  {
    code: 'D003',
    title: 'Connection Label Should Be Valid',
    check: (app) => {
      const label = app.authentication?.connectionLabel;
      if (!label) return [finding('D003', 'authentication', 'no connection label')];
      if (typeof label !== 'string') return [];
      const vars = [...label.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => m[1]!.split('.').pop()!);
      if (vars.length === 0) return [finding('D003', 'authentication', 'the connection label is constant text')];
      return vars.filter((v) => isSensitive({ key: v })).map((v) => finding('D003', 'authentication', `the connection label shows ${v}`));
    },
  },
  {
    code: 'D004',
    title: 'ID Fields Should Have Dynamic Dropdowns (Guidelines: no fields labeled "XXX ID")',
    check: (_app, steps) =>
      fieldsOf(visible(steps)).flatMap(({ step, field }) =>
        isIdField(field) && !hasDropdown(field) ? [finding('D004', `${step.where} field ${field.key}`, `"${field.label}" is an ID typed or mapped, with no dropdown`)] : [],
      ),
  },
  {
    code: 'D005',
    title: 'Dynamic Dropdown Connects to a Non-Existing Trigger',
    check: (app, steps) =>
      fieldsOf(steps).flatMap(({ step, field }) =>
        field.dynamic && !app.triggers?.[field.dynamic.split('.')[0]!] ? [finding('D005', `${step.where} field ${field.key}`, `no trigger for ${field.dynamic}`)] : [],
      ),
  },
  {
    code: 'D006',
    title: 'REST Hook Trigger Needs a Polling URL',
    check: (_app, steps) =>
      steps.filter((s) => s.group === 'triggers' && s.operation.type === 'hook' && !s.operation.performList).map((s) => finding('D006', s.where, 'a hook trigger without performList')),
  },
  {
    code: 'D007',
    title: 'All URLs Should Be HTTPS (also requirement 4.2)',
    check: (app, _steps, context) => urlsOf(app, context).flatMap(({ where, url }) => (/^http:\/\//i.test(url) ? [finding('D007', where, `${url} is not HTTPS`)] : [])),
  },
  {
    code: 'D008',
    title: 'Invalid Markdown Link',
    check: (app) =>
      textsOf(app).flatMap(({ where, text }) => {
        const code = text.replace(CODE_SPAN, '');
        const rest = code.replace(MD_LINK, '');
        const targets = [...code.matchAll(MD_LINK)].map((m) => m[2]!);
        const broken = BARE_URL.test(rest) || /\[[^\]]*\((?:https?:|www\.)/.test(rest) || /\]\s+\(/.test(rest) || targets.some((t) => !/^(https?:\/\/|mailto:)/i.test(t));
        return broken ? [finding('D008', where, 'a bare URL or a broken Markdown link')] : [];
      }),
  },
  {
    code: 'D009',
    title: 'Requires at Least One Search Field',
    check: (_app, steps) => visible(steps).flatMap((s) => (s.group === 'searches' && !s.fields.some((f) => f.type !== 'copy' && !f.computed) ? [finding('D009', s.where, 'no search field')] : [])),
  },
  {
    code: 'D010',
    title: 'Missing Primary Key Fields in Static Sample Data',
    check: (_app, steps) =>
      steps
        .filter((s) => s.group === 'triggers' && s.operation.type !== 'hook' && s.sample !== undefined)
        .flatMap((s) => {
          const primary = s.outputFields.filter((f) => f.primary).map((f) => f.key);
          return (primary.length ? primary : ['id'])
            .filter((key) => !['string', 'number'].includes(typeof valueAt(s.sample, key)))
            .map((key) => finding('D010', s.where, `the sample has no primary key ${key}`));
        }),
  },
  {
    code: 'D011',
    title: 'Redundant Help Text',
    check: (app, steps) => {
      const norm = (s: string) => tokens(s).join(' ');
      const fields = [
        ...fieldsOf(steps).map(({ step, field }) => ({ where: `${step.where} field ${field.key}`, field })),
        ...staticFields(app.authentication?.fields).map((field) => ({ where: `authentication field ${field.key}`, field })),
      ];
      return fields.filter(({ field }) => field.label && field.helpText && norm(field.label) === norm(field.helpText)).map(({ where }) => finding('D011', where, 'the help text repeats the label'));
    },
  },
  {
    code: 'D012',
    title: 'Static Sample Is Required',
    check: (_app, steps) => visible(steps).flatMap((s) => (isPlainObject(s.sample) && Object.keys(s.sample).length > 0 ? [] : [finding('D012', s.where, 'no sample')])),
  },
  {
    code: 'D013',
    title: 'Connects to a Non-Existing Search',
    check: (app, steps) =>
      fieldsOf(steps).flatMap(({ step, field }) =>
        field.search && !app.searches?.[field.search.split('.')[0]!] ? [finding('D013', `${step.where} field ${field.key}`, `no search for ${field.search}`)] : [],
      ),
  },
  {
    code: 'D014',
    title: "Search Connector can't be combined with certain other features",
    check: (_app, steps) =>
      fieldsOf(steps)
        .filter(({ field }) => field.search)
        .filter(({ field }) => (field.type && !['string', 'number', 'integer'].includes(field.type)) || field.list || field.dict || field.children || !field.dynamic)
        .map(({ step, field }) => finding('D014', `${step.where} field ${field.key}`, 'a search connector needs a string or number field with a dropdown and no list, dict or children')),
  },
  {
    code: 'D015',
    title: 'Search-Or-Create Connects to a Non-Existing Action/Search',
    check: (app) =>
      Object.entries(app.searchOrCreates ?? {}).flatMap(([key, soc]) => {
        const missing = [
          !app.searches?.[soc.search ?? ''] && soc.search,
          !app.creates?.[soc.create ?? ''] && soc.create,
          soc.update && !app.creates?.[soc.update] && soc.update,
          !app.searches?.[key] && key,
        ].filter(Boolean);
        return missing.map((m) => finding('D015', `searchOrCreates.${key}`, `${m} does not exist`));
      }),
  },
  {
    code: 'D016',
    title: 'Consists Only a Static Webhook',
    check: (_app, steps) => (visible(steps).length === 1 && visible(steps).every(isStaticHook) ? [finding('D016', visible(steps)[0]!.where, 'the only step is a static webhook')] : []),
  },
  {
    code: 'D017',
    title: 'Static Hook Is Discouraged',
    check: (_app, steps) =>
      visible(steps)
        .filter(isStaticHook)
        .map((s) => finding('D017', s.where, 'a static webhook')),
  },
  {
    code: 'D018',
    title: 'Titlecased Label',
    check: (app, steps) =>
      [
        ...steps.map((s) => ({ where: s.where, label: s.label })),
        ...Object.entries(app.searchOrCreates ?? {}).map(([key, soc]) => ({ where: `searchOrCreates.${key}`, label: soc.display?.label ?? '' })),
      ]
        .filter(({ label }) => titlecase(label) !== label)
        .map(({ where, label }) => finding('D018', where, `"${label}" should read "${titlecase(label)}"`)),
  },
  {
    code: 'D021',
    title: 'Trigger Description Requirements',
    check: (_app, steps) =>
      visible(steps)
        .filter((s) => s.group === 'triggers' && !(s.description.startsWith('Triggers when ') && s.description.endsWith('.')))
        .map((s) => finding('D021', s.where, 'the description does not start with "Triggers when " and end with "."')),
  },
  {
    code: 'D022',
    title: 'Creates Should Try to Have Static Input Fields',
    check: (_app, steps) => visible(steps).flatMap((s) => (s.group === 'creates' && s.fields.length === 0 ? [finding('D022', s.where, 'no static input field')] : [])),
  },
  {
    code: 'D023',
    title: 'ISO-8601 Date/Time Format in Static Sample',
    check: (_app, steps) =>
      steps.flatMap((s) =>
        leavesOf(s.sample)
          .filter(({ key, value }) => typeof value === 'string' && looksLikeDate(key, value) && !isIso(value))
          .map(({ key, value }) => finding('D023', `${s.where} sample ${key}`, `"${value}" is not ISO 8601 with an offset`)),
      ),
  },
  {
    code: 'D024',
    title: 'Static Sample Respects Output Field Definition',
    check: (_app, steps) =>
      steps.flatMap((s) =>
        s.outputFields.flatMap((o) => {
          const value = valueAt(s.sample, o.key);
          if (value === undefined || value === null) return o.required ? [finding('D024', `${s.where} output ${o.key}`, 'a required output field is not in the sample')] : [];
          const fits = TYPE_OF[o.type ?? ''];
          const values = o.list && Array.isArray(value) ? value : [value];
          return fits && !values.every(fits) ? [finding('D024', `${s.where} output ${o.key}`, `the sample value ${JSON.stringify(value)} is not of type ${o.type}`)] : [];
        }),
      ),
  },
  {
    code: 'D025',
    title: 'URLs Should Not Be Dangerous URIs',
    check: (app, _steps, context) =>
      urlsOf(app, context).flatMap(({ where, url }) => (DANGEROUS_URI.test(url.replace(/[\p{Cc}\s]/gu, '').toLowerCase()) ? [finding('D025', where, `${url} is a dangerous URI`)] : [])),
  },
  {
    code: 'D026',
    title: 'Manual domain validation recommended if using "inputFormat" or domain-related authentication fields',
    check: (app) =>
      staticFields(app.authentication?.fields)
        .filter((f) => f.inputFormat || /(sub)?domain|host(name)?|instance|server|base_?url|site|region|tenant|account_?url/i.test(`${f.key} ${f.label ?? ''}`))
        .map((f) => finding('D026', `authentication field ${f.key}`, 'a domain-like connection field: validate it in code before use')),
  },
  {
    code: 'D027',
    title: 'Not Using Latest Platform Version',
    check: (app, _steps, { installedCore, latestCore }) =>
      app.platformVersion === installedCore && app.platformVersion === latestCore
        ? []
        : [finding('D027', 'platformVersion', `${app.platformVersion}: installed ${installedCore}, newest ${latestCore}`)],
  },
  {
    code: 'D028',
    title: 'Clean Input Data Enabled (set to false explicitly: Zapier cleans when it is unset)',
    check: (app, steps) => [
      ...(app.flags?.cleanInputData === false ? [] : [finding('D028', 'flags', 'cleanInputData is not false')]),
      ...steps.filter((s) => s.operation.cleanInputData === true).map((s) => finding('D028', s.where, 'cleanInputData is true')),
    ],
  },
  {
    code: 'ZDE008',
    title: 'The connection has a test call (legacy check, still required to test credentials)',
    check: (app) => (app.authentication && !app.authentication.test ? [finding('ZDE008', 'authentication', 'no test')] : []),
  },
  {
    code: 'ZDW001',
    title: 'Needs a Noun',
    check: (_app, steps) => steps.filter((s) => !s.noun.trim()).map((s) => finding('ZDW001', s.where, 'no noun')),
  },
  {
    code: '4.3',
    title: 'Integration stores credentials securely: no credential written into the definition',
    check: (app) => stringsOf(app).flatMap(({ path, text }) => (SECRET_LITERAL.test(text) ? [finding('4.3', path, 'a credential-like literal')] : [])),
  },
  {
    code: '5.4',
    title: 'Integration uses production APIs',
    check: (app, _steps, context) =>
      urlsOf(app, context).flatMap(({ where, url }) => {
        const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1] ?? '';
        return NON_PRODUCTION_HOST.test(host) ? [finding('5.4', where, `${url} is not a production host`)] : [];
      }),
  },
  {
    code: '5.7',
    title: 'Integration uses English language (no letters outside English in labels, descriptions and help)',
    check: (app, steps) =>
      [
        ...textsOf(app),
        ...steps.map((s) => ({ where: `${s.where} label`, text: s.label })),
        ...fieldsOf(steps).map(({ step, field }) => ({ where: `${step.where} field ${field.key} label`, text: field.label ?? '' })),
      ]
        .filter(({ text }) => /[^\p{ASCII}\p{P}\p{S}\p{Z}]/u.test(text.replace(CODE_SPAN, '')))
        .map(({ where }) => finding('5.7', where, 'letters outside English')),
  },
  ...NAMING_RULES,
];

/** Every URL in the definition and in the app's own configuration, with where it is. */
function urlsOf(app: AppDefinition, context: Context): { where: string; url: string }[] {
  const written = stringsOf(app).flatMap(({ path, text }) => [...text.matchAll(URL_IN), ...[...text.matchAll(MD_LINK)].map((m) => [m[2]!])].map((m) => ({ where: path, url: m[0]! })));
  return [...written, ...context.baseUrls.map((url) => ({ where: 'base URL', url }))];
}

/** Every finding of every rule, in rule order. */
export const checkApp = (app: AppDefinition, context: Context): Finding[] => {
  const steps = stepsOf(app);
  return RULES.flatMap((rule) => rule.check(app, steps, context));
};
