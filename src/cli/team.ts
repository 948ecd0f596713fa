// famcoord team: a team on one store (PostgreSQL). Its people are `team user` (teamUser.ts).
import type { Command } from 'commander';
import { registerTeamUser } from './teamUser.js';

export function registerTeam(program: Command): void {
  const team = program.command('team').description("a team on one PostgreSQL store: its people (team user), each a login with a role");
  registerTeamUser(team);
}
