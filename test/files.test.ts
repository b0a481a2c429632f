/**
 * Files (issue 22): Upload File to Task streams a download into COR's multipart upload; the token goes
 * to COR's hosts only; the file triggers output references Zapier hydrates later; every failure along
 * the way (the file's host, its size, COR's refusal) has its own message. The round trip with real
 * bytes, Zapier's own file storage included, is in test/e2e-files.test.ts.
 */
import { Readable } from 'node:stream';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { API, App, AUTH, appTester, bundleWith, failure } from './support/harness.js';

type Perform = (z: ZObject, b: Bundle) => Promise<unknown>;
const creates = App.creates as unknown as Record<string, { operation: { perform: Perform } }>;
const triggers = App.triggers as unknown as Record<string, { operation: { perform: Perform; outputFields: { key: string; type?: string }[] } }>;
const upload = (inputData: Record<string, unknown>) => appTester(creates.upload_file_to_task!.operation.perform, bundleWith(inputData)) as Promise<Record<string, unknown>>;
const poll = (key: string, inputData: Record<string, unknown>) => appTester(triggers[key]!.operation.perform, bundleWith(inputData)) as Promise<Record<string, unknown>[]>;

const FILES = 'https://files.example.com';
const BYTES = Buffer.from('%PDF-1.4 a brief\n'.repeat(64));
const uploaded = {
  id: 90412,
  name: 'brief.pdf',
  originalname: 'brief.pdf',
  size: BYTES.length,
  file_type: 'pdf',
  media_type: 'pdf',
  source: 'S3',
  url: `${API}/storage/t0k/brief.pdf`,
  task_log_id: 4411,
  user_id: 1,
  created_at: '2025-02-03T12:00:00Z',
};

interface Seen {
  url: string;
  authorization: string | null;
  type: string;
  body: Buffer;
}

/** COR's upload answers `answer`; every request it gets is kept, its body whole. */
const corUpload = (answer: [number, unknown] = [200, { files: [uploaded], files_q: 1 }]) => {
  const seen: Seen[] = [];
  nock(new URL(API).origin)
    .post('/v1/tasks/4411/attachments')
    .reply(async (request: unknown) => {
      const r = request as Request;
      seen.push({ url: r.url, authorization: r.headers.get('authorization'), type: r.headers.get('content-type') ?? '', body: Buffer.from(await r.arrayBuffer()) });
      return [answer[0], answer[1] as nock.Body];
    });
  return seen;
};

/** A file host that answers `path` with the bytes, and keeps the Authorization header it got. */
const fileHost = (path: string, headers: Record<string, string> = { 'content-type': 'application/pdf', 'content-length': String(BYTES.length) }, body: Buffer | Readable = BYTES, status = 200) => {
  const seen: (string | null)[] = [];
  nock(FILES)
    .get(path)
    .reply((request: unknown) => {
      seen.push((request as Request).headers.get('authorization'));
      return [status, body as nock.Body, headers];
    });
  return seen;
};

/** The parts of a multipart body: name → {filename, type, text}. */
const partsOf = (seen: Seen): Record<string, { filename?: string; type?: string; text: string }> => {
  const boundary = /boundary=(.+)$/.exec(seen.type)![1]!;
  const parts = seen.body.toString('latin1').split(`--${boundary}`).slice(1, -1);
  return Object.fromEntries(
    parts.map((part) => {
      const [head, ...rest] = part.split('\r\n\r\n');
      const name = /name="([^"]+)"/.exec(head!)![1]!;
      const filename = /filename="([^"]*)"/.exec(head!)?.[1];
      const type = /Content-Type: (.+)/i.exec(head!)?.[1]?.trim();
      return [name, { ...(filename !== undefined ? { filename } : {}), ...(type ? { type } : {}), text: rest.join('\r\n\r\n').replace(/\r\n$/, '') }];
    }),
  );
};

afterEach(() => {
  delete process.env.COR_MAX_FILE_BYTES;
});

describe('Upload File to Task', () => {
  it('streams the file into a multipart upload: its bytes, its name and type, and the fields given; the file host gets no token', async () => {
    const host = fileHost('/brief.pdf');
    const seen = corUpload();
    const out = await upload({ task_id: '4411', file: `${FILES}/brief.pdf`, status: 'Pending' });
    expect(host).toEqual([null]);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.authorization).toBe(`Bearer ${AUTH.access_token}`);
    const parts = partsOf(seen[0]!);
    expect(Object.keys(parts).sort()).toEqual(['file', 'status']);
    expect(parts.file).toMatchObject({ filename: 'brief.pdf', type: 'application/pdf' });
    expect(Buffer.from(parts.file!.text, 'latin1').equals(BYTES)).toBe(true);
    expect(parts.status!.text).toBe('pending');
    expect(out).toMatchObject({ id: '90412', cor_id: 90412, name: 'brief.pdf', size: BYTES.length, task_id: 4411, source: 'S3' });
    // The file COR keeps is a reference Zapier hydrates later, not the link itself.
    expect(String(out.file)).toMatch(/^hydrate\|\|\|.+\|\|\|hydrate$/);
    expect(String(out.file)).not.toContain(AUTH.access_token);
  });

  it('names the file as the step says, else by Content-Disposition, else by the link', async () => {
    fileHost('/download?id=7', { 'content-type': 'text/plain', 'content-disposition': "attachment; filename*=UTF-8''Informe%20Q1.txt" });
    const seen = corUpload();
    await upload({ task_id: 4411, file: `${FILES}/download?id=7` });
    expect(partsOf(seen[0]!).file!.filename).toBe('Informe Q1.txt');
    fileHost('/a/b/report.csv', { 'content-type': 'text/csv' });
    const renamed = corUpload();
    await upload({ task_id: 4411, file: `${FILES}/a/b/report.csv`, file_name: 'Q1/../"totals".csv' });
    // No directory, and no double quote, which would end the part header's filename="…" (the fuzz found it).
    expect(partsOf(renamed[0]!).file!.filename).toBe("Q1_.._'totals'.csv");
  });

  it("sends the token to a file on COR's own host, and follows its redirect elsewhere without it", async () => {
    const cor: (string | null)[] = [];
    nock(new URL(API).origin)
      .get('/storage/9/brief.pdf')
      .reply((request: unknown) => {
        cor.push((request as Request).headers.get('authorization'));
        return [302, '', { location: `${FILES}/signed/brief.pdf?X-Amz-Signature=abc` }];
      });
    const host = fileHost('/signed/brief.pdf?X-Amz-Signature=abc');
    corUpload();
    await upload({ task_id: 4411, file: `${new URL(API).origin}/storage/9/brief.pdf` });
    expect(cor).toEqual([`Bearer ${AUTH.access_token}`]);
    expect(host).toEqual([null]);
  });

  it('refuses a file above the limit by its Content-Length, before COR is asked', async () => {
    process.env.COR_MAX_FILE_BYTES = '100';
    fileHost('/big.zip', { 'content-type': 'application/zip', 'content-length': '5000' }, Buffer.alloc(5000));
    const seen = corUpload();
    const { code, message } = await failure(upload({ task_id: 4411, file: `${FILES}/big.zip` }));
    expect(code).toBe('FileTooLarge');
    expect(message).toContain('Attach Cloud File to Task');
    expect(seen).toHaveLength(0);
  });

  it('stops a file of unknown size at the limit while it moves', async () => {
    process.env.COR_MAX_FILE_BYTES = '1000';
    fileHost('/stream.bin', { 'content-type': 'application/octet-stream' }, Readable.from([Buffer.alloc(800), Buffer.alloc(800)]));
    corUpload();
    const { code } = await failure(upload({ task_id: 4411, file: `${FILES}/stream.bin` }));
    expect(code).toBe('FileTooLarge');
  });

  it.each([
    [404, 'FileNotFound'],
    [410, 'FileNotFound'],
    [403, 'FileRefused'],
    [401, 'FileRefused'],
    [503, 'FileHostUnavailable'],
    [418, 'FileDownloadFailed'],
  ])('says what the file host answered (HTTP %i: %s), without its query, and asks COR nothing', async (status, code) => {
    fileHost('/gone.pdf?token=s3cr3t-signature', {}, Buffer.from('<html>no</html>'), status);
    const seen = corUpload();
    const error = await failure(upload({ task_id: 4411, file: `${FILES}/gone.pdf?token=s3cr3t-signature` }));
    expect(error.code).toBe(code);
    expect(error.message).toContain(`${FILES}/gone.pdf`);
    expect(error.message).not.toContain('s3cr3t');
    expect(seen).toHaveLength(0);
  });

  it.each([
    ['not a link', 'brief.pdf'],
    ['another scheme', 'ftp://files.example.com/brief.pdf'],
    ['a local file', 'file:///etc/passwd'],
  ])('refuses a File that is %s, before any request', async (_what, file) => {
    const seen = corUpload();
    const { code, message } = await failure(upload({ task_id: 4411, file }));
    expect(code).toBe('InvalidInput');
    expect(message).toContain('File:');
    expect(seen).toHaveLength(0);
  });

  it("gives COR's reason when it refuses the file (400 FS001)", async () => {
    fileHost('/run.exe');
    corUpload([400, { status: 'ERROR', code: 'FS001', message: 'Unable to upload any file', errors: [{ filename: 'run.exe', message: 'Invalid file extension' }] }]);
    const { code, message } = await failure(upload({ task_id: 4411, file: `${FILES}/run.exe` }));
    expect(code).toBe('FS001');
    expect(message).toContain('Invalid file extension');
  });

  it('reads 417 as a task that does not exist', async () => {
    fileHost('/brief.pdf');
    corUpload([417, [{ message: 'exists validation failed on task_id' }]]);
    const { message } = await failure(upload({ task_id: 4411, file: `${FILES}/brief.pdf` }));
    expect(message).toContain('4411');
  });

  it("fails when COR's 200 holds no file, with COR's reason", async () => {
    fileHost('/brief.pdf');
    corUpload([200, { files: [], files_q: 0, errors: [{ filename: 'brief.pdf', message: 'Size exceeded' }] }]);
    const { code, message } = await failure(upload({ task_id: 4411, file: `${FILES}/brief.pdf` }));
    expect(code).toBe('UnexpectedResponse');
    expect(message).toContain('brief.pdf Size exceeded');
  });
});

describe('the file triggers', () => {
  const listed = (id: number, extra: Record<string, unknown> = {}) => ({ ...uploaded, id, parent_id: 4411, created_at: `2025-02-0${id % 9}T12:00:00Z`, ...extra });

  it("New File on Task reads the task's files with per_page, and outputs a stored file as a reference, a cloud link as null", async () => {
    let query = '';
    nock(new URL(API).origin)
      .get(/^\/v1\/tasks\/4411\/attachments/)
      .reply((request: unknown) => {
        query = new URL((request as Request).url).pathname + new URL((request as Request).url).search;
        return [200, { total: 2, perPage: 50, page: 1, lastPage: 1, data: [listed(12, { source: 'GoogleDrive', url: 'https://drive.google.com/x' }), listed(11)] }];
      });
    const items = await poll('new_file_on_task', { task_id: 4411 });
    expect(query).toBe('/v1/tasks/4411/attachments?page=1&per_page=50');
    expect(items.map((i) => i.id)).toEqual(['12', '11']);
    expect(items[0]!.file).toBeNull();
    expect(items[0]!.url).toBe('https://drive.google.com/x');
    expect(String(items[1]!.file)).toMatch(/^hydrate\|\|\|/);
  });

  it('New File in Project reads the whole list in one request, without paging', async () => {
    let query = '';
    nock(new URL(API).origin)
      .get(/^\/v1\/projects\/155693\/attachments/)
      .reply((request: unknown) => {
        query = new URL((request as Request).url).pathname + new URL((request as Request).url).search;
        return [200, [3, 1, 2].map((id) => ({ id, name: `f${id}.pdf`, type: 'pdf', url: `${API}/storage/${id}/f${id}.pdf`, created_at: '2025-02-03T12:00:00Z' }))];
      });
    const items = await poll('new_file_in_project', { project_id: 155693 });
    expect(query).toBe('/v1/projects/155693/attachments');
    expect(items.map((i) => i.id)).toEqual(['3', '2', '1']);
  });

  it('declares the file output as a file, on both triggers', () => {
    for (const key of ['new_file_on_task', 'new_file_in_project']) expect(triggers[key]!.operation.outputFields.find((f) => f.key === 'file')?.type).toBe('file');
  });

  it('needs the task or project, before any request', async () => {
    const { code, message } = await failure(poll('new_file_on_task', {}));
    expect(code).toBe('InvalidInput');
    expect(message).toContain('Task');
  });
});

describe('the hydrator', () => {
  const hydrate = (inputData: Record<string, unknown>) => appTester((App as unknown as { hydrators: { downloadFile: Perform } }).hydrators.downloadFile, bundleWith(inputData));

  it('refuses a reference without a link', async () => {
    const { code } = await failure(hydrate({ name: 'x.pdf' }));
    expect(code).toBe('InvalidFileReference');
  });

  it('says when the file is gone, before Zapier stores anything', async () => {
    fileHost('/gone.pdf', {}, Buffer.from(''), 404);
    const { code } = await failure(hydrate({ url: `${FILES}/gone.pdf`, name: 'gone.pdf' }));
    expect(code).toBe('FileNotFound');
  });
});
