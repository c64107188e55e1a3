import Database from 'better-sqlite3';
import { HolderFacts, holderOf, holderSql } from './holder';

const bodies = { review: 'sfj', office: 'zfb' };

describe('holderOf: the department a step is charged to', () => {
  it('charges the official’s step to the drafting department', () => {
    expect(holderOf({ awaitingRoles: ',official,', department: 'fgw' }, bodies)).toBe('fgw');
  });

  it('charges the legality review to the review body, never to the drafting department', () => {
    expect(holderOf({ awaitingRoles: ',reviewer,', department: 'fgw' }, bodies)).toBe('sfj');
    expect(holderOf({ awaitingRoles: ',reviewer,', department: 'fgw', issuingOrgan: 'department' }, bodies)).toBe('sfj');
  });

  it('charges the secretariat’s step to the government office', () => {
    expect(holderOf({ awaitingRoles: ',secretariat,', department: 'fgw' }, bodies)).toBe('zfb');
    expect(holderOf({ awaitingRoles: ',secretariat,', department: 'fgw', issuingOrgan: 'government' }, bodies)).toBe('zfb');
  });

  it('charges the steps of a document a department issues itself to that department', () => {
    expect(holderOf({ awaitingRoles: ',secretariat,', department: 'zjj', issuingOrgan: 'department' }, bodies)).toBe('zjj');
  });

  it('charges an implemented decision (official and secretariat awaited) to the drafting department', () => {
    expect(holderOf({ awaitingRoles: ',official,secretariat,', department: 'jyj' }, bodies)).toBe('jyj');
  });

  it('charges nothing when nothing is awaited', () => {
    expect(holderOf({ awaitingRoles: '', department: 'fgw' }, bodies)).toBeNull();
  });
});

describe('holderSql: the same rule in the database', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE cases (awaiting_roles TEXT, department TEXT, snapshot TEXT, government_id TEXT)');
  db.exec('CREATE TABLE governments (id TEXT, review_department TEXT, office_department TEXT)');
  db.prepare('INSERT INTO governments VALUES (?, ?, ?)').run('g', bodies.review, bodies.office);
  const rolesOf = ['', ',official,', ',reviewer,', ',secretariat,', ',official,secretariat,', ',official,reviewer,'];
  const organs: HolderFacts['issuingOrgan'][] = [undefined, 'government', 'department'];
  const cases: HolderFacts[] = rolesOf.flatMap((awaitingRoles) =>
    organs.map((issuingOrgan) => ({ awaitingRoles, department: 'fgw', issuingOrgan })),
  );

  it('answers as holderOf does for every role awaited and issuing organ', () => {
    const insert = db.prepare('INSERT INTO cases VALUES (?, ?, ?, ?)');
    for (const c of cases) {
      const context = c.issuingOrgan ? { title: 't', issuingOrgan: c.issuingOrgan } : { title: 't' };
      insert.run(c.awaitingRoles, c.department, JSON.stringify({ value: 'x', context }), 'g');
    }
    const got = db.prepare(`SELECT ${holderSql()} AS held FROM cases c ORDER BY rowid`).all() as { held: string | null }[];
    expect(got.map((r) => r.held)).toEqual(cases.map((c) => holderOf(c, bodies)));
  });
});
