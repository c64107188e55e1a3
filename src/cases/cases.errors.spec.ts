import { procedures, text } from '../../workflows';
import { ErrorCode } from '../common/domain-error';
import { SEPARATION_BASIS } from './access';
import { futureRefusal, notPermitted, refused, versionConflict } from './cases.errors';

const blocker = { code: 'COMMENT_PERIOD_TOO_SHORT', message: text('征求意见期限不足', 'too short'), legalBasis: text('条例', 'Art.') };

describe('the refusals of the cases module', () => {
  it('refuses against the procedure with its blockers', () => {
    const e = refused([blocker]);
    expect(e.code).toBe(ErrorCode.PROCEDURE_VIOLATION);
    expect(e.blockers).toEqual([blocker]);
  });

  it('answers not found when an event names a record that does not exist', () => {
    const missing = { ...blocker, code: 'NO_SUCH_COMMENT', message: text('意见不存在', 'no comment c9'), notFound: true };
    const e = refused([missing, blocker]);
    expect(e.code).toBe(ErrorCode.NOT_FOUND);
    expect(e.text.en).toBe('no comment c9');
  });

  it('refuses a date in the future as a procedure violation naming the date', () => {
    const e = futureRefusal('2999-01-01');
    expect(e.code).toBe(ErrorCode.PROCEDURE_VIOLATION);
    expect(e.blockers?.map((b) => b.code)).toEqual(['OCCURRED_IN_FUTURE']);
    expect(e.blockers?.[0].message.en).toContain('2999-01-01');
  });

  it('tells a version conflict where the case is now', () => {
    const e = versionConflict(7, 5);
    expect(e.code).toBe(ErrorCode.VERSION_CONFLICT);
    expect(e.details).toEqual({ currentVersion: 7 });
  });

  it('refuses a permission with the same blocker a case view shows', () => {
    const event = procedures['major-decision'].events.ISSUE_LEGALITY_OPINION;
    const message = text('本人承办', 'you sponsored this case');
    const e = notPermitted({ code: ErrorCode.SEPARATION_OF_DUTIES, message }, event);
    expect(e.code).toBe(ErrorCode.SEPARATION_OF_DUTIES);
    expect(e.blockers).toEqual([{ code: ErrorCode.SEPARATION_OF_DUTIES, message, legalBasis: SEPARATION_BASIS }]);
  });
});
