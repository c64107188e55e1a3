import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { text } from '../../workflows';
import type { Principal } from '../auth/principal';
import { canRead } from '../cases/access';
import type { CaseEntity } from '../cases/case.entity';
import { CaseCommands } from '../cases/cases.commands';
import { caseNotFound, copyIsReadOnly, unreadable, invalidField, versionConflict } from '../cases/cases.errors';
import { CaseQueries } from '../cases/cases.queries';
import { CasesRepository } from '../cases/cases.repository';
import { DomainError, ErrorCode } from '../common/domain-error';
import { forbiddenCharacter } from '../common/plain-text';
import { Db } from '../database/db.service';
import { execute, param } from '../database/sql';
import { AttachmentEntity } from './attachment.entity';
import type { AttachmentCreated, AttachmentItem } from './attachments.response';
import { ATTACHMENT_KINDS, isAttachmentKind, type AttachmentKind } from './kinds';
import { sniff } from './sniff';
import { ATTACHMENT_BASIS, uploadRole } from './upload-rule';

/** The file multer read into memory. */
export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const FIELDS = new Set(['kind', 'expectedVersion']);
const MAX_NAME = 200;

const COLUMNS = ['id', 'case_id', 'kind', 'name', 'content_type', 'size', 'sha256', 'content', 'uploaded_by', 'uploaded_at', 'seq'];

const itemOf = (a: AttachmentEntity): AttachmentItem => ({
  id: a.id,
  name: a.name,
  size: a.size,
  sha256: a.sha256,
  kind: a.kind as AttachmentKind,
  contentType: a.contentType,
  uploadedBy: a.uploadedBy,
  uploadedAt: a.uploadedAt,
  seq: a.seq,
});

/** The uploaded file's name as kept: plain text, at most 200 characters, no path. */
function fileName(raw: string): string {
  const name = raw.normalize('NFC').trim();
  if (!name) throw invalidField('file', '文件名不能为空', 'the file has no name');
  if ([...name].length > MAX_NAME)
    throw invalidField('file', `文件名不得超过 ${MAX_NAME} 个字符`, `the file name is longer than ${MAX_NAME} characters`);
  const c = forbiddenCharacter(name);
  if (c) throw invalidField('file', `文件名含有不允许的控制字符 ${c}`, `the file name holds the control character ${c}`);
  if (/[/\\]/.test(name) || name.includes('\uFFFD'))
    throw invalidField(
      'file',
      '文件名不能含有路径分隔符或无法识别的字符',
      'the file name holds a path separator or an undecodable character',
    );
  return name;
}

/**
 * 附件: files added to a case, kept in the database (every instance serves them) and recorded in
 * the case's audit chain with their SHA-256. Read by whoever may read the case; added by whoever
 * holds a step on it (upload-rule.ts).
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly db: Db,
    private readonly cases: CasesRepository,
    private readonly commands: CaseCommands,
    private readonly queries: CaseQueries,
  ) {}

  /** Who may add to this case now, judged on `row`: their role, or the refusal. */
  private async roleOn(m: EntityManager, user: Principal, row: CaseEntity) {
    if (!canRead(user, row)) throw (await this.cases.isCopiedTo(m, row.id, user.id)) ? copyIsReadOnly() : unreadable(user, row);
    const sponsored = user.roles.includes('reviewer') ? await this.cases.sponsored(row.id, user.id, m) : false;
    const r = uploadRole(user, row, sponsored);
    if ('role' in r) return r.role;
    throw new DomainError(r.code, r.message, undefined, [{ code: r.blocker, message: r.message, legalBasis: ATTACHMENT_BASIS }]);
  }

  /**
   * Add a file to a case: who first (so a refused user learns nothing of what they sent), then the
   * fields, then the bytes; then, in one transaction, the attachment row and its ATTACHMENT_ADDED
   * event (compare-and-swap on expectedVersion). Any refusal stores nothing.
   */
  async upload(
    user: Principal,
    caseId: string,
    fields: Record<string, unknown>,
    file: UploadedFile | undefined,
  ): Promise<AttachmentCreated> {
    await this.db.read(async (m) => {
      const row = await this.cases.byId(m, caseId);
      if (!row) throw caseNotFound(caseId);
      await this.roleOn(m, user, row);
    });

    const unknown = Object.keys(fields ?? {}).find((k) => !FIELDS.has(k));
    if (unknown) throw invalidField(unknown, `不接受字段 ${unknown}`, `unknown field ${unknown}`);
    const kind = fields?.kind;
    if (!isAttachmentKind(kind))
      throw invalidField(
        'kind',
        `附件类别 kind 须为 ${ATTACHMENT_KINDS.join('、')} 之一`,
        `kind must be one of ${ATTACHMENT_KINDS.join(', ')}`,
      );
    const version = fields?.expectedVersion;
    if (typeof version !== 'string' || !/^[1-9]\d{0,8}$/.test(version))
      throw invalidField(
        'expectedVersion',
        'expectedVersion 须为案件当前版本号（正整数）',
        'expectedVersion must be the case version, a positive integer',
      );
    const expectedVersion = Number(version);
    if (!file) throw invalidField('file', '请选择要上传的文件（字段 file）', 'no file was sent (field "file")');
    const name = fileName(file.originalname);

    const found = sniff(file.buffer);
    if (!found.ok) {
      throw new DomainError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        text(
          `不接受此类文件：${found.found.zh}。可上传 PDF、Word、Excel、PowerPoint（含旧版 .doc/.xls/.ppt）、OFD、PNG、JPEG 图片或 UTF-8 文本`,
          `refused: ${found.found.en}. Docket takes PDF, Word, Excel, PowerPoint (also legacy .doc/.xls/.ppt), OFD, PNG, JPEG or UTF-8 text`,
        ),
        { found: found.found.en },
      );
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const id = randomUUID();
    const now = new Date();

    await this.db.transaction(async (m) => {
      const row = await this.cases.byId(m, caseId);
      if (!row) throw caseNotFound(caseId);
      const role = await this.roleOn(m, user, row);
      if (row.version !== expectedVersion) throw versionConflict(row.version, expectedVersion);
      const saved = await this.commands.recordAct(m, row, {
        type: 'ATTACHMENT_ADDED',
        actorId: user.id,
        role,
        data: { attachmentId: id, kind, name, size: file.size, sha256 },
        changes: {},
        now,
      });
      const values = [
        id,
        caseId,
        kind,
        name,
        found.contentType,
        file.buffer.length,
        sha256,
        file.buffer,
        user.id,
        now.toISOString(),
        saved.version,
      ];
      await execute(
        m,
        `INSERT INTO attachments (${COLUMNS.map((c) => `"${c}"`).join(', ')}) VALUES (${COLUMNS.map((_, i) => param(m, i + 1)).join(', ')})`,
        values,
      );
    });
    return { id, name, size: file.buffer.length, sha256, kind };
  }

  /** The case's attachments, oldest first, without their bytes. */
  async list(user: Principal, caseId: string): Promise<AttachmentItem[]> {
    await this.queries.readable(user, caseId);
    return (await this.metas(caseId)).map(itemOf);
  }

  /** One attachment's bytes with what they are, for whoever may read the case; 404 when the case has no such attachment. */
  async content(user: Principal, caseId: string, attachmentId: string): Promise<{ meta: AttachmentItem; content: Buffer }> {
    await this.queries.readable(user, caseId);
    const found = await this.db.read(async (m) => {
      const meta = await m.findOneBy(AttachmentEntity, { id: attachmentId, caseId });
      return meta ? { meta: itemOf(meta), content: await this.bytes(m, attachmentId) } : null;
    });
    if (!found) throw DomainError.notFound(text(`本案没有附件 ${attachmentId}`, `the case has no attachment ${attachmentId}`));
    return found;
  }

  /** For the archive: every attachment of the case with its bytes, oldest first (no access check: the caller has made it). */
  async forArchive(caseId: string): Promise<{ meta: AttachmentItem; content: Buffer }[]> {
    return this.db.read(async (m) => {
      const metas = await m.find(AttachmentEntity, { where: { caseId }, order: { seq: 'ASC' } });
      const out: { meta: AttachmentItem; content: Buffer }[] = [];
      for (const a of metas) out.push({ meta: itemOf(a), content: await this.bytes(m, a.id) });
      return out;
    });
  }

  private metas(caseId: string): Promise<AttachmentEntity[]> {
    return this.db.read((m) => m.find(AttachmentEntity, { where: { caseId }, order: { seq: 'ASC' } }));
  }

  private async bytes(m: EntityManager, id: string): Promise<Buffer> {
    const { records } = await execute(m, `SELECT "content" FROM attachments WHERE "id" = ${param(m, 1)}`, [id]);
    const v = records[0]?.content as Buffer | Uint8Array | undefined;
    return v === undefined ? Buffer.alloc(0) : Buffer.isBuffer(v) ? v : Buffer.from(v);
  }
}
