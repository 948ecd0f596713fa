// famcoord team user add|list|remove: the people of a team's store. Each person is a PostgreSQL
// login (famcoord never stores a password: the server's administrator gives the login one, or
// peer or certificate sign-in) with a role, and the name families name them by. Run by the team's
// lead or the store's owner; the database checks that (src/store/pgTeamSchema.ts).
import type { Command } from 'commander';
import { SECTORS } from '../domain/vocabulary.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { isTeamStore, TEAM_ROLES, type TeamMember, type TeamRole, type TeamStore } from '../store/team.js';
import { StoreError } from '../store/errors.js';
import { createContext, type CliContext } from './context.js';
import { UsageError } from './errors.js';
import { formatTable } from './table.js';

/** A PostgreSQL role name famcoord makes for a person: plain, so it is typed the same everywhere. */
const LOGIN = /^[a-z_][a-z0-9_]{0,62}$/;

async function teamStore(ctx: CliContext): Promise<TeamStore> {
  const store = await ctx.openStore();
  if (!isTeamStore(store)) throw new UsageError(`a team's people are PostgreSQL logins; ${store.path} is one person's store file (famcoord migrate --to postgresql://... moves it to a server)`);
  return store;
}

function loginArgument(login: string): string {
  if (!LOGIN.test(login)) throw new UsageError('LOGIN must be a PostgreSQL login of lower-case letters, digits and _, starting with a letter, e.g. hanne');
  return login;
}

export function registerTeamUser(team: Command): void {
  const user = team.command('user').description("the team's people: each a PostgreSQL login with a role (coordinator, caseworker, lead, auditor)");
  user
    .command('add')
    .description('add a person: their login (made without a password when there is none), name and role')
    .argument('<LOGIN>', 'their PostgreSQL login, e.g. hanne')
    .requiredOption('--name <NAME>', 'their name as families name them (the coordinator field), e.g. "Hanne Kjær"')
    .requiredOption('--role <ROLE>', `one of ${TEAM_ROLES.join(', ')}`)
    .option('--sector <SECTOR>', "a caseworker's sector (repeat for more)", (value: string, previous: string[] = []) => [...previous, value])
    .addHelpText('after', '\nExamples:\n  famcoord team user add hanne --name "Hanne Kjær" --role coordinator\n  famcoord team user add lone --name "Lone Berg" --role caseworker --sector employment')
    .action(async (login: string, options: { name: string; role: string; sector?: string[] }, command: Command) => {
      const ctx = createContext(command);
      const role = options.role as TeamRole;
      if (!TEAM_ROLES.includes(role)) throw new UsageError(`--role must be one of ${TEAM_ROLES.join(', ')}, e.g. --role coordinator`);
      const name = options.name.trim();
      if (name === '') throw new UsageError('--name needs the person\'s name, e.g. --name "Hanne Kjær"');
      const sectors = options.sector ?? [];
      const unknown = sectors.find((s) => !(SECTORS as readonly string[]).includes(s));
      if (unknown !== undefined) throw new UsageError(`--sector must be one of ${SECTORS.join(', ')}, e.g. --sector employment`);
      if (sectors.length > 0 && role !== 'caseworker') throw new UsageError('--sector is for a caseworker (--role caseworker)');
      const member: TeamMember = { login: loginArgument(login), name, role, sectors };
      await (await teamStore(ctx)).addTeamMember(member);
      if (ctx.json) return ctx.printJson({ ok: true, added: member });
      ctx.print(`Added ${sanitizeLine(name)} (${login}) as ${role}${sectors.length > 0 ? ` for ${sectors.join(', ')}` : ''}`);
    });
  user
    .command('list')
    .description("the team's people: login, name, role, sectors")
    .action(async (_options, command: Command) => {
      const ctx = createContext(command);
      const members = await (await teamStore(ctx)).teamMembers();
      if (ctx.json) return ctx.printJson(members);
      if (members.length === 0) return ctx.print('No one is in the team yet; add people with famcoord team user add LOGIN --name NAME --role ROLE');
      ctx.print(
        formatTable<TeamMember>([
          { header: 'LOGIN', value: (m) => m.login },
          { header: 'NAME', value: (m) => m.name, maxWidth: 30 },
          { header: 'ROLE', value: (m) => m.role },
          { header: 'SECTORS', value: (m) => m.sectors.join(', ') },
        ], members),
      );
    });
  user
    .command('remove')
    .description('take a person out of the team: their login keeps no famcoord role (the login itself is the server administrator\'s)')
    .argument('<LOGIN>', 'their login, e.g. hanne')
    .action(async (login: string, _options, command: Command) => {
      const ctx = createContext(command);
      const removed = await (await teamStore(ctx)).removeTeamMember(loginArgument(login));
      if (!removed) throw new StoreError('missing', `${login} is not in the team (famcoord team user list shows it); nothing was changed`);
      if (ctx.json) return ctx.printJson({ ok: true, removed: login });
      ctx.print(`Removed ${login} from the team`);
    });
}
