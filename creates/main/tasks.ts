/**
 * Tasks in COR, by COR ID (main API v1): https://developers.projectcor.com/api-reference/tasks/
 * {create-a-task,update-a-task,assign-collaborators-to-a-task,post-task-message}
 */
import { defineEntity, type FieldSpec, fieldOf, type JsonValue, optional } from '../../src/model/entity.js';
import { TASK_PRIORITIES, TASK_STATUSES } from '../../src/request/config.js';
import { task, uploadedFile } from '../../triggers/outputs.js';
import { MAX_FILE_TEXT } from '../../src/request/downloads.js';
import { projectPick, taskPick, taskProjectFilter, usersPick } from './picks.js';

const title: FieldSpec = { key: 'title', label: 'Title', type: 'string', required: true, help: 'What the task is, in a few words.', example: 'Homepage wireframe' };
const details: FieldSpec[] = [
  { key: 'description', label: 'Description', type: 'text', help: 'What is to be done, for whoever takes the task.', example: 'Low-fidelity wireframes for the new homepage' },
  { key: 'deadline', label: 'Deadline', type: 'datetime', example: '2025-02-10T18:00:00-03:00' },
  { key: 'status', label: 'Status', type: 'string', choices: TASK_STATUSES, help: "Where the task stands in COR's workflow.", example: 'en_proceso' },
  { key: 'priority', label: 'Priority', type: 'integer', choices: TASK_PRIORITIES, example: 2 },
];
const assignees = usersPick('collaborators', 'Assignees', 'The COR users who work on the task.');
const DETAILS = details.map((f) => f.key);
/** A task as COR answers it: the sample without the names the triggers add from the project list. */
const { project_name: _project, client_name: _client, ...answer } = task.sample;

/** The COR IDs of the users in COR's list of collaborators. */
const idsIn = (answer: JsonValue): number[] => (Array.isArray(answer) ? answer.map((u) => fieldOf(u, 'id')).filter((id): id is number => typeof id === 'number') : []);

export default defineEntity({
  noun: 'Task',
  api: 'main',
  operations: [
    {
      kind: 'create',
      method: 'POST',
      path: '/tasks',
      docs: 'tasks/create-a-task',
      summary: 'Creates a task in a project picked from the list, with its details and assignees.',
      fields: [title, projectPick(), ...details, assignees],
      // COR's create documents only the title and the project: the rest is set by the operations that document it.
      sends: ['title', 'project_id'],
      followUps: [
        { label: 'Update Task', idKey: 'task_id', when: (i) => DETAILS.some((key) => i[key] !== undefined) },
        { label: 'Assign Users to Task', idKey: 'task_id', when: (i) => i.collaborators !== undefined, with: { replace: true } },
      ],
      outputs: task,
      response: answer as JsonValue,
    },
    {
      kind: 'update',
      method: 'PUT',
      path: '/tasks/{task_id}',
      docs: 'tasks/update-a-task',
      summary: 'Updates a task picked from the list; only the fields you fill in change.',
      fields: [
        taskProjectFilter,
        taskPick(),
        ...optional([title]),
        projectPick('Moves the task to this project.'),
        ...details,
        { key: 'archived', label: 'Archived', type: 'boolean', help: 'Archive the task, or bring it back.', example: false },
      ],
      // COR requires the title on every update: when the step leaves it empty, the task's own is sent.
      prior: {
        path: '/tasks/{task_id}',
        when: (i) => i.title === undefined,
        merge: (i, current) => {
          const title = fieldOf(current, 'title');
          if (typeof title !== 'string' || title === '') throw new Error('the task has no title. Fill in Title.');
          return { ...i, title };
        },
      },
      outputs: task,
      response: answer as JsonValue,
    },
    {
      kind: 'action',
      label: 'Assign Users to Task',
      method: 'POST',
      path: '/tasks/{task_id}/collaborators',
      docs: 'tasks/assign-collaborators-to-a-task',
      summary: 'Adds users to the people working on a task, or replaces them.',
      fields: [
        taskProjectFilter,
        taskPick(),
        usersPick('collaborators', 'Users', undefined, true),
        {
          key: 'replace',
          label: 'Replace Current Assignees',
          type: 'boolean',
          option: true,
          help: 'Yes: the task ends with only these users. No (default): they join those already assigned.',
          example: false,
        },
        { key: 'reasignEstimate', label: 'Split Estimate Evenly', type: 'boolean', help: "Divide the task's estimated hours evenly among its assignees.", example: false },
      ],
      // COR's call sets the whole list: to add, the current assignees are read and sent too.
      prior: {
        path: '/tasks/{task_id}/collaborators',
        when: (i) => i.replace !== true,
        merge: (i, current) => ({ ...i, collaborators: [...new Set([...idsIn(current), ...(i.collaborators as number[])])] }),
      },
      response: [{ id: 8546, first_name: 'Ana', last_name: 'Pérez', email: 'ana@agency.com', role_id: 3 }],
    },
    {
      kind: 'action',
      label: 'Upload File to Task',
      method: 'POST',
      path: '/tasks/{task_id}/attachments',
      encoding: 'multipart',
      verb: 'upload a file to',
      docs: 'tasks/upload-task-attachments',
      summary: `Uploads a file to a task: a file from an earlier step, or a link to one, up to ${MAX_FILE_TEXT}.`,
      fields: [
        taskProjectFilter,
        taskPick(),
        {
          key: 'file',
          label: 'File',
          type: 'file',
          required: true,
          fileName: 'file_name',
          help: 'A file from an earlier step, or a web link to a file that anyone can open.',
          example: 'https://example.com/brief.pdf',
        },
        { key: 'file_name', label: 'File Name', type: 'string', option: true, help: "The name COR shows, with its extension. Leave empty for the file's own name.", example: 'brief.pdf' },
        {
          key: 'status',
          label: 'Approval Status',
          type: 'string',
          choices: [
            { value: 'required', label: 'Approval Required' },
            { value: 'pending', label: 'Pending' },
            { value: 'approved', label: 'Approved' },
          ],
          help: 'Leave empty when the file needs no approval.',
          example: 'required',
        },
      ],
      outputs: uploadedFile,
      answerAt: 'files.0',
      // TaskAttachmentUploadResponse: the files stored (one here), and how many the task has now.
      response: {
        files: [
          {
            id: 90412,
            name: 'brief.pdf',
            originalname: 'brief.pdf',
            size: 48213,
            file_type: 'pdf',
            media_type: 'pdf',
            source: 'S3',
            url: 'https://files.projectcor.com/attachments/90412/brief.pdf',
            task_log_id: 4411,
            status: 'required',
            version: 1,
            user_id: 8546,
            created_at: '2025-02-03T12:00:00Z',
          },
        ],
        files_q: 3,
      },
    },
    {
      kind: 'action',
      label: 'Attach Cloud File to Task',
      method: 'POST',
      path: '/tasks/{task_id}/attachments/source/{source_type}',
      docs: 'tasks/create-task-attachment-from-external-source',
      summary: 'Attaches a file kept in Google Drive, Dropbox or OneDrive to a task, by its link; no file is copied.',
      fields: [
        taskProjectFilter,
        taskPick(),
        {
          key: 'source_type',
          label: 'Cloud Service',
          type: 'string',
          required: true,
          choices: [
            { value: 'GoogleDrive', label: 'Google Drive' },
            { value: 'DropBox', label: 'Dropbox' },
            { value: 'OneDrive', label: 'OneDrive' },
          ],
          help: 'Where the file is kept.',
          example: 'GoogleDrive',
        },
        {
          key: 'filename',
          label: 'File Link',
          type: 'string',
          required: true,
          help: 'The link the cloud service gives for the file, as people open it.',
          example: 'https://drive.google.com/file/d/1AbC/view',
        },
        { key: 'originalname', label: 'File Name', type: 'string', required: true, help: 'The name COR shows, with its extension (brief.pdf).', example: 'brief.pdf' },
        { key: 'size', label: 'Size (bytes)', type: 'integer', min: 0, help: 'Shown in COR beside the name; 0 when unknown.', example: 48213 },
      ],
      response: {
        id: 88120,
        url: 'https://drive.google.com/file/d/1AbC/view',
        name: 'brief.pdf',
        created_at: '2025-02-03T12:00:00Z',
        source: 'GoogleDrive',
        size: 48213,
        file_type: 'pdf',
        user_id: 8546,
      },
    },
    {
      kind: 'action',
      label: 'Add Comment to Task',
      method: 'POST',
      path: '/tasks/{task_id}/messages',
      docs: 'tasks/post-task-message',
      summary: "Posts a comment on a task's conversation.",
      fields: [
        taskProjectFilter,
        taskPick(),
        { key: 'message', label: 'Comment', type: 'text', required: true, help: 'The text, as the task conversation shows it.', example: 'Wireframes are ready for review.' },
      ],
      unverified: "COR's page declares no path parameter for {task_id}; the task's COR ID goes in the path, as in its neighbours.",
      response: {},
    },
  ],
});
