/** `foresight tokens create`: makes an API token, prints it once; the store keeps only its hash. */
import type { CAC } from 'cac';
import { ForesightError } from '../core/errors.js';
import { databasePath } from '../store/data-dir.js';
import { Store } from '../store/store.js';

export function registerTokensCommand(cli: CAC): void {
  cli
    .command('tokens [action]', 'Manage API tokens: `foresight tokens create [--name NAME]`')
    .option('--name <name>', 'What the token is for', { default: 'default' })
    .option('--db <file>', 'Database file (default: FORESIGHT_DB, else the data directory)')
    .action((action: string | undefined, options) => {
      if (action !== 'create')
        throw new ForesightError(
          'invalid_argument',
          `tokens: unknown action "${action ?? ''}" (use: foresight tokens create)`,
          { value: action ?? '' },
        );
      const store = Store.open(databasePath(options.db));
      try {
        const { token, record } = store.createToken(String(options.name));
        process.stdout.write(token + '\n');
        process.stderr.write(
          `token "${record.name}" (${record.id}) stored hashed in ${store.path}; it is shown only now\n`,
        );
      } finally {
        store.close();
      }
    });
}
