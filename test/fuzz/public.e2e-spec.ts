/** Fuzzing the public comment form (see fuzz-harness.ts for what every property checks). */
import fc from 'fast-check';
import { brokenBody, enc, Field, J, notString, over, useFuzzWorld, weirdString } from './fuzz-harness';

jest.setTimeout(120_000);

describe('fuzzing: hostile input is refused with the contract error and changes nothing', () => {
  const { fixed, refused, property } = useFuzzWorld();

  it('POST /api/public/consultations/:id/comments: anything to a closed or unknown consultation is refused (throttled after 5)', async () => {
    const fields: Field[] = [
      {
        key: 'content',
        valid: '我的意见是这样的',
        required: true,
        bad: fc.oneof(notString, fc.constantFrom<J>('', 'abcd', 'a\u0000bcdef'), over(2000)),
      },
      { key: 'submitter', valid: '市民', required: false, bad: fc.oneof(notString, over(50), fc.constant<J>('a\u0001b')) },
    ];
    await property(
      fc.record({
        id: fc.oneof(
          fc.constant(fixed.open.id),
          fc.constant(fixed.drafting.id),
          fc.uuid(),
          weirdString.filter((s) => s.length > 0).map(enc),
        ),
        body: fc.oneof(brokenBody(fields), fc.constant('{"content":"我的意见是这样的"}')),
      }),
      async ({ id, body }) => {
        await refused({ method: 'POST', path: `/api/public/consultations/${id}/comments`, body, who: 'none' });
      },
      30,
    );
  });
});
