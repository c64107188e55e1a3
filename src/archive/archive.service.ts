import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { pack } from 'tar-stream';
import { procedures, ProcedureId } from '../../workflows';
import type { Principal } from '../auth/principal';
import { CaseEntity } from '../cases/case.entity';
import { CaseQueries } from '../cases/cases.queries';

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

function readme(row: CaseEntity): string {
  const label = procedures[row.procedure as ProcedureId]?.label;
  const id = row.id;
  return [
    `案件档案包 / Case archive: ${row.title}`,
    '',
    `案件编号：${id}`,
    `程序：${label ? `${label.zh}（${row.procedure}）` : row.procedure}`,
    `承办单位：${row.department}`,
    `当前阶段：${row.stage}（版本 ${row.version}，更新于 ${row.updatedAt}）`,
    '',
    '本文件包是 Docket 导出的该案件完整记录：',
    '  case.json           案件基本信息（程序、标题、承办单位、阶段、状态、版本）',
    '  records/*.json      各阶段的记录：征求意见及意见处理、专家论证、风险评估、合法性审查意见、集体讨论会议记录、公布、备案、归档等',
    '  audit-events.json   审计事件（按序号排列，每条含前一事件哈希 prevHash 与本事件哈希 hash，构成哈希链；rulebook 为当日适用的规则版本）',
    '  manifest.json       文件清单：每个文件的路径、字节数和 SHA-256 值',
    '  SHA256SUMS          全部文件（含 manifest.json）的 SHA-256 校验值，sha256sum 格式',
    '',
    '离线校验方法（任何装有 tar 与 sha256sum 的计算机均可，无需 Docket）：',
    '',
    `  tar xf ${id}.tar && cd ${id} && sha256sum -c SHA256SUMS`,
    '',
    '每个文件均应显示“成功”（OK）；任一文件被改动，sha256sum 会将其标为 FAILED 并以非零状态退出。',
    '',
    'English: this package is the complete record of the case exported by Docket; verify it offline with',
    `"tar xf ${id}.tar && cd ${id} && sha256sum -c SHA256SUMS" (every line must say OK).`,
    '',
  ].join('\n');
}

/**
 * The complete record of one case as a single uncompressed POSIX tar: the case, every record
 * of its procedure, its audit events, a README, and a manifest with SHA-256 hashes that
 * `sha256sum -c SHA256SUMS` checks offline. Byte for byte the same for a given case state,
 * except `generatedAt` in manifest.json (and so that file's line in SHA256SUMS).
 */
@Injectable()
export class ArchiveService {
  constructor(private readonly cases: CaseQueries) {}

  async build(user: Principal, id: string): Promise<CaseArchive> {
    const row = await this.cases.readable(user, id);
    const events = await this.cases.historyOf(row);

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
      { path: 'README.txt', content: Buffer.from(readme(row), 'utf8') },
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
