import { Client } from 'pg';

/**
 * Runs `work` and returns it with every SQL statement the process sent meanwhile (through pg's
 * Client.query, which TypeORM's pool uses): for tests that pin how many statements a request
 * costs, so an N+1 or a read-back that creeps in fails them.
 */
export async function withStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = Client.prototype.query;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const q = args[0] as string | { text: string };
    statements.push(typeof q === 'string' ? q : q.text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  try {
    return { result: await work(), statements };
  } finally {
    Client.prototype.query = original;
  }
}
