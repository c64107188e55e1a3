import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { Blocker, Language, shanghaiDate, text, zhDate } from '../../workflows';
import type { Principal } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/domain-error';
import { Db } from '../database/db.service';
import { UserEntity } from '../users/user.entity';
import { actsAs, canRead } from './access';
import { CaseCopyEntity } from './case-copy.entity';
import { CaseEntity } from './case.entity';
import { CaseNotices } from './case-notices';
import { CaseCommands } from './cases.commands';
import { caseNotFound, invalidField, refused, unreadable } from './cases.errors';
import { CaseQueries } from './cases.queries';
import type { CaseView, OfficeActType } from './cases.response';
import { BASIS, inCharge, refusalOf } from './office-acts';
import { CasesRepository } from './cases.repository';
import type { AssignDto, CopyDto, UrgeDto } from './dto/office.dto';

/**
 * Office work on a case beside its procedure: transfer to a colleague (转办), copy for
 * information (抄送), urge by a supervisor (催办 / 督办). Each is written into the case's audit
 * chain (ASSIGNED, COPIED, URGED) with who, when and why, and tells the people it concerns.
 */
@Injectable()
export class CaseOffice {
  constructor(
    private readonly db: Db,
    private readonly cases: CasesRepository,
    private readonly commands: CaseCommands,
    private readonly queries: CaseQueries,
    private readonly notices: CaseNotices,
  ) {}

  private check(user: Principal, row: CaseEntity, act: OfficeActType): void {
    if (!canRead(user, row)) throw unreadable(user, row);
    const r = refusalOf(user, row, act);
    if (!r) return;
    const blocker: Blocker = {
      code: r.status === ErrorCode.PROCEDURE_VIOLATION ? 'CASE_NOT_OPEN' : r.status,
      message: r.message,
      legalBasis: BASIS[act],
    };
    if (r.status === ErrorCode.PROCEDURE_VIOLATION) throw refused([blocker]);
    throw new DomainError(r.status, r.message, undefined, [blocker]);
  }

  /**
   * 转办: hand the case to another official of its department. They are in charge from now on: the
   * official's steps await them (their 待办) and they are told what happens; any official of the
   * department may still record a step, as the procedure allows, and everyone who has been in
   * charge stays a sponsor of the case (no legality review by them).
   */
  async assign(user: Principal, id: string, dto: AssignDto, lang: Language): Promise<CaseView> {
    const now = new Date();
    const row = await this.db.transaction(async (m) => {
      const row = await this.load(m, id);
      this.check(user, row, 'ASSIGN');
      const to = await m.findOneBy(UserEntity, { id: dto.userId, deactivatedAt: IsNull() });
      if (!to) throw invalidField('userId', `用户 ${dto.userId} 不存在或已停用`, `no active user ${dto.userId}`);
      if (!to.roles.includes('official') || to.department !== row.department) {
        throw new DomainError(
          ErrorCode.FORBIDDEN,
          text(
            `只能转办给本案承办部门（${row.department}）的承办人员`,
            `a case is transferred only to an official of its department (${row.department})`,
          ),
          undefined,
          [{ code: 'OTHER_DEPARTMENT', message: text('不能转办到其他部门', 'not to another department'), legalBasis: BASIS.ASSIGN }],
        );
      }
      const from = inCharge(row);
      if (to.id === from) throw invalidField('userId', '该用户已是本案承办人', 'that user is already in charge of the case');
      if (await this.cases.reviewed(m, row.id, to.id)) {
        throw new DomainError(
          ErrorCode.SEPARATION_OF_DUTIES,
          text(
            '该用户曾对本案进行合法性审查，不得承办本案',
            'that user reviewed the legality of this case: they cannot be in charge of it',
          ),
        );
      }
      await this.cases.addAssignee(m, row.id, to.id, now.toISOString());
      const saved = await this.commands.recordAct(m, row, {
        type: 'ASSIGNED',
        actorId: user.id,
        role: user.roles.includes('secretariat') && !actsAs(user, 'official', row) ? 'secretariat' : 'official',
        data: { userId: to.id, from, reason: dto.reason },
        changes: { assignee: to.id },
        now,
      });
      await this.notices.give(
        m,
        saved,
        'ASSIGNED',
        text(`「${row.title}」已转由您承办：${dto.reason}`, `"${row.title}" is now yours to handle: ${dto.reason}`),
        `seq:${saved.version}`,
        [to.id],
      );
      return saved;
    });
    return this.queries.view(user, row, lang);
  }

  /** 抄送: give these users the case to read (never to act on). */
  async copy(user: Principal, id: string, dto: CopyDto, lang: Language): Promise<CaseView> {
    const now = new Date();
    const row = await this.db.transaction(async (m) => {
      const row = await this.load(m, id);
      this.check(user, row, 'COPY');
      const ids = [...new Set(dto.userIds)];
      const users = await m.findBy(UserEntity, { id: In(ids), deactivatedAt: IsNull() });
      const missing = ids.filter((i) => !users.some((u) => u.id === i));
      if (missing.length)
        throw invalidField('userIds', `用户 ${missing.join('、')} 不存在或已停用`, `no active user ${missing.join(', ')}`);
      // a copy goes to the case's own government or one above it, never sideways to another county
      const beyond = users.filter((u) => !row.governmentPath.startsWith(u.governmentPath)).map((u) => u.id);
      if (beyond.length)
        throw invalidField(
          'userIds',
          `用户 ${beyond.join('、')} 不属于本案所在政府或其上级政府`,
          `user ${beyond.join(', ')} is not of the case's government or one above it`,
        );
      const already = new Set((await m.findBy(CaseCopyEntity, { caseId: row.id, userId: In(ids) })).map((c) => c.userId));
      const fresh = ids.filter((i) => !already.has(i));
      if (fresh.length === 0) {
        throw new DomainError(ErrorCode.ALREADY_EXISTS, text('已抄送给这些用户', 'the case was already copied to them'));
      }
      const at = now.toISOString();
      // the act first: of two copies at once, the second fails its compare-and-swap (409) before inserting
      const saved = await this.commands.recordAct(m, row, {
        type: 'COPIED',
        actorId: user.id,
        role: actsAs(user, 'official', row) ? 'official' : actsAs(user, 'secretariat', row) ? 'secretariat' : 'supervisor',
        data: { userIds: fresh, ...(dto.note ? { note: dto.note } : {}) },
        changes: {},
        now,
      });
      for (const userId of fresh) {
        await m.insert(CaseCopyEntity, { caseId: row.id, userId, copiedBy: user.id, note: dto.note ?? null, copiedAt: at });
      }
      const note = dto.note ? `：${dto.note}` : '';
      await this.notices.give(
        m,
        saved,
        'COPIED',
        text(
          `「${row.title}」抄送给您，供知悉${note}`,
          `"${row.title}" was copied to you for information${dto.note ? `: ${dto.note}` : ''}`,
        ),
        `seq:${saved.version}`,
        fresh,
      );
      return saved;
    });
    return this.queries.view(user, row, lang);
  }

  /** 催办 / 督办: a supervisor presses whoever holds the current step, optionally asking for an answer by a date. */
  async urge(user: Principal, id: string, dto: UrgeDto, lang: Language): Promise<CaseView> {
    const now = new Date();
    if (dto.respondBy && dto.respondBy < shanghaiDate(now)) {
      throw invalidField('respondBy', `答复期限 ${zhDate(dto.respondBy)} 早于今天`, `respondBy ${dto.respondBy} is in the past`);
    }
    const row = await this.db.transaction(async (m) => {
      const row = await this.load(m, id);
      this.check(user, row, 'URGE');
      const holders = await this.notices.holders(m, row);
      if (holders.length === 0) {
        throw refused([
          {
            code: 'NO_ONE_HOLDS_THE_STEP',
            message: text(
              '当前环节没有可催办的在岗人员（承办人已停用或无可审查人员），请先转办',
              'no active user holds the current step (the person in charge is deactivated, or no reviewer may review it): transfer it first',
            ),
            legalBasis: BASIS.URGE,
          },
        ]);
      }
      const saved = await this.commands.recordAct(m, row, {
        type: 'URGED',
        actorId: user.id,
        role: 'supervisor',
        data: { message: dto.message, ...(dto.respondBy ? { respondBy: dto.respondBy } : {}), holders },
        changes: {},
        now,
      });
      const by = dto.respondBy ? `（请于 ${zhDate(dto.respondBy)} 前答复）` : '';
      await this.notices.give(
        m,
        saved,
        'URGED',
        text(
          `「${row.title}」催办：${dto.message}${by}`,
          `"${row.title}" urged: ${dto.message}${dto.respondBy ? ` (answer by ${dto.respondBy})` : ''}`,
        ),
        `seq:${saved.version}`,
        holders,
      );
      return saved;
    });
    return this.queries.view(user, row, lang);
  }

  private async load(m: EntityManager, id: string): Promise<CaseEntity> {
    const row = await this.cases.byId(m, id);
    if (!row) throw caseNotFound(id);
    return row;
  }
}
