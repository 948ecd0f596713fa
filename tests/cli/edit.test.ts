// Editing from the command line: goal update --member/--whole-family/--status, meeting update,
// meeting edit-line and remove-line. A refused edit exits 2 and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { family, goal, meeting, state } from '../helpers/fixtures.js';

const DATE = '2026-11-24';

describe('editing from the command line', { timeout: 120_000 }, () => {
  let box: Sandbox;
  const run = (...args: string[]) => box.run([...args, '--date', DATE]);
  const read = async () => (await new JsonFileStore(box.store).read()).families[0];
  beforeAll(async () => {
    box = sandbox();
    await new JsonFileStore(box.store).create(state(family('f1', { goals: [goal('g1', '2026-12-01')], meetings: [meeting('m1', '2026-11-24T09:00:00+01:00', { minutes: 'Én\nTo\nTre' })] })));
  });
  afterAll(() => box.cleanup());

  it("changes a goal's member and status, and makes it the whole family's again", async () => {
    expect(run('goal', 'update', 'g1', '--member', 'f1-c', '--status', 'on-hold')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Updated goal g1 \(step \d+\)\n$/) });
    expect((await read())?.goals[0]).toMatchObject({ memberId: 'f1-c', status: 'on-hold' });
    expect(run('goal', 'update', 'g1', '--whole-family').code).toBe(0);
    expect((await read())?.goals[0]).not.toHaveProperty('memberId');
    const bytes = box.bytes();
    expect(run('goal', 'update', 'g1', '--member', 'p99')).toMatchObject({ code: 2, stderr: expect.stringMatching(/no member p99 in family f1/) });
    expect(run('goal', 'update', 'g1', '--member', 'f1-c', '--whole-family')).toMatchObject({ code: 2, stderr: 'famcoord: give --member or --whole-family, not both\n' });
    expect(box.bytes()).toEqual(bytes);
  });

  it("changes a meeting's time, place and attendees (with sector and role)", async () => {
    const result = run('meeting', 'update', 'm1', '--start', '2026-11-25 10:30', '--place', 'Skolen', '--attendee', 'Lone Berg:jobcenter:mentor', '--attendee', 'Mette Jensen::mor');
    expect(result).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Updated meeting m1/) });
    expect((await read())?.meetings[0]).toMatchObject({ start: '2026-11-25T10:30:00+01:00', place: 'Skolen', attendees: [{ name: 'Lone Berg', sector: 'employment', role: 'mentor' }, { name: 'Mette Jensen', role: 'mor' }] });
    expect(run('meeting', 'update', 'm1', '--no-attendees').code).toBe(0);
    expect((await read())?.meetings[0]?.attendees).toEqual([]);
    expect(run('meeting', 'update', 'm1')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^famcoord: meeting update m1: nothing to change; give --type, --start, --duration, --place, --attendee or --no-attendees\n$/) });
  });

  it('edits and removes one line of the minutes, and refuses a line that is not there', async () => {
    expect(run('meeting', 'edit-line', 'm1', '2', '--text', 'To, rettet')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Changed line 2 of the minutes of meeting m1/) });
    expect(run('meeting', 'remove-line', 'm1', '1').code).toBe(0);
    expect((await read())?.meetings[0]?.minutes).toBe('To, rettet\nTre');
    const bytes = box.bytes();
    expect(run('meeting', 'remove-line', 'm1', '3')).toMatchObject({ code: 2, stderr: 'famcoord: operation 1: meeting m1 has no line 3 (its minutes have 2); nothing was written\n' });
    expect(run('meeting', 'edit-line', 'm1', 'two', '--text', 'x')).toMatchObject({ code: 2, stderr: 'famcoord: LINE must be a line number, 1 = the first line\n' });
    expect(run('meeting', 'edit-line', 'm1', '1')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^famcoord: --text is required/) });
    expect(box.bytes()).toEqual(bytes);
    // A batch of edits is one step, all or nothing.
    const batch = ['{"op": "minutes.edit", "meetingId": "m1", "line": 1, "text": "To"}', '{"op": "meeting.update", "meetingId": "m1", "durationMin": 90}'];
    expect(box.run(['batch', '-', '--date', DATE], { input: [...batch, '{"op": "minutes.remove", "meetingId": "m1", "line": 7}'].join('\n') })).toMatchObject({ code: 2, stderr: expect.stringMatching(/line 3: meeting m1 has no line 7/) });
    expect(box.bytes()).toEqual(bytes);
    expect(box.run(['batch', '-', '--date', DATE], { input: batch.join('\n') }).code).toBe(0);
    expect((await read())?.meetings[0]).toMatchObject({ minutes: 'To\nTre', durationMin: 90 });
    const log = JSON.parse(run('log', '--json').stdout) as Array<{ ops: Array<{ op: string }> }>;
    expect(log.map((step) => step.ops[0]?.op)).toEqual(expect.arrayContaining(['minutes.edit', 'minutes.remove', 'meeting.update', 'goal.update']));
  });
});
