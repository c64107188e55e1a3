import { area } from '../area';

// The procedure diagram of a case (ProcedureDiagram.vue, lib/diagram.ts) and the refusal box that
// names the law standing in the way (BlockerAlert.vue).
export default area(
  {
    status: { done: '已完成', current: '当前阶段', blocked: '当前阶段（受阻）', todo: '未开始' },
    detail: '{status}：{detail}',
    track: '{label}：{state}',
    reason: '{message}（依据：{basis}）',
    outcomes: '其他结果：',
    side: '退回与其他去向（{n}）',
    back: '退回：',
    sideEdge: '{from} → {to}（{event}）',
    trackState: {
      exempt: '依法不予公开征求意见',
      notNeeded: '无需进行',
      done: '已完成',
      doneWith: '已完成（{conclusion}）',
    },
    blockers: {
      heading: '操作被拒绝：不符合法定程序',
      reason: '不能办理的原因：',
      basis: '依据：',
    },
  },
  {
    status: { done: 'Done', current: 'Current stage', blocked: 'Current stage (blocked)', todo: 'Not started' },
    detail: '{status}: {detail}',
    track: '{label}: {state}',
    reason: '{message} (basis: {basis})',
    outcomes: 'Other outcomes: ',
    side: 'Returns and other ways out ({n})',
    back: 'Back: ',
    sideEdge: '{from} → {to} ({event})',
    trackState: {
      exempt: 'Exempt from public comment by law',
      notNeeded: 'Not needed',
      done: 'Done',
      doneWith: 'Done ({conclusion})',
    },
    blockers: {
      heading: 'Refused: not the procedure the law requires',
      reason: 'Why it cannot be done: ',
      basis: 'Basis: ',
    },
  },
);
