import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { pack } from 'tar-stream';
import { procedureOf, procedures, ProcedureId } from '../../workflows';
import { AttachmentsService } from '../attachments/attachments.service';
import { KIND_LABELS } from '../attachments/kinds';
import type { Principal } from '../auth/principal';
import { CaseEntity } from '../cases/case.entity';
import { CaseQueries } from '../cases/cases.queries';
import { PapersService } from '../papers/papers.service';
import type { PaperNames } from '../papers/papers.builders';

/** One file of the package, its path relative to the top folder. */
interface ArchiveFile {
  path: string;
  content: Buffer;
}

export interface ManifestEntry {
  path: string;
  bytes: number;
  sha256: string;
}

export interface CaseArchive {
  fileName: string;
  body: Buffer;
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value ?? null, null, 2)}\n`, 'utf8');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** code-unit order, the same on every machine (no locale) */
const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** What the archivist reads first: the case in words, and how to check the package. */
function readme(row: CaseEntity, names: PaperNames): string {
  const label = procedures[row.procedure as ProcedureId]?.label;
  const def = procedureOf(row.procedure, row.procedureVersion);
  const id = row.id;
  return [
    `案件档案包 / Case archive: ${row.title}`,
    '',
    `案件编号：${id}`,
    `程序：${label ? label.zh : row.procedure}`,
    `承办单位：${names.department(row.department)}`,
    `当前阶段：${def.stages[row.stage]?.zh ?? row.stage}（第 ${row.version} 次办理后，更新于 ${row.updatedAt}）`,
    '',
    '本文件包是 Docket 导出的该案件完整案卷：',
    '  案卷目录.txt        案卷目录：文书、附件及机读记录的清单（先看这里）',
    '  papers/*.docx       文书：征求意见公告、意见采纳情况说明、合法性审查意见书、备案报告、办理单等（已具备的）',
    '  attachments/*       附件：起草说明、送审稿、专家论证报告、风险评估报告、会议纪要等，原样保存',
    '  case.json           案件基本信息（机读）',
    '  records/*.json      各阶段的记录（机读）',
    '  audit-events.json   审计事件（按序号排列，每条含前一事件哈希 prevHash 与本事件哈希 hash，构成哈希链）',
    '  manifest.json       文件清单：每个文件的路径、字节数和 SHA-256 值',
    '  SHA256SUMS          全部文件（含 manifest.json）的 SHA-256 校验值，sha256sum 格式',
    '',
    '离线校验方法（任何装有 tar 与 sha256sum 的计算机均可，无需 Docket）：',
    '',
    `  tar xf ${id}.tar && cd ${id} && sha256sum -c SHA256SUMS`,
    '',
    '每个文件均应显示“成功”（OK）；任一文件被改动，sha256sum 会将其标为 FAILED 并以非零状态退出。',
    '',
    'English: this package is the complete file of the case exported by Docket (papers, attachments and the',
    `machine record); verify it offline with "tar xf ${id}.tar && cd ${id} && sha256sum -c SHA256SUMS" (every line must say OK).`,
    '',
  ].join('\n');
}

const EXTENSIONS: Record<string, string> = {
  'application/pdf': '.pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/msword': '.doc',
  'application/vnd.ms-excel': '.xls',
  'application/vnd.ms-powerpoint': '.ppt',
  'application/ofd': '.ofd',
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'text/plain': '.txt',
};

/** An attachment's file in the package: its place, its kind, and the extension of what it is. */
const attachmentPath = (n: number, kind: string, contentType: string) =>
  `attachments/${String(n).padStart(2, '0')}-${kind}${EXTENSIONS[contentType.split(';')[0].trim()] ?? '.bin'}`;

/**
 * The complete record of one case as a single uncompressed POSIX tar: the case, every record
 * of its procedure, its audit events, a README, and a manifest with SHA-256 hashes that
 * `sha256sum -c SHA256SUMS` checks offline. Byte for byte the same for a given case state,
 * except `generatedAt` in manifest.json (and so that file's line in SHA256SUMS).
 */
@Injectable()
export class ArchiveService {
  constructor(
    private readonly cases: CaseQueries,
    private readonly papers: PapersService,
    private readonly attachments: AttachmentsService,
  ) {}

  async build(user: Principal, id: string): Promise<CaseArchive> {
    const row = await this.cases.readable(user, id);
    const events = await this.cases.historyOf(row);
    const stored = await this.attachments.forArchive(row.id);
    const names = await this.papers.names([...new Set([...events.map((e) => e.actorId), ...stored.map((a) => a.meta.uploadedBy)])]);
    const papers: (ArchiveFile & { title: string })[] = [];
    for (const p of this.papers.available(row, 'zh').filter((k) => k.available)) {
      papers.push({ path: `papers/${p.kind}.docx`, title: p.title, content: await this.papers.render(row, p.kind) });
    }
    const attached = stored.map((a, i) => ({ ...a, path: attachmentPath(i + 1, a.meta.kind, a.meta.contentType) }));
    const index = catalogue(row, names, papers, attached, events.length);

    const files: ArchiveFile[] = [
      {
        path: 'case.json',
        content: json({
          id: row.id,
          procedure: row.procedure,
          procedureVersion: row.procedureVersion,
          title: row.title,
          department: row.department,
          stage: row.stage,
          state: row.snapshot.value,
          version: row.version,
          createdAt: row.createdAt,
          updatedAt: row.updatedAt,
        }),
      },
      ...Object.entries(row.snapshot.context).map(([key, value]) => ({ path: `records/${key}.json`, content: json(value) })),
      {
        path: 'audit-events.json',
        content: json(events),
      },
      { path: 'README.txt', content: Buffer.from(readme(row, names), 'utf8') },
      { path: '案卷目录.txt', content: Buffer.from(index, 'utf8') },
      ...papers.map(({ path, content }) => ({ path, content })),
      ...attached.map(({ path, content }) => ({ path, content })),
    ].sort(byPath);

    const entries: ManifestEntry[] = files.map((f) => ({ path: f.path, bytes: f.content.length, sha256: sha256(f.content) }));
    const manifest: ArchiveFile = {
      path: 'manifest.json',
      content: json({
        caseId: row.id,
        procedure: row.procedure,
        title: row.title,
        generatedAt: new Date().toISOString(),
        files: entries,
      }),
    };
    const sums = [...files, manifest]
      .map((f) => ({ path: f.path, sha256: sha256(f.content) }))
      .sort(byPath)
      .map((f) => `${f.sha256}  ${f.path}\n`)
      .join('');

    const body = await toTar(row, [...files, manifest, { path: 'SHA256SUMS', content: Buffer.from(sums, 'utf8') }]);
    return { fileName: `${row.id}.tar`, body };
  }
}

/** 案卷目录: what the package holds, in the order an archivist files it, in words. */
function catalogue(
  row: CaseEntity,
  names: PaperNames,
  papers: { path: string; title: string; content: Buffer }[],
  attached: {
    path: string;
    content: Buffer;
    meta: { kind: string; name: string; size: number; sha256: string; uploadedBy: string; uploadedAt: string };
  }[],
  events: number,
): string {
  const def = procedureOf(row.procedure, row.procedureVersion);
  const lines = [
    '案卷目录',
    '',
    `题名：${row.title}`,
    `程序：${def.label.zh}（第 ${def.version} 版）`,
    `承办单位：${names.department(row.department)}`,
    `当前阶段：${def.stages[row.stage]?.zh ?? row.stage}`,
    `立卷日期：${row.createdAt.slice(0, 10)}；最后办理：${row.updatedAt.slice(0, 10)}`,
    '',
    '一、文书',
  ];
  if (papers.length === 0) lines.push('  （尚无可生成的文书）');
  papers.forEach((p, i) => lines.push(`  ${i + 1}. ${p.title}    ${p.path}`));
  lines.push('', '二、附件');
  if (attached.length === 0) lines.push('  （无附件）');
  attached.forEach((a, i) => {
    const kind = KIND_LABELS[a.meta.kind as keyof typeof KIND_LABELS]?.zh ?? a.meta.kind;
    lines.push(`  ${i + 1}. 【${kind}】${a.meta.name}    ${a.path}`);
    lines.push(`     ${a.meta.size} 字节；SHA-256 ${a.meta.sha256}；${names.person(a.meta.uploadedBy)} 上传于 ${a.meta.uploadedAt}`);
  });
  lines.push(
    '',
    '三、机读记录',
    `  case.json、records/*.json（各阶段记录）、audit-events.json（${events} 个审计事件，哈希链）`,
    '',
    '四、校验',
    '  manifest.json 与 SHA256SUMS 列出全部文件的 SHA-256；附件的 SHA-256 同时记入案件审计链（ATTACHMENT_ADDED）。',
    '',
  );
  return lines.join('\n');
}

/** The files under a top folder named after the case, every entry dated by the case's last change. */
function toTar(row: CaseEntity, files: ArchiveFile[]): Promise<Buffer> {
  const tar = pack();
  const mtime = new Date(row.updatedAt);
  const owner = { uid: 0, gid: 0, uname: '', gname: '' };
  const done = new Promise<Buffer>((ok, fail) => {
    const chunks: Buffer[] = [];
    tar.on('data', (c) => chunks.push(c as Buffer));
    tar.on('end', () => ok(Buffer.concat(chunks)));
    tar.on('error', fail);
  });
  const dirs = new Set<string>([row.id]);
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add([row.id, ...parts.slice(0, i)].join('/'));
  }
  for (const dir of [...dirs].sort()) tar.entry({ name: `${dir}/`, type: 'directory', mode: 0o755, mtime, ...owner });
  for (const f of files) {
    tar.entry({ name: `${row.id}/${f.path}`, type: 'file', mode: 0o644, size: f.content.length, mtime, ...owner }, f.content);
  }
  tar.finalize();
  return done;
}
