import type { Principal } from '../auth/principal';
import type { CasesService } from '../cases/cases.service';
import type { DepartmentEntity } from '../users/department.entity';

export const DEMO_DEPARTMENTS: DepartmentEntity[] = [
  { id: 'county-government', name: '泗阳县人民政府', documentPrefix: '泗政规' },
  { id: 'zfb', name: '县政府办公室', documentPrefix: '泗政办规' },
  { id: 'sfj', name: '县司法局', documentPrefix: null },
  { id: 'fgw', name: '县发展和改革委员会', documentPrefix: '泗发改规' },
  { id: 'zjj', name: '县住房和城乡建设局', documentPrefix: '泗住建规' },
  { id: 'yfzxb', name: '县委依法治县办', documentPrefix: null },
];

export const DEMO_USERS = [
  { username: 'admin', displayName: '系统管理员', roles: ['admin'], department: null },
  { username: 'fgw_official', displayName: '县发改委 承办人员', roles: ['official'], department: 'fgw' },
  { username: 'zjj_official', displayName: '县住建局 承办人员', roles: ['official'], department: 'zjj' },
  { username: 'reviewer', displayName: '县司法局 合法性审查人员', roles: ['reviewer'], department: 'sfj' },
  { username: 'secretariat', displayName: '县政府办公室', roles: ['secretariat'], department: 'zfb' },
  { username: 'supervisor', displayName: '县委依法治县办 监督人员', roles: ['supervisor'], department: 'yfzxb' },
];

/** Sample cases in progress, driven through the real procedures as the demo users. */
export async function runDemoCases(cases: CasesService, user: (username: string) => Principal): Promise<void> {
  const drive = async (
    username: string,
    created: { id: string; version: number },
    steps: [string, string, string, Record<string, unknown>][],
  ) => {
    let c = created;
    for (const [who, type, occurredAt, data] of steps) {
      c = await cases.send(user(who), c.id, { type, expectedVersion: c.version, occurredAt, data }, 'zh');
    }
    return c;
  };

  const doc = await cases.create(
    user('zjj_official'),
    {
      procedure: 'normative-document',
      title: '泗阳县城镇老旧小区改造管理办法（征求意见稿）',
      department: 'zjj',
      occurredAt: '2024-03-01',
      affectsPublicRights: true,
      marketRelated: false,
      interim: false,
      issuingOrgan: 'government',
    },
    'zh',
  );
  await drive('zjj_official', doc, [
    [
      'zjj_official',
      'OPEN_PUBLIC_COMMENT',
      '2024-03-04',
      { startDate: '2024-03-04', endDate: '2024-03-15', channels: ['泗阳县人民政府网站'] },
    ],
    ['zjj_official', 'RECORD_COMMENT', '2024-03-06', { content: '建议明确加装电梯的费用分摊办法。', submitter: '众兴街道居民' }],
  ]);

  const decision = await cases.create(
    user('fgw_official'),
    {
      procedure: 'major-decision',
      title: '泗阳县2024年城区公共停车设施建设方案',
      department: 'fgw',
      occurredAt: '2024-02-20',
      problem: '城区停车泊位缺口较大',
      reasons: '群众反映强烈，列入2024年度重大行政决策事项目录',
      preliminaryPlan: '新建公共停车场5处，增设泊位2000个',
    },
    'zh',
  );
  await drive('fgw_official', decision, [['secretariat', 'APPROVE_START', '2024-02-26', { catalogueItemId: '2024-03' }]]);
}
