/** `foresight models`: the registry. */
import type { CAC } from 'cac';
import { listModels } from '../ensemble/registry.js';
import { formatTable } from '../pipeline/format.js';

export function registerModelsCommand(cli: CAC): void {
  cli.command('models', 'List the models in the registry').action(() => {
    process.stdout.write(
      formatTable(
        ['model', 'description'],
        listModels().map((d) => [d.name, d.description]),
      ) + '\n',
    );
  });
}
