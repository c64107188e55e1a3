import { area } from '../area';

export default area(
  {
    receivedOn: '收到日期（不填为今天）',
    occurredOn: '发生日期（不填为今天）',
    receivedHelp: '意见实际收到的日期，须在征求意见期内；不得早于本案最近一次办理的日期。',
    occurredHelp: '事项实际发生的日期，如会议召开日、文件公布日；不得早于本案最近一次办理的日期。',
    notAfterToday: '发生日期不能晚于今天',
    fixFirst: '请按提示修改后再提交',
    submitFailed: '提交失败，请重试',
    conflict: '案件已被他人更新，请重新加载后再办理',
    reloaded: '已重新加载案件的最新情况，请核对后再提交。',
    case: '案件：',
    basis: '依据：',
    nothingToFill: '此事项无需填写内容，确认后即办理。',
    refused: '操作被拒绝：不符合法定程序',
    reload: '重新加载案件',
    cancel: '取消',
    submit: '确认办理',
  },
  {
    receivedOn: 'Date received (today if left empty)',
    occurredOn: 'Date it happened (today if left empty)',
    receivedHelp:
      'The day the comment was actually received, within the public comment period; not earlier than the last step taken on this case.',
    occurredHelp:
      'The day it actually happened, such as the meeting day or the publication day; not earlier than the last step taken on this case.',
    notAfterToday: 'The date cannot be later than today',
    fixFirst: 'Please correct the fields shown and submit again',
    submitFailed: 'Submitting failed. Please try again.',
    conflict: 'Someone else has updated this case. Reload it before you continue.',
    reloaded: 'The case has been reloaded with its latest state. Please check and submit again.',
    case: 'Case: ',
    basis: 'Legal basis: ',
    nothingToFill: 'Nothing needs to be filled in; confirm to carry it out.',
    refused: 'Refused: this does not follow the legal procedure',
    reload: 'Reload the case',
    cancel: 'Cancel',
    submit: 'Confirm',
  },
);
