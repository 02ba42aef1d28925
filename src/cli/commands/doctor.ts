/** `quire doctor`: checks that this machine can run the archive, and says how to fix what it cannot. */
import { runDoctorChecks, type CheckStatus } from '../../ops/doctor.ts';
import type { Command } from '../command.ts';

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check the configuration, database, fonts, tools, disk and mail',
  help: `Usage: quire doctor

Checks, with the settings \`quire serve\` would use: the configuration, the
database connection, that migrations are current, the fonts PDF downloads
need, epubcheck and Calibre (both optional), free disk space in the data
folder, and the SMTP server when QUIRE_SMTP_URL is set. Prints each as
ok, warn or FAIL with how to fix it; exits 1 when any check fails.`,
  async run() {
    const results = await runDoctorChecks();
    for (const result of results) {
      console.log(`${MARK[result.status]}  ${result.name}: ${result.detail}`);
      if (result.fix && result.status !== 'ok') console.log(`      fix: ${result.fix}`);
    }
    const fails = results.filter((r) => r.status === 'fail').length;
    const warns = results.filter((r) => r.status === 'warn').length;
    console.log(
      fails ? `${fails} check(s) failed, ${warns} warning(s).` : `No failures${warns ? `, ${warns} warning(s)` : ''}.`,
    );
    return fails ? 1 : 0;
  },
};
