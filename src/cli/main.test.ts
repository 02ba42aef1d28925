/**
 * main()'s command table: `quire --help` lists each command from the table
 * without loading its module, so the table's summary must be the command's own.
 */
import { expect, it } from 'vitest';
import { commandTable } from './main.ts';

it('lists every command under its own name and summary', async () => {
  for (const entry of commandTable) {
    const command = await entry.load();
    expect({ name: command.name, summary: command.summary }).toEqual({ name: entry.name, summary: entry.summary });
  }
});
