import type { StoredSnapshot } from '../../workflows';
import { Block } from './layout';
import {
  adoptionSummaryPaper,
  approvalForm,
  filingReport,
  legalityOpinionPaper,
  maskSubmitter,
  PaperCase,
  PaperNames,
  unavailableReason,
} from './papers.builders';

const names: PaperNames = {
  department: (id) => ({ fgw: '县发展和改革委员会', sfj: '县司法局', 'county-government': '泗阳县人民政府' })[id] ?? id,
  person: (id) => ({ u1: '李明', r1: '王审' })[id] ?? id,
  departmentOf: (id) => ({ u1: '县发展和改革委员会', r1: '县司法局' })[id],
};

const text = (blocks: Block[]) => blocks.map((b) => (b.kind === 'table' ? [...b.header, ...b.rows.flat()].join('|') : b.text)).join('\n');

function doc(context: Record<string, unknown>, stage = 'drafting'): PaperCase {
  return {
    id: 'case-1',
    procedure: 'normative-document',
    procedureVersion: 1,
    title: '泗阳县城市停车管理办法',
    department: 'fgw',
    governmentId: 'county-government',
    stage,
    snapshot: {
      value: stage,
      status: 'active',
      context: {
        title: '泗阳县城市停车管理办法',
        department: 'fgw',
        jurisdiction: 'siyang',
        createdAt: '2023-05-04',
        lastEventDate: '2023-05-04',
        issuingOrgan: 'government',
        publicComment: null,
        legalityReview: [],
        deliberations: [],
        publication: null,
        filing: null,
        ...context,
      },
    } as unknown as StoredSnapshot,
  };
}

const period = {
  startDate: '2023-05-05',
  endDate: '2023-05-16',
  channels: ['县政府网站'],
  openedOn: '2023-05-05',
  hearings: [],
  comments: [
    {
      id: 'c1',
      content: '夜间停车应免费',
      submitter: '张三丰',
      receivedOn: '2023-05-08',
      disposition: { disposition: 'not-adopted', reason: '不符', disposedOn: '2023-05-17' },
    },
    {
      id: 'c2',
      content: '增设充电车位',
      submitter: '县律师协会',
      receivedOn: '2023-05-09',
      count: 3,
      disposition: { disposition: 'adopted', reason: '已增加', disposedOn: '2023-05-17' },
    },
    { id: 'c3', content: '无名意见', receivedOn: '2023-05-09' },
  ],
};

describe('paper builders', () => {
  it('masks people but names organisations', () => {
    expect(maskSubmitter('张三丰')).toBe('张**');
    expect(maskSubmitter('张三')).toBe('张*');
    expect(maskSubmitter('欧阳明华')).toBe('欧***');
    expect(maskSubmitter('县律师协会')).toBe('县律师协会');
    expect(maskSubmitter('某某科技有限公司')).toBe('某某科技有限公司');
    expect(maskSubmitter('县住房和城乡建设局')).toBe('县住房和城乡建设局');
    expect(maskSubmitter(undefined)).toBe('匿名');
    expect(maskSubmitter('  ')).toBe('匿名');
    expect(maskSubmitter('甲')).toBe('甲*');
  });

  it('says why a paper is not there yet', () => {
    const drafting = doc({});
    expect(unavailableReason(drafting, 'consultation-notice')?.zh).toBe('尚未发布征求意见，无征求意见记录');
    expect(unavailableReason(drafting, 'legality-opinion')?.en).toBe('no legality review opinion has been issued yet');
    expect(unavailableReason(drafting, 'filing-report')?.zh).toContain('尚未统一编号公布');
    expect(unavailableReason(drafting, 'approval-form')).toBeNull();
    const open = doc({ publicComment: period }, 'publicComment');
    expect(unavailableReason(open, 'consultation-notice')).toBeNull();
    expect(unavailableReason(open, 'adoption-summary')?.zh).toContain('尚未结束');
    expect(unavailableReason(doc({ publicComment: { ...period, closedOn: '2023-05-17' } }), 'adoption-summary')).toBeNull();
    const decision = {
      ...doc({ publicCommentExemption: { reason: '涉及国家秘密', exemptedOn: '2023-01-01' } }),
      procedure: 'major-decision',
    };
    expect(unavailableReason(decision, 'consultation-notice')?.zh).toContain('涉及国家秘密');
    expect(unavailableReason(decision, 'filing-report')?.zh).toBe('重大行政决策不报送规范性文件备案');
  });

  it('writes one row per comment with the submitter masked and the totals by submission', () => {
    const spec = adoptionSummaryPaper(doc({ publicComment: { ...period, closedOn: '2023-05-17' } }), names);
    const t = text(spec.blocks);
    expect(t).toContain('共收到意见5条，采纳3条，部分采纳0条，未采纳1条，尚未处理1条');
    expect(t).toContain('张**');
    expect(t).not.toContain('张三丰');
    expect(t).toContain('县律师协会');
    expect(t).toContain('匿名');
    expect(t).toContain('（相同意见3条）');
    expect(spec).toMatchObject({ signature: '县发展和改革委员会', date: '2023-05-17' });
    const table = spec.blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows).toHaveLength(3);
  });

  it("addresses the legality opinion to the drafter, signed by the reviewer's department", () => {
    const spec = legalityOpinionPaper(
      doc({
        legalityReview: [
          {
            submittedOn: '2023-05-10',
            reviewDueDate: '2023-05-15',
            workingDaysGiven: 5,
            provisional: false,
            withdrawn: { reason: 'x', on: '2023-05-11', by: 'u1' },
          },
          {
            submittedOn: '2023-05-18',
            reviewDueDate: '2023-05-26',
            workingDaysGiven: 6,
            provisional: false,
            opinion: { conclusion: 'lawful-with-revisions', opinion: '第三条应删除。', issuedOn: '2023-05-25', reviewerId: 'r1' },
            revisionsConfirmed: { note: '已删除第三条', confirmedOn: '2023-05-26' },
          },
        ],
      }),
      names,
    );
    const t = text(spec.blocks);
    expect(spec).toMatchObject({ recipient: '县发展和改革委员会', signature: '县司法局', date: '2023-05-25' });
    expect(t).toContain('2023年5月18日报送');
    expect(t).toContain('合法但需修改');
    expect(t).toContain('第三条应删除。');
    expect(t).toContain('三、修改落实情况');
    expect(t).toContain('审查人：王审');
  });

  it('reports the filing with the number, the dates and the deadline, from the county government', () => {
    const spec = filingReport(
      doc({
        publication: {
          channels: ['县政府网站'],
          publishedOn: '2023-06-05',
          documentNumber: '泗政规〔2023〕1号',
          effectiveDate: '2023-07-01',
          validUntil: '2028-06-30',
          filingDeadline: '2023-07-05',
        },
      }),
      names,
    );
    const t = text(spec.blocks);
    expect(spec).toMatchObject({ signature: '泗阳县人民政府', recipient: '备案审查机关', date: '2023-06-05' });
    expect(t).toContain('泗政规〔2023〕1号');
    expect(t).toContain('2028年6月30日');
    expect(t).toContain('2023年7月5日前');
  });

  it('lists every step of the history with who, when and its basis', () => {
    const spec = approvalForm(
      doc({ publicComment: period }, 'publicComment'),
      [
        { type: 'CASE_CREATED', actorId: 'u1', actorRole: 'official', occurredAt: '2023-05-04', recordedAt: '2023-05-04T02:00:00.000Z' },
        {
          type: 'OPEN_PUBLIC_COMMENT',
          actorId: 'u1',
          actorRole: 'official',
          occurredAt: '2023-05-05',
          recordedAt: '2023-05-05T02:00:00.000Z',
        },
        {
          type: 'RECORD_COMMENT',
          actorId: 'public',
          actorRole: 'public',
          occurredAt: '2023-05-08T16:30:00.000Z',
          recordedAt: '2023-05-08T16:30:00.000Z',
        },
      ],
      names,
    );
    const t = text(spec.blocks);
    expect(spec.title).toMatch(/办理单$/);
    expect(t).toContain('公开征求意见');
    expect(t).toContain('创建案件|李明（县发展和改革委员会）|2023年5月4日|2023年5月4日 10:00');
    expect(t).toContain('发布征求意见');
    expect(t).toContain('国办发〔2018〕37号（广泛征求意见）');
    expect(t).toContain('社会公众|2023年5月9日');
  });
});
